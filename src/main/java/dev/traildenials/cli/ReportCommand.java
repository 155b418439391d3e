package dev.traildenials.cli;

import dev.traildenials.report.Reading;
import dev.traildenials.report.ReportSettings;
import dev.traildenials.source.CloudTrailReadOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code report}: classify the range's denials and bring the report's tables up to date. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Finds every denied call in a range of the archive, classifies it (explicit or implicit deny,"
          + " policy type, denied action and resource, service-linked role) and merges it into"
          + " Delta (or Parquet) tables under --out: denial_events, denials_hourly,"
          + " slr_metric_hourly, slr_alarms, blocked_resources, rejected_files and runs.",
      "Re-running a range changes no table; overlapping ranges merge. A Markdown and an HTML"
          + " report of the run are written under <out>/reports/."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # A week of an organization trail into Delta tables on S3",
      "  trail-denials report --archive s3a://my-trail-bucket/AWSLogs/o-abc123 \\",
      "      --from 2024-03-01 --to 2024-03-08 --out s3a://my-reports/trail-denials",
      "  # Service-linked roles only, as Parquet, registered in the catalog (Glue)",
      "  trail-denials report --archive s3a://my-trail-bucket \\",
      "      --from 2024-03-01 --to 2024-03-02 --out s3a://my-reports/slr \\",
      "      --format parquet --identity 'arn:aws:iam::*:role/aws-service-role/*' \\",
      "      --catalog-database trail_denials",
      "  # Tables to share outside the security team",
      "  trail-denials report --archive /data/cloudtrail --out /data/shared-denials \\",
      "      --redact --redaction-key-file ~/.trail-denials/redaction.key"
    })
final class ReportCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ArchiveOptions archive;

  @Mixin SparkConfOption sparkConf;

  @Mixin ReportOptions options;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    ReportSettings settings = options.settings(List.of());
    CloudTrailReadOptions readOptions = archive.toReadOptions();
    return ReportRunner.run(
        spec.commandLine().getErr(),
        "report",
        options,
        settings,
        readOptions,
        Reading.RANGE,
        archive.progressInterval(),
        sparkConf.settings,
        (session, run) -> 0);
  }
}
