package dev.traildenials.cli;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.Times;
import dev.traildenials.failure.Failure;
import dev.traildenials.source.CloudTrailReadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say which part of an archive a command reads. */
final class ArchiveOptions {

  static final String DEFAULT_PROGRESS_INTERVAL = "PT30S";

  @Option(
      names = "--archive",
      paramLabel = "<root>",
      description =
          "The logs: a local path, file:... or s3a://bucket/prefix. The trail's prefix (the"
              + " folder holding AWSLogs/), any folder below it, a copy of its folders (such as"
              + " one rooted at the region folders), a folder of log files, or one log file.")
  String archive;

  @Option(
      names = "--from",
      paramLabel = "<iso>",
      description = "First event time read, inclusive (2024-03-01T06:40:00Z or 2024-03-01).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "<iso>",
      description = "First event time no longer read, exclusive.")
  String to;

  @Option(
      names = "--account",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      split = ",",
      paramLabel = "<id>",
      description = "Account ids to read (repeat or comma-separate); all by default.")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--region",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      split = ",",
      paramLabel = "<region>",
      description = "Regions to read (repeat or comma-separate); all by default.")
  List<String> regions = new ArrayList<>();

  @Option(
      names = "--max-delivery-delay",
      paramLabel = "<duration>",
      defaultValue = ArchiveRequest.DEFAULT_MAX_DELIVERY_DELAY_TEXT,
      description =
          "How long after its event time CloudTrail may still deliver a record (ISO 8601"
              + " duration); day folders this far past --to are read.")
  Duration maxDeliveryDelay;

  @Option(
      names = "--file-time-margin",
      paramLabel = "<duration>",
      defaultValue = ArchiveRequest.DEFAULT_FILE_TIME_MARGIN_TEXT,
      description =
          "A log file's name gives the minute CloudTrail delivered it, and it holds only older"
              + " records: files named more than this margin before --from are not read (ISO 8601"
              + " duration).")
  Duration fileTimeMargin;

  @Option(
      names = "--strict",
      defaultValue = "false",
      description = "Stop at the first bad log file instead of reporting it and reading the rest.")
  boolean strict;

  @Option(
      names = "--listing-parallelism",
      paramLabel = "<n>",
      defaultValue = "" + CloudTrailReadOptions.DEFAULT_LISTING_PARALLELISM,
      description = "Folder listings run at once while planning (S3 LIST requests in flight).")
  int listingParallelism;

  @Option(
      names = "--progress-interval",
      paramLabel = "<duration>",
      defaultValue = DEFAULT_PROGRESS_INTERVAL,
      description =
          "How often a long run prints how far it has got (ISO 8601 duration; PT0S for never).")
  Duration progressInterval;

  Duration progressInterval() {
    return progressInterval;
  }

  boolean given() {
    return archive != null;
  }

  CloudTrailReadOptions toReadOptions() {
    return new CloudTrailReadOptions(
        request(from(), to(), maxDeliveryDelay()), strict, listingParallelism, false);
  }

  /**
   * Options that read every record of the files in the day folders from {@code from}'s day to
   * {@code to}'s (plus {@code maxDeliveryDelay}), whatever their events' times.
   */
  CloudTrailReadOptions toWholeFileReadOptions(
      Instant from, Instant to, Duration maxDeliveryDelay) {
    return new CloudTrailReadOptions(
        request(from, to, maxDeliveryDelay), strict, listingParallelism, true);
  }

  Instant from() {
    return from == null ? null : Times.parseInstant(from, "--from");
  }

  Instant to() {
    return to == null ? null : Times.parseInstant(to, "--to");
  }

  Duration maxDeliveryDelay() {
    return maxDeliveryDelay;
  }

  private ArchiveRequest request(Instant from, Instant to, Duration maxDeliveryDelay) {
    if (archive == null) {
      throw Failure.userInput("Missing --archive <root>: the archive to read");
    }
    return new ArchiveRequest(
        normalizeRoot(archive),
        from,
        to,
        new LinkedHashSet<>(accounts),
        new LinkedHashSet<>(regions),
        maxDeliveryDelay,
        fileTimeMargin);
  }

  /**
   * A path without a scheme is a local folder: made absolute, so no default file system applies.
   */
  static String normalizeRoot(String root) {
    if (root.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
      return root;
    }
    return "file:" + Path.of(root).toAbsolutePath().normalize();
  }
}
