package dev.traildenials.parse;

import dev.traildenials.failure.Failure;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Which records a scan decodes whole. Every record gets its summary columns; only a notable record
 * gets the others (its detail columns), which stay null in the rest. A report counts every record
 * but keeps whole only the few it classifies, and decoding the request parameters, messages and
 * agents of all the others would be most of the work of reading them.
 *
 * @param name what a read option calls it
 * @param summaryColumns top-level columns decoded for every record
 * @param presentColumns a record is notable when one of these top-level text columns holds a value
 * @param equalColumns or when one of these top-level text columns holds one of the values
 */
public record DetailRule(
    String name,
    Set<String> summaryColumns,
    Set<String> presentColumns,
    Map<String, Set<String>> equalColumns)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The name of {@link #ERRORS_AND_IAM} as a read option gives it. */
  public static final String ERRORS_AND_IAM_NAME = "errors-and-iam";

  /**
   * The report's one pass: who did what, when and where for every record; everything for a record
   * with an error code and for IAM's own calls (service-linked roles are created and deleted
   * there). Its SQL keeps whole exactly {@code errorcode IS NOT NULL OR eventsource =
   * 'iam.amazonaws.com'}.
   */
  public static final DetailRule ERRORS_AND_IAM =
      new DetailRule(
          ERRORS_AND_IAM_NAME,
          Set.of(
              "eventtime",
              "eventid",
              "recipientaccountid",
              "useridentity",
              "awsregion",
              "eventsource",
              "eventname",
              "errorcode",
              "resources"),
          Set.of("errorcode"),
          Map.of("eventsource", Set.of("iam.amazonaws.com")));

  public DetailRule {
    summaryColumns = Set.copyOf(summaryColumns);
    presentColumns = Set.copyOf(presentColumns);
    equalColumns = Map.copyOf(equalColumns);
  }

  /** The rule a read option names; null for none (every record decoded whole). */
  public static DetailRule named(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (name.equals(ERRORS_AND_IAM_NAME)) {
      return ERRORS_AND_IAM;
    }
    throw Failure.internal("no detail rule is named " + name);
  }
}
