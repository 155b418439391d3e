package dev.traildenials.cli;

import dev.traildenials.alert.Alert;
import dev.traildenials.alert.AlertDelivery;
import dev.traildenials.alert.AlertMessages;
import dev.traildenials.archive.Times;
import dev.traildenials.classify.ArnPatterns;
import dev.traildenials.failure.Failure;
import dev.traildenials.report.Reading;
import dev.traildenials.report.ReportSettings;
import dev.traildenials.report.RunSummary;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.store.OutputFiles;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nightly}: read every log file no run has read yet and bring the tables up to date. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Reads every log file of the last --look-back days of folders that no earlier nightly run"
          + " read (late deliveries included, whatever day folder they landed in), merges their"
          + " denials and recomputes the tables for the days those events touch. The ledger"
          + " table processed_files records each file read (path, size, modification time, run)."
          + " With --from/--to it backfills those day folders instead.",
      "A re-run reads nothing new and changes no table; a skipped night is caught up by the next"
          + " (within the look-back); a file delivered again under another name adds no event"
          + " twice.",
      "When the run raises service-linked-role alarm periods, or adds denials of a"
          + " --watch-identity, it writes <out>/alerts/<run id>.json and sends it to the webhook"
          + " and SNS topic given. The first run on an --out is the baseline: it records what it"
          + " finds and sends nothing; later runs alert on what is new since.",
      "Exit codes: 0 done, 2 a mistake in the command, 3 alerts raised with --fail-on-alarm,"
          + " 4 a bad log file in a strict run, 5 the storage or an alert's delivery failed,"
          + " 130 interrupted (run it again), 1 anything else."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # The night's run: alerts to a Slack webhook; exit code 3 pages the scheduler",
      "  TRAIL_DENIALS_WEBHOOK_URL=https://hooks.slack.com/services/T0/B0/XXXX \\",
      "    trail-denials nightly --archive s3a://my-trail-bucket/AWSLogs/o-abc123 \\",
      "      --out s3a://my-reports/trail-denials --fail-on-alarm",
      "  # Alerts to SNS, and on every denial of a break-glass role",
      "  trail-denials nightly --archive s3a://my-trail-bucket \\",
      "      --out s3a://my-reports/trail-denials \\",
      "      --sns-topic arn:aws:sns:us-east-1:111111111111:denials \\",
      "      --watch-identity 'arn:aws:iam::*:role/BreakGlass'",
      "  # Backfill February's day folders",
      "  trail-denials nightly --archive s3a://my-trail-bucket \\",
      "      --out s3a://my-reports/trail-denials --from 2024-02-01 --to 2024-03-01"
    })
final class NightlyCommand implements Callable<Integer> {

  /** Where a webhook URL may be given instead of the command line (it is a secret). */
  static final String WEBHOOK_ENVIRONMENT = "TRAIL_DENIALS_WEBHOOK_URL";

  static final String DEFAULT_LOOK_BACK = "P3D";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ArchiveOptions archive;

  @Mixin SparkConfOption sparkConf;

