package dev.traildenials.cli;

import dev.traildenials.query.OutputTables;
import dev.traildenials.report.DenialReport;
import dev.traildenials.report.Reading;
import dev.traildenials.report.ReportSettings;
import dev.traildenials.report.RunStop;
import dev.traildenials.report.RunSummary;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.source.CloudTrailReadOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code report} and {@code nightly} share: the session, the catalog, progress while reading,
 * and the lines that say what the run did.
 */
final class ReportRunner {

  /** What a command does once the run is printed; returns the exit code. */
  interface Finish {
    int finish(SparkSession session, RunSummary run);
  }

  private ReportRunner() {}

  static int run(
      PrintWriter err,
      String command,
      ReportOptions options,
      ReportSettings settings,
      CloudTrailReadOptions readOptions,
      Reading reading,
      Duration progressInterval,
      Map<String, String> sparkConf,
      Finish finish) {
    String runId = UUID.randomUUID().toString();
    RunGuards.refuseOverlap(readOptions.request().root(), settings.out());
    RunGuards.wholeArchiveNotice(readOptions.request())
        .ifPresent(notice -> err.println("trail-denials: " + notice));
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession session = SparkSessions.start(command, options.catalogDatabase != null, sparkConf);
    try {
      // The run plans its read once it holds the output's lock; progress follows it from then.
      AtomicReference<ArchiveRead> read = new AtomicReference<>();
      RunSummary summary;
      try (RunStop stop = RunStop.watching(session)) {
        Interruptions.Scope signals = Interruptions.during(stop);
        DenialReport report =
            new DenialReport(
                session,
                settings,
                Clock.systemUTC(),
                notice -> {
                  err.println("trail-denials: " + notice);
                  err.flush();
                },
                stop);
        Progress progress = Progress.start(err, read::get, progressInterval);
        try {
          summary =
              report.run(
                  readOptions,
                  runId,
                  reading,
                  read::set,
                  () -> {
                    // The catalog opens (another process may hold it) and takes these tables.
                    if (options.catalogDatabase != null) {
                      OutputTables.requireRegistrable(
                          session,
                          options.catalogDatabase,
                          settings.out(),
                          DenialReport.tableNames());
                    }
                  });
        } finally {
          progress.close();
          signals.close();
        }
      }
      ReadSummary.print(err, readOptions.request().root(), Optional.ofNullable(read.get()));
      err.printf(
          Locale.ROOT,
          "trail-denials: %d denials in the %s (%d by service-linked roles), %d new; %d alarm"
              + " periods (%d new); %d new denied combinations; tables changed: %s%n",
          summary.denialsFound(),
          readOptions.wholeFiles() ? "files read" : "range",
          summary.serviceLinkedRoleDenials(),
          summary.denialsAdded(),
          summary.alarms(),
          summary.newAlarms().size(),
          summary.newDenialCombinations(),
          summary.tablesWritten().isEmpty() ? "none" : String.join(", ", summary.tablesWritten()));
      if (options.catalogDatabase != null) {
        List<String> registered =
            OutputTables.registerInCatalog(session, options.catalogDatabase, settings.out());
        err.println("trail-denials: registered in the catalog: " + String.join(", ", registered));
      }
      if (!summary.outputRequests().isEmpty()) {
        err.println("trail-denials: requests to the output location: " + summary.outputRequests());
      }
      for (String file : summary.reportFiles()) {
        if (file.contains("/reports/" + runId + "/")) {
          err.println("trail-denials: wrote " + file);
        }
      }
      if (summary.reportFiles().stream().noneMatch(file -> file.endsWith("/latest.html"))) {
        err.println(
            "trail-denials: no table changed, so reports/latest.* still shows the last run that"
                + " changed them");
      }
      int exitCode = finish.finish(session, summary);
      err.printf(
          Locale.ROOT,
          "trail-denials: %s %s %s in %s: %d files, %d records, %d denials (%d new), %d new alarm"
              + " periods, %d rejected files%n",
          command,
          runId,
          exitCode == 0 ? "succeeded" : "finished with exit code " + exitCode,
          Progress.duration(Duration.between(summary.startedAt(), summary.finishedAt())),
          summary.filesRead(),
          summary.recordsRead(),
          summary.denialsFound(),
          summary.denialsAdded(),
          summary.newAlarms().size(),
          summary.rejectedFiles().size());
      err.flush();
      return exitCode;
    } finally {
      if (ownSession) {
        session.stop();
      }
    }
  }
}
