package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.classify.FilterPattern;
import dev.traildenials.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A metric filter pattern as a condition on denial_events rows: what it keeps and drops. */
class FilterPatternColumnsTest {

  private static final StructType COLUMNS =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("event_name", DataTypes.StringType)
          .add("error_code", DataTypes.StringType)
          .add("session_issuer_arn", DataTypes.StringType)
          .add("event_source", DataTypes.StringType)
          .add("invoked_by", DataTypes.StringType);

  private static final String SLR =
      "arn:aws:iam::1:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

  private static Dataset<Row> events() {
    List<Row> rows =
        List.of(
            event("slr-get", "GetBucketAcl", "AccessDenied", SLR, "s3.amazonaws.com", null),
            event("slr-put", "PutObject", "AccessDenied", SLR, "s3.amazonaws.com", null),
            event(
                "slr-exception", "GetKey", "AccessDeniedException", SLR, "kms.amazonaws.com", null),
            event(
                "look-alike",
                "GetObject",
                "AccessDenied",
                "arn:aws:iam::1:role/AWSServiceRoleForBackups",
                "s3.amazonaws.com",
                null),
            event("lower-case", "getObject", "AccessDenied", SLR, "s3.amazonaws.com", null),
            event("no-issuer", "GetObject", "AccessDenied", null, "s3.amazonaws.com", null),
            event(
                "ec2",
                "RunInstances",
                "Client.UnauthorizedOperation",
                null,
                "ec2.amazonaws.com",
                null),
            event(
                "by-service",
                "Decrypt",
                "AccessDenied",
                null,
                "kms.amazonaws.com",
                "config.amazonaws.com"));
    return SharedSpark.session().createDataFrame(rows, COLUMNS);
  }

  private static Row event(
      String id, String name, String code, String issuer, String source, String invokedBy) {
    return RowFactory.create(id, name, code, issuer, source, invokedBy);
  }

  private static List<String> matching(String pattern) {
    return events()
        .filter(FilterPatternColumns.toColumn(FilterPattern.parse(pattern)))
        .select("event_id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  @Test
  void theSeedPatternKeepsOnlyServiceLinkedRoleGetDenials() {
    // Not PutObject, not AccessDeniedException, not a role merely named like one, not getObject
    // (matching is case-sensitive, as in CloudWatch), not a call without a session issuer.
    assertThat(matching(ReportSettings.AWS_SLR_FILTER)).containsExactly("slr-get");
  }

  @Test
  void orNegationWildcardsAndChecks() {
    assertThat(
            matching(
                "{ ($.errorCode = \"AccessDenied\" || $.errorCode = *UnauthorizedOperation)"
                    + " && $.eventSource != s3.amazonaws.com && $.userIdentity.invokedBy IS NULL }"))
        .containsExactly("ec2");
    assertThat(matching("{ $.userIdentity.invokedBy NOT EXISTS && $.eventSource = kms* }"))
        .containsExactly("slr-exception");
    // A field the row lacks matches no comparison, not even !=.
    assertThat(matching("{ $.userIdentity.invokedBy != x }")).containsExactly("by-service");
  }

  @Test
  void aFieldDenialEventsDoesNotKeepIsRefused() {
    assertThatThrownBy(() -> FilterPatternColumns.toColumn(FilterPattern.parse("{ $.bytes > 5 }")))
        .hasMessageContaining("names $.bytes, which denial_events does not keep")
        .hasMessageContaining("$.errorCode");
  }
}
