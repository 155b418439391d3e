package dev.traildenials.cli;

import dev.traildenials.report.ReportSettings;
import dev.traildenials.source.CloudTrailReadOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin SparkConfOption sparkConf;

  @Mixin ReportOptions options;

  @Override
  public Integer call() throws Exception {
    ReportSettings settings = options.settings(List.of());
    CloudTrailReadOptions readOptions = archive.toReadOptions(UUID.randomUUID().toString());
    return ReportRunner.run(
        spec.commandLine().getErr(),
        "report",
        options,
        settings,
        readOptions,
        archive.progressInterval(),
        sparkConf.settings,
        (session, report) -> report.run(readOptions, readOptions.reportId()),
        (session, run) -> 0);
  }
}
