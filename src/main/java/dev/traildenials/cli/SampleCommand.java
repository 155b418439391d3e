package dev.traildenials.cli;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: writes the built-in sample archive. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Writes a realistic CloudTrail archive in the real S3 key layout: account and organization"
          + " trails, two regions, service-linked-role denials, every IAM access-denied message"
          + " format, deliveries across midnight and late ones, a re-delivered file.",
      "The same options always write the same bytes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # Two days of three accounts and an organization, then a report of them",
      "  trail-denials sample --out sample",
      "  trail-denials report --archive sample --out out",
      "  # A week with bad files among the logs (see --strict and rejected_files)",
      "  trail-denials sample --out messy --messy --first-day 2024-03-01 --days 7"
    })
final class SampleCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin Verbosity verbosity;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<folder>",
      description = "Where to write; AWSLogs/ is created inside.")
  Path out;

  @Option(
      names = "--messy",
      description =
          "Add bad files: corrupt and truncated gzip, an S3 error document, JSON lines, zero"
              + " bytes, uncompressed JSON, invalid UTF-8, and files that are not logs.")
  boolean messy;

  @Option(
      names = "--first-day",
      paramLabel = "<date>",
      description = "First day (UTC). Default: 2024-03-01.")
  LocalDate firstDay;

  @Option(names = "--days", paramLabel = "<n>", description = "Days of events. Default: 2.")
  Integer days;

  @Option(
      names = "--files-per-hour",
      paramLabel = "<n>",
      description = "Files per account, region and hour. Default: 2.")
  Integer filesPerHour;

  @Option(
      names = "--records-per-file",
      paramLabel = "<n>",
      description = "Records per file. Default: 40.")
  Integer recordsPerFile;

  @Option(names = "--seed", paramLabel = "<n>", description = "Random seed. Default: 20240301.")
  Long seed;

  @Option(
      names = "--realistic",
      description =
          "Values that vary as a real account's do (users, sessions, agents, addresses, request"
              + " ids, resources, request parameters of every size): the logs compress as little"
              + " as real ones, 5 : 1 to 9 : 1 (the default archive compresses about 12 : 1).")
  boolean realistic;

  @Override
  public Integer call() throws Exception {
    SampleSettings demo = SampleSettings.demo();
    SampleSettings settings =
        new SampleSettings(
            firstDay == null ? demo.firstDay() : firstDay,
            days == null ? demo.days() : days,
            demo.accounts(),
            demo.organizationId(),
            demo.organizationAccounts(),
            demo.regions(),
            filesPerHour == null ? demo.filesPerHour() : filesPerHour,
            recordsPerFile == null ? demo.recordsPerFile() : recordsPerFile,
            seed == null ? demo.seed() : seed,
            messy,
            realistic);
    Set<String> sampleAccounts = new HashSet<>(settings.accounts());
    sampleAccounts.addAll(settings.organizationAccounts());
    RunGuards.refuseSampleInto(out, sampleAccounts);
    SampleArchive.Written written = new SampleArchive(settings).write(out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "Wrote %d log files (%d records, %.1f MB compressed, %.1f : 1)%s under %s%n",
            written.logFiles(),
            written.records(),
            written.bytes() / 1e6,
            written.compressionRatio(),
            written.badFiles() == 0 ? "" : " and " + written.badFiles() + " bad files",
            out.toAbsolutePath());
    return 0;
  }
}
