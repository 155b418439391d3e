package dev.traildenials.archive;

import dev.traildenials.failure.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What part of an archive a run asks for.
 *
 * @param root the trail's prefix (the folder holding {@code AWSLogs/}), or a folder below it: an
 *     organization, account, {@code CloudTrail} or region folder
 * @param from first event time wanted, inclusive; null for no lower bound
 * @param to first event time no longer wanted; null for no upper bound
 * @param accounts account ids to read; empty for all
 * @param regions region names to read; empty for all
 * @param maxDeliveryDelay how long after its event time a record may still be delivered: day
 *     folders up to this much after {@code to} are read too
 * @param fileTimeMargin how much a log file's records may postdate the delivery minute its name
 *     gives (AWS: a file delivered at a time holds records written before it; the margin covers
 *     clocks that disagree): a file named more than this before {@code from} is not read. Null to
 *     read every file of the day folders, whatever its name's time
 */
public record ArchiveRequest(
    String root,
    Instant from,
    Instant to,
    Set<String> accounts,
    Set<String> regions,
    Duration maxDeliveryDelay,
    Duration fileTimeMargin) {

  /** How late after its event time CloudTrail may deliver a record, unless told (ISO 8601). */
  public static final String DEFAULT_MAX_DELIVERY_DELAY_TEXT = "P1D";

  public static final Duration DEFAULT_MAX_DELIVERY_DELAY =
      Duration.parse(DEFAULT_MAX_DELIVERY_DELAY_TEXT);

  /** How much a file's records may postdate its name's minute, unless told (ISO 8601). */
  public static final String DEFAULT_FILE_TIME_MARGIN_TEXT = "PT15M";

  public static final Duration DEFAULT_FILE_TIME_MARGIN =
      Duration.parse(DEFAULT_FILE_TIME_MARGIN_TEXT);

  /** A request with the default margin for the times in file names. */
  public ArchiveRequest(
      String root,
      Instant from,
      Instant to,
      Set<String> accounts,
      Set<String> regions,
      Duration maxDeliveryDelay) {
    this(root, from, to, accounts, regions, maxDeliveryDelay, DEFAULT_FILE_TIME_MARGIN);
  }

  public ArchiveRequest {
    if (root == null || root.isBlank()) {
      throw Failure.userInput("the archive root is empty");
    }
    while (root.length() > 1 && root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw Failure.userInput(
          "the time range is empty: {from} " + from + " is not before {to} " + to, "from", "to");
    }
    if (maxDeliveryDelay == null || maxDeliveryDelay.isNegative()) {
      throw Failure.userInput("the maximum delivery delay must be zero or positive");
    }
    if (fileTimeMargin != null && fileTimeMargin.isNegative()) {
      throw Failure.userInput("the margin for file name times must be zero or positive");
    }
    accounts = Set.copyOf(accounts);
    regions = Set.copyOf(regions);
  }

  /** The same request with another margin for the times in file names (null: none applies). */
  public ArchiveRequest withFileTimeMargin(Duration margin) {
    return new ArchiveRequest(root, from, to, accounts, regions, maxDeliveryDelay, margin);
  }

  public static ArchiveRequest everything(String root) {
    return new ArchiveRequest(root, null, null, Set.of(), Set.of(), DEFAULT_MAX_DELIVERY_DELAY);
  }
}
