package dev.traildenials.report;

import dev.traildenials.classify.Classification;
import dev.traildenials.classify.DenialClassifier;
import dev.traildenials.classify.DenialFacts;
import dev.traildenials.classify.PrincipalKind;
import dev.traildenials.classify.Principals;
import dev.traildenials.redact.Redaction;
import dev.traildenials.render.ReadableMessages;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF9;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The classifier as SQL functions, for the queries of {@code sql/report}. */
public final class DenialFunctions {

  static final StructType CLASSIFICATION =
      new StructType()
          .add("deny_kind", DataTypes.StringType, false)
          .add("policy_type", DataTypes.StringType)
          .add("policy_arn", DataTypes.StringType)
          .add("denied_action", DataTypes.StringType)
          .add("denied_resource", DataTypes.StringType);

  private DenialFunctions() {}

  /**
   * Registers the functions; {@code redact_ip}, {@code redact_dropped} apply the redaction (the key
   * travels inside the function, never as a literal in a query plan or log).
   */
  public static void register(SparkSession session, Redaction redaction) {
    session
        .udf()
        .register("redact_ip", (UDF1<String, String>) redaction::sourceIp, DataTypes.StringType);
    session
        .udf()
        .register(
            "redact_dropped", (UDF1<String, String>) redaction::dropped, DataTypes.StringType);
    session
        .udf()
        .register(
            "classify_denial",
            (UDF9<String, String, String, String, String, String, String, String, String, Row>)
                DenialFunctions::classify,
            CLASSIFICATION);
    session
        .udf()
        .register(
            "principal_arn",
            (UDF4<String, String, String, String, String>) Principals::principalArn,
            DataTypes.StringType);
    session
        .udf()
        .register(
            "principal_kind",
            (UDF4<String, String, String, String, String>)
                (type, arn, issuer, invokedBy) ->
                    PrincipalKind.of(type, arn, issuer, invokedBy).label(),
            DataTypes.StringType);
    session
        .udf()
        .register(
            "readable_message",
            (UDF1<String, String>) ReadableMessages::readable,
            DataTypes.StringType);
    session
        .udf()
        .register(
            "linked_service",
            (UDF1<String, String>) Principals::linkedService,
            DataTypes.StringType);
  }

  private static Row classify(
      String errorCode,
      String errorMessage,
      String eventSource,
      String eventName,
      String accountId,
      String region,
      String identityArn,
      String firstResourceArn,
      String requestParameters) {
    Classification classification =
        DenialClassifier.classify(
            new DenialFacts(
                errorCode,
                errorMessage,
                eventSource,
                eventName,
                accountId,
                region,
                identityArn,
                firstResourceArn == null ? List.of() : List.of(firstResourceArn),
                requestParameters));
    return RowFactory.create(
        classification.denyKind().label(),
        classification.policyType(),
        classification.policyArn(),
        classification.deniedAction(),
        classification.deniedResource());
  }
}
