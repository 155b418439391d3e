package dev.traildenials.query;

import dev.traildenials.failure.Failure;
import dev.traildenials.source.ListingNarrowingRule;
import java.time.Instant;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.GetJsonObject;
import org.apache.spark.sql.catalyst.expressions.StringInstr;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * The Presto/Trino functions AWS's CloudTrail queries use that Spark SQL lacks, registered as
 * native Spark expressions (not UDFs), so that they are optimized and code-generated like any
 * built-in function.
 */
public final class AthenaFunctions {

  private AthenaFunctions() {}

  private static final UserDefinedFunction FROM_ISO8601_TIMESTAMP =
      functions
          .udf((UDF1<String, Instant>) Iso8601Timestamps::parse, DataTypes.TimestampType)
          // The name lets the scan's listing narrowing recognise it in a query's conditions.
          .withName(ListingNarrowingRule.FROM_ISO8601_TIMESTAMP);

  /**
   * Registers the functions, and the rule that narrows an archive's listing by a query's
   * conditions, in a session. Its settings are left alone: see {@link AthenaDialect}.
   */
  public static void register(SparkSession session) {
    ListingNarrowingRule.install(session);
    FunctionRegistry registry = session.sessionState().functionRegistry();
    register(
        registry,
        "from_iso8601_timestamp",
        1,
        arguments -> FROM_ISO8601_TIMESTAMP.apply(new Column(arguments[0])).expr());
    register(
        registry,
        "from_iso8601_date",
        1,
        arguments -> functions.to_date(new Column(arguments[0])).expr());
    register(
        registry,
        "to_iso8601",
        1,
        arguments ->
            functions.date_format(new Column(arguments[0]), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").expr());
    register(
        registry,
        "json_extract_scalar",
        2,
        arguments -> new GetJsonObject(arguments[0], arguments[1]));
    register(
        registry, "json_extract", 2, arguments -> new GetJsonObject(arguments[0], arguments[1]));
    register(registry, "strpos", 2, arguments -> new StringInstr(arguments[0], arguments[1]));
  }

  private static void register(
      FunctionRegistry registry,
      String name,
      int arity,
      Function<Expression[], Expression> builder) {
    scala.Function1<Seq<Expression>, Expression> scalaBuilder =
        arguments -> {
          if (arguments.length() != arity) {
            throw Failure.userInput(
                name + " takes " + arity + " argument(s), not " + arguments.length());
          }
          Expression[] array = new Expression[arity];
          for (int i = 0; i < arity; i++) {
            array[i] = arguments.apply(i);
          }
          return builder.apply(array);
        };
    registry.registerFunction(
        FunctionIdentifier.apply(name),
        new ExpressionInfo(AthenaFunctions.class.getName(), name),
        scalaBuilder);
  }
}
