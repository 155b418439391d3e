package dev.traildenials.cli;

import dev.traildenials.classify.ArnPatterns;
import dev.traildenials.classify.DenialCodes;
import dev.traildenials.classify.FilterPattern;
import dev.traildenials.query.OutputTables;
import dev.traildenials.report.DenialReport;
import dev.traildenials.report.ReportSettings;
import dev.traildenials.report.RunSummary;
import dev.traildenials.report.TableFormat;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.source.ReadReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: classify the range's denials and bring the report's tables up to date. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Finds every denied call in a range of the archive, classifies it (explicit or implicit deny,"
          + " policy type, denied action and resource, service-linked role) and merges it into"
          + " Delta (or Parquet) tables under --out: denial_events, denials_hourly,"
          + " slr_metric_hourly, slr_alarms, blocked_resources, rejected_files and runs.",
      "Re-running a range changes no table; overlapping ranges merge. A Markdown and an HTML"
          + " report of the run are written under <out>/reports/."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ArchiveOptions archive;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<location>",
      description = "Where the tables go: a local folder, file:... or s3a://bucket/prefix.")
  String out;

  @Option(
      names = "--format",
      paramLabel = "<format>",
      defaultValue = "delta",
      description = "delta or parquet. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--identity",
      split = ",",
      paramLabel = "<arn>",
      description =
          "Keep only calls whose identity, principal (role) or session issuer ARN matches; exact"
              + " or with * wildcards, e.g. 'arn:aws:iam::*:role/aws-service-role/*'. Repeatable.")
  List<String> identities = new ArrayList<>();

  @Option(
      names = "--event-source",
      split = ",",
      paramLabel = "<source>",
      description = "Keep only these event sources (s3.amazonaws.com, ...). Repeatable.")
  List<String> eventSources = new ArrayList<>();

  @Option(
      names = "--error-code",
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
      defaultValue = ReportSettings.SEED_SLR_FILTER,
      description =
          "The metric filter pattern of slr_metric_hourly, in CloudWatch Logs syntax. Default:"
              + " ${DEFAULT-VALUE}")
  String slrFilter;

  @Option(
      names = "--slr-period",
      paramLabel = "<duration>",
      defaultValue = "PT1H",
      description = "The metric's period (ISO 8601). Default: ${DEFAULT-VALUE}.")
  String slrPeriod;

  @Option(
      names = "--slr-threshold",
      paramLabel = "<sum>",
      defaultValue = "1",
      description =
          "The alarm is in ALARM for a period whose Sum is at least this. Default:"
              + " ${DEFAULT-VALUE}.")
  double slrThreshold;

  @Option(
      names = "--report-rows",
      paramLabel = "<n>",
      defaultValue = "200",
      description = "Rows in each table of the human report. Default: ${DEFAULT-VALUE}.")
  int reportRows;

  @Option(
      names = "--catalog-database",
      paramLabel = "<name>",
      description =
          "Also register the tables in the session catalog as <name>.<table> (the Hive metastore;"
              + " the AWS Glue Data Catalog on EMR when Spark is set up for it), so notebooks and"
              + " Athena find them by name. The database is created if needed.")
  String catalogDatabase;

  @Override
  public Integer call() throws Exception {
    ReportSettings settings = settings();
    String runId = UUID.randomUUID().toString();
    CloudTrailReadOptions readOptions = archive.toReadOptions(runId);
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession session = SparkSessions.start("report", catalogDatabase != null);
    try {
      if (catalogDatabase != null) {
        OutputTables.requireRegistrable(
            session, catalogDatabase, settings.out(), DenialReport.tableNames());
      }
      RunSummary run =
          new DenialReport(session, settings, Clock.systemUTC()).run(readOptions, runId);
      PrintWriter err = spec.commandLine().getErr();
      ReadSummary.print(err, readOptions.request().root(), ReadReport.find(runId));
      err.printf(
          Locale.ROOT,
          "trail-denials: %d denials in the range (%d by service-linked roles), %d new; %d alarm"
              + " periods; tables changed: %s%n",
          run.denialsFound(),
          run.serviceLinkedRoleDenials(),
          run.denialsAdded(),
          run.alarms(),
          run.tablesWritten().isEmpty() ? "none" : String.join(", ", run.tablesWritten()));
      if (catalogDatabase != null) {
        List<String> registered =
            OutputTables.registerInCatalog(session, catalogDatabase, settings.out());
        err.println("trail-denials: registered in the catalog: " + String.join(", ", registered));
      }
      if (!run.outputRequests().isEmpty()) {
        err.println("trail-denials: requests to the output location: " + run.outputRequests());
      }
      for (String file : run.reportFiles()) {
        if (file.contains("/reports/" + runId + "/")) {
          err.println("trail-denials: wrote " + file);
        }
      }
      err.flush();
      return 0;
    } finally {
      ReadReport.release(runId);
      if (ownSession) {
        session.stop();
      }
    }
  }

  ReportSettings settings() throws IOException {
    TableFormat tableFormat;
    try {
      tableFormat = TableFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format " + format + ": write delta or parquet", e);
    }
    return new ReportSettings(
        ArchiveOptions.normalizeRoot(out),
        tableFormat,
        errorCodes.isEmpty() ? loadDenialCodes() : DenialCodes.exactly(errorCodes),
        ArnPatterns.toRegexes(identities),
        eventSources,
        FilterPattern.parse(slrFilter),
        ArchiveOptions.parseDuration(slrPeriod, "--slr-period"),
        slrThreshold,
        reportRows);
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
        ReportCommand.class.getClassLoader().getResourceAsStream("conf/denial-codes.conf")) {
      if (in == null) {
        throw new IllegalStateException("conf/denial-codes.conf is missing from the jar");
      }
      return DenialCodes.parse(
          new InputStreamReader(in, StandardCharsets.UTF_8), "conf/denial-codes.conf (jar)");
    }
  }
}