  @Mixin ReportOptions options;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--look-back",
      paramLabel = "<duration>",
      defaultValue = DEFAULT_LOOK_BACK,
      description =
          "Day folders listed before the night's own (ISO 8601 duration): files delivered this"
              + " late, or missed by a skipped night, are still found.")
  Duration lookBack;

  @Option(
      names = "--as-of",
      paramLabel = "<iso>",
      description =
          "The time the night runs at (default: now); day folders up to its day are read. For"
              + " replaying a night.")
  String asOf;

  @Option(
      names = "--watch-identity",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      split = ",",
      paramLabel = "<arn>",
      description =
          "Alert on every denial added for an identity, principal or session issuer ARN that"
              + " matches (exact or with * wildcards). Repeatable.")
  List<String> watchIdentities = new ArrayList<>();

  @Option(
      names = "--webhook-url",
      paramLabel = "<url>",
      description =
          "POST alerts as a Slack-compatible message to this incoming webhook. The URL is a"
              + " secret: prefer the environment variable "
              + WEBHOOK_ENVIRONMENT
              + ".")
  String webhookUrl;

  @Option(
      names = "--sns-topic",
      paramLabel = "<arn>",
      description = "Publish alerts to this SNS topic (default AWS credential chain).")
  String snsTopic;

  @Option(
      names = "--sns-endpoint",
      paramLabel = "<url>",
      description = "Another SNS endpoint than the topic region's own (a VPC endpoint).")
  String snsEndpoint;

  @Option(
      names = "--fail-on-alarm",
      defaultValue = "false",
      description = "Exit with code 3 when the run raised alerts, for schedulers that page.")
  boolean failOnAlarm;

  @Override
  public Integer call() throws Exception {
    ReportSettings settings = options.settings(ArnPatterns.toRegexes(watchIdentities));
    CloudTrailReadOptions readOptions = readOptions();
    URI webhook = webhook();
    PrintWriter err = spec.commandLine().getErr();
    return ReportRunner.run(
        err,
        "nightly",
        options,
        settings,
        readOptions,
        Reading.NEW_FILES,
        archive.progressInterval(),
        sparkConf.settings,
        (session, run) -> alert(err, session, run, settings, webhook));
  }

  /** The night's day folders: the look-back up to --as-of, or the --from/--to backfill. */
  CloudTrailReadOptions readOptions() {
    Instant from = archive.from();
    Instant to = archive.to();
    if (from != null) {
      return archive.toWholeFileReadOptions(from, to, archive.maxDeliveryDelay());
    }
    if (to != null) {
      throw Failure.userInput("--to needs --from: a backfill names both ends");
    }
    Instant night = asOf == null ? Instant.now() : Times.parseInstant(asOf, "--as-of");
    Duration back = lookBack;
    if (back.isNegative()) {
      throw Failure.userInput("--look-back must not be negative");
    }
    Instant firstDay =
        night
            .minus(back)
            .atZone(ZoneOffset.UTC)
            .toLocalDate()
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    // The folders from the first day to the night's own day; none after it.
    return archive.toWholeFileReadOptions(firstDay, night.plusMillis(1), Duration.ZERO);
  }

  private URI webhook() {
    String url = webhookUrl != null ? webhookUrl : System.getenv(WEBHOOK_ENVIRONMENT);
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri = URI.create(url.strip());
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw Failure.userInput("The webhook URL must be http or https");
    }
    return uri;
  }

  private int alert(
      PrintWriter err, SparkSession session, RunSummary run, ReportSettings settings, URI webhook) {
    Alert alert = run.alert(settings.out());
    if (!alert.raised()) {
      err.println("trail-denials: no alerts");
      return 0;
    }
    if (alert.baseline()) {
      err.println(
          "trail-denials: first run on "
              + settings.out()
              + ", recorded as the baseline and not sent: "
              + AlertMessages.summary(alert)
              + ". Later runs alert on what is new since.");
      return 0;
    }
    String file =
        OutputFiles.write(
            session.sparkContext().hadoopConfiguration(),
            AlertDelivery.fileOf(settings.out(), alert),
            AlertMessages.document(alert));
    err.println("trail-denials: ALERT: " + AlertMessages.summary(alert));
    err.println("trail-denials: wrote " + file);
    List<String> failures = new ArrayList<>();
    if (webhook != null) {
      try {
        AlertDelivery.postToWebhook(webhook, alert);
        err.println("trail-denials: alert posted to the webhook at " + webhook.getHost());
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    if (snsTopic != null) {
      try {
        AlertDelivery.publishToSns(snsTopic, snsEndpoint, alert);
        err.println("trail-denials: alert published to " + snsTopic);
      } catch (RuntimeException e) {
        failures.add("SNS " + snsTopic + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw Failure.storage(
          "The tables are up to date and the alert is in "
              + file
              + ", but it was not delivered: "
              + String.join("; ", failures),
          null);
    }
    return failOnAlarm ? TrailDenials.EXIT_ALARM : 0;
  }
}
