package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.traildenials.classify.ArnPatterns;
import dev.traildenials.classify.FilterPattern;
import dev.traildenials.classify.FilterPattern.All;
import dev.traildenials.classify.FilterPattern.Any;
import dev.traildenials.classify.FilterPattern.Check;
import dev.traildenials.classify.FilterPattern.Comparison;
import dev.traildenials.classify.FilterPattern.Expression;
import dev.traildenials.failure.Failure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/**
 * A metric filter pattern as a condition on {@code denial_events}: each CloudTrail field the
 * pattern names is the column that table keeps it in. A pattern over a field the table does not
 * keep is refused with the list of fields it can use.
 */
final class FilterPatternColumns {

  /** CloudTrail record field (as {@code $.path} names it) → denial_events column. */
  static final Map<String, String> FIELDS = fields();

  private FilterPatternColumns() {}

  private static Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("eventID", "event_id");
    fields.put("eventTime", "event_time");
    fields.put("recipientAccountId", "account_id");
    fields.put("awsRegion", "region");
    fields.put("eventSource", "event_source");
    fields.put("eventName", "event_name");
    fields.put("eventType", "event_type");
    fields.put("errorCode", "error_code");
    fields.put("errorMessage", "error_message");
    fields.put("userIdentity.type", "identity_type");
    fields.put("userIdentity.arn", "identity_arn");
    fields.put("userIdentity.invokedBy", "invoked_by");
    fields.put("userIdentity.sessionContext.sessionIssuer.arn", "session_issuer_arn");
    fields.put("sourceIPAddress", "source_ip");
    fields.put("userAgent", "user_agent");
    fields.put("vpcEndpointId", "vpc_endpoint_id");
    return Map.copyOf(fields);
  }

  static Column toColumn(FilterPattern pattern) {
    requireKeptFields(pattern);
    return toColumn(pattern.expression());
  }

  /** Refuses a pattern over a field {@code denial_events} does not keep, naming those it does. */
  static void requireKeptFields(FilterPattern pattern) {
    for (String path : pattern.paths()) {
      if (!FIELDS.containsKey(path)) {
        throw Failure.userInput(
            "The metric filter names $."
                + path
                + ", which denial_events does not keep. Fields a filter can use: $."
                + String.join(", $.", new TreeSet<>(FIELDS.keySet())));
      }
    }
  }

  private static Column toColumn(Expression expression) {
    if (expression instanceof All all) {
      return all.parts().stream().map(FilterPatternColumns::toColumn).reduce(Column::and).get();
    }
    if (expression instanceof Any any) {
      return any.parts().stream().map(FilterPatternColumns::toColumn).reduce(Column::or).get();
    }
    if (expression instanceof Check check) {
      Column field = col(FIELDS.get(check.path()));
      return switch (check.kind()) {
        case IS_NULL, NOT_EXISTS -> field.isNull();
        case IS_TRUE -> field.cast("string").equalTo("true");
        case IS_FALSE -> field.cast("string").equalTo("false");
      };
    }
    Comparison comparison = (Comparison) expression;
    Column field = col(FIELDS.get(comparison.path()));
    Column matched;
    if (comparison.numeric()) {
      Column number = field.cast("double");
      Column value = lit(Double.parseDouble(comparison.value()));
      matched =
          switch (comparison.operator()) {
            case EQUAL -> number.equalTo(value);
            case NOT_EQUAL -> number.notEqual(value);
            case LESS -> number.lt(value);
            case LESS_OR_EQUAL -> number.leq(value);
            case GREATER -> number.gt(value);
            case GREATER_OR_EQUAL -> number.geq(value);
          };
    } else {
      Column equal =
          comparison.hasWildcard()
              ? field.rlike(ArnPatterns.toRegex(comparison.value()))
              : field.equalTo(comparison.value());
      matched = comparison.operator() == FilterPattern.Operator.EQUAL ? equal : not(equal);
    }
    // A field the record lacks matches nothing, as in CloudWatch.
    return field.isNotNull().and(matched);
  }
}
