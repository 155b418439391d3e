package dev.traildenials.cli;

import dev.traildenials.classify.ArnPatterns;
import dev.traildenials.classify.DenialCodes;
import dev.traildenials.classify.FilterPattern;
import dev.traildenials.failure.Failure;
import dev.traildenials.redact.Redaction;
import dev.traildenials.report.ReportSettings;
import dev.traildenials.store.TableFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the report's tables, shared by {@code report} and {@code nightly}. */
final class ReportOptions {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<location>",
      description = "Where the tables go: a local folder, file:... or s3a://bucket/prefix.")
  String out;

  @Option(
      names = "--format",
      paramLabel = "<format>",
      defaultValue = ReportSettings.DEFAULT_FORMAT,
      converter = OptionTypes.Format.class,
      description = "The tables' format: delta or parquet.")
  TableFormat format;

  @Option(
      names = "--identity",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      split = ",",
      paramLabel = "<arn>",
      description =
          "Keep only calls whose identity, principal (role) or session issuer ARN matches; exact"
              + " or with * wildcards, e.g. 'arn:aws:iam::*:role/aws-service-role/*'. Repeatable;"
              + " every identity by default.")
  List<String> identities = new ArrayList<>();

  @Option(
      names = "--event-source",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      split = ",",
      paramLabel = "<source>",
      description =
          "Keep only these event sources (s3.amazonaws.com, ...). Repeatable; all by default.")
  List<String> eventSources = new ArrayList<>();

  @Option(
      names = "--error-code",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      split = ",",
      paramLabel = "<code>",
      description =
          "Count only these error codes as denials, instead of the rules of --denial-codes."
              + " Repeatable.")
  List<String> errorCodes = new ArrayList<>();

  @Option(
      names = "--denial-codes",
      paramLabel = "<file>",
      description =
          "The rules for which error codes are denials. Default: conf/denial-codes.conf (AWS's"
              + " predicate plus documented denial codes).")
  Path denialCodes;

  @Option(
      names = "--slr-filter",
      paramLabel = "<pattern>",
      defaultValue = ReportSettings.AWS_SLR_FILTER,
      description =
          "The metric filter pattern of slr_metric_hourly, in CloudWatch Logs syntax; the default"
              + " is the pattern of AWS's metric filter for service-linked-role denials.")
  String slrFilter;

  @Option(
      names = "--slr-period",
      paramLabel = "<duration>",
      defaultValue = ReportSettings.DEFAULT_SLR_PERIOD,
      description = "The metric's period (ISO 8601 duration).")
  Duration slrPeriod;

  @Option(
      names = "--slr-threshold",
      paramLabel = "<sum>",
      defaultValue = "" + ReportSettings.DEFAULT_SLR_THRESHOLD,
      description = "The alarm is in ALARM for a period whose Sum is at least this.")
  double slrThreshold;

  @Option(
      names = "--report-rows",
      paramLabel = "<n>",
      defaultValue = "" + ReportSettings.DEFAULT_REPORT_ROWS,
      description = "Rows in each table of the human report.")
  int reportRows;

  @Option(
      names = "--idle-days",
      paramLabel = "<days>",
      defaultValue = "" + ReportSettings.DEFAULT_IDLE_DAYS,
      description =
          "Days without a call after which a service-linked role counts as idle in"
              + " service_linked_roles (its deletion_readiness).")
  int idleDays;

  @Option(
      names = "--catalog-database",
      paramLabel = "<name>",
      description =
          "Also register the tables in the session catalog as <name>.<table> (the Hive metastore;"
              + " the AWS Glue Data Catalog on EMR when Spark is set up for it), so notebooks and"
              + " Athena find them by name. The database is created if needed.")
  String catalogDatabase;

  @Option(
      names = "--redact",
      defaultValue = "false",
      description =
          "For tables shared outside the security team: source IPs hashed with the key of"
              + " --redaction-key-file (HMAC-SHA256), or dropped without one; user agents and"
              + " request parameters dropped. Write redacted tables to an --out of their own.")
  boolean redact;

  @Option(
      names = "--redaction-key-file",
      paramLabel = "<file>",
      description =
          "A file holding the secret key (16 bytes or more) for hashing source IPs with --redact;"
              + " the same key gives the same hash across runs.")
  Path redactionKeyFile;

  ReportSettings settings(List<String> watchPatterns) throws IOException {
    return new ReportSettings(
        ArchiveOptions.normalizeRoot(out),
        format,
        errorCodes.isEmpty() ? loadDenialCodes() : DenialCodes.exactly(errorCodes),
        ArnPatterns.toRegexes(identities),
        eventSources,
        FilterPattern.parse(slrFilter),
        slrPeriod,
        slrThreshold,
        reportRows,
        watchPatterns,
        redaction(),
        idleDays);
  }

  private Redaction redaction() throws IOException {
    if (redactionKeyFile != null && !redact) {
      throw Failure.userInput("--redaction-key-file is used only with --redact");
    }
    if (!redact) {
      return Redaction.none();
    }
    if (redactionKeyFile == null) {
      return Redaction.dropAll();
    }
    byte[] key = Files.readAllBytes(redactionKeyFile);
    // A trailing newline from an editor or `echo` is not part of the key.
    String text = new String(key, StandardCharsets.UTF_8);
    return Redaction.withKey(text.strip().getBytes(StandardCharsets.UTF_8));
  }

  private DenialCodes loadDenialCodes() throws IOException {
    Path file =
        denialCodes != null ? denialCodes : ConfDefaults.confFile("denial-codes.conf").orElse(null);
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return DenialCodes.parse(reader, file.toString());
      }
    }
    // On a cluster: the copy packaged in the jar.
    try (InputStream in =
        ReportOptions.class.getClassLoader().getResourceAsStream("conf/denial-codes.conf")) {
      if (in == null) {
        throw Failure.internal("conf/denial-codes.conf is missing from the jar");
      }
      return DenialCodes.parse(
          new InputStreamReader(in, StandardCharsets.UTF_8), "conf/denial-codes.conf (jar)");
    }
  }
}
