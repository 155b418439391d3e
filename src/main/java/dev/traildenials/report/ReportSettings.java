package dev.traildenials.report;

import dev.traildenials.classify.DenialCodes;
import dev.traildenials.classify.FilterPattern;
import dev.traildenials.failure.Failure;
import dev.traildenials.redact.Redaction;
import dev.traildenials.store.TableFormat;
import java.time.Duration;
import java.util.List;

/**
 * Everything a report run is told, validated once.
 *
 * @param out where the tables go: a local folder or an s3a:// location
 * @param identityPatterns regular expressions on identity, principal or issuer ARN (empty: all)
 * @param eventSources event sources kept (empty: all)
 * @param slrFilter AWS's metric filter for service-linked-role denials (or the user's own pattern)
 * @param slrPeriod the metric's period
 * @param slrThreshold the alarm's threshold on the period's Sum
 * @param reportRows rows in each table of the human report
 * @param watchPatterns regular expressions on identity, principal or issuer ARN whose new denials
 *     are alerted (empty: none)
 * @param redaction how source IPs, user agents and request parameters are written
 * @param idleDays days without a call after which a service-linked role counts as idle
 */
public record ReportSettings(
    String out,
    TableFormat format,
    DenialCodes denialCodes,
    List<String> identityPatterns,
    List<String> eventSources,
    FilterPattern slrFilter,
    Duration slrPeriod,
    double slrThreshold,
    int reportRows,
    List<String> watchPatterns,
    Redaction redaction,
    int idleDays) {

  /** AWS's CloudWatch Logs metric filter pattern for service-linked-role denials. */
  public static final String AWS_SLR_FILTER =
      "{ $.eventName = Get* && $.errorCode = AccessDenied &&"
          + " $.userIdentity.sessionContext.sessionIssuer.arn ="
          + " \"arn:aws:iam::*:role/aws-service-role/*\" }";

  /** The tables' format unless told. */
  public static final String DEFAULT_FORMAT = "delta";

  /** The metric's period unless told (ISO 8601), AWS's alarm's period. */
  public static final String DEFAULT_SLR_PERIOD = "PT1H";

  /** The alarm's threshold unless told: AWS's alarm is in ALARM at Sum >= 1. */
  public static final int DEFAULT_SLR_THRESHOLD = 1;

  public static final int DEFAULT_REPORT_ROWS = 200;

  /**
   * Days without a call after which a service-linked role is idle, unless told: IAM's own
   * suggestion for reviewing unused roles is 90 days.
   */
  public static final int DEFAULT_IDLE_DAYS = 90;

  /**
   * The settings of a report into {@code out} that is told nothing else: every identity and event
   * source, AWS's metric filter and alarm, no watched identities, nothing redacted.
   */
  public static ReportSettings defaults(String out, DenialCodes denialCodes) {
    return new ReportSettings(
        out,
        TableFormat.parse(DEFAULT_FORMAT),
        denialCodes,
        List.of(),
        List.of(),
        FilterPattern.parse(AWS_SLR_FILTER),
        Duration.parse(DEFAULT_SLR_PERIOD),
        DEFAULT_SLR_THRESHOLD,
        DEFAULT_REPORT_ROWS,
        List.of(),
        Redaction.none(),
        DEFAULT_IDLE_DAYS);
  }

  public ReportSettings {
    // Checked before a run writes anything: a filter over a field the tables do not keep.
    FilterPatternColumns.requireKeptFields(slrFilter);
    identityPatterns = List.copyOf(identityPatterns);
    eventSources = List.copyOf(eventSources);
    watchPatterns = List.copyOf(watchPatterns);
    if (slrPeriod.isNegative()
        || slrPeriod.isZero()
        || slrPeriod.toNanos() % 1_000_000_000L != 0
        || Duration.ofDays(1).getSeconds() % slrPeriod.getSeconds() != 0) {
      throw Failure.userInput(
          "{slrPeriod} "
              + slrPeriod
              + " must be whole seconds that divide a day, as CloudWatch periods do: PT1M, PT5M,"
              + " PT1H, P1D",
          "slrPeriod");
    }
    if (reportRows < 1) {
      throw Failure.userInput("{reportRows} must be at least 1", "reportRows");
    }
    if (idleDays < 1) {
      throw Failure.userInput("{idleDays} must be at least 1", "idleDays");
    }
  }
}
