package dev.traildenials.source;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.Times;
import dev.traildenials.failure.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of the {@code cloudtrail} data source: {@code spark.read().format("cloudtrail")}.
 *
 * @param request what to read
 * @param strict whether the first bad file fails the read instead of being reported
 * @param listingParallelism how many folder listings run at once while planning
 * @param wholeFiles whether every record of the files read is kept: the range then only chooses day
 *     folders (by delivery day), as an incremental run that reads each file once needs
 */
public record CloudTrailReadOptions(
    ArchiveRequest request, boolean strict, int listingParallelism, boolean wholeFiles) {

  /** The trail's prefix (or a folder below it): a local path, {@code file:} or {@code s3a:}. */
  public static final String ARCHIVE = "archive";

  /** First event time read, ISO 8601 ({@code 2024-03-01T00:00:00Z}); inclusive. */
  public static final String FROM = "from";

  /** First event time no longer read, ISO 8601; exclusive. */
  public static final String TO = "to";

  /** Comma-separated account ids; all when absent. */
  public static final String ACCOUNTS = "accounts";

  /** Comma-separated regions; all when absent. */
  public static final String REGIONS = "regions";

  /** How late after its event time a record may be delivered, ISO 8601 duration; P1D default. */
  public static final String MAX_DELIVERY_DELAY = "maxDeliveryDelay";

  /**
   * How much a log file's records may postdate its name's delivery minute, ISO 8601 duration; PT15M
   * default. Files named more than this before {@code from} are not read.
   */
  public static final String FILE_TIME_MARGIN = "fileTimeMargin";

  /** {@code true} to fail on the first bad file instead of reporting it. */
  public static final String STRICT = "strict";

  /**
   * Folder listings run at once while planning; {@value #DEFAULT_LISTING_PARALLELISM} by default.
   */
  public static final String LISTING_PARALLELISM = "listingParallelism";

  public static final int DEFAULT_LISTING_PARALLELISM = 16;

  /** {@code true} to keep every record of the files read: from/to then only pick day folders. */
  public static final String WHOLE_FILES = "wholeFiles";

  /** The options of a read as the data source is given them; absent ones take their default. */
  public static CloudTrailReadOptions parse(CaseInsensitiveStringMap options) {
    String archive = options.get(ARCHIVE);
    if (archive == null) {
      throw Failure.userInput(
          "The cloudtrail source needs the option 'archive': the trail's S3 prefix or folder.");
    }
    ArchiveRequest request =
        new ArchiveRequest(
            archive,
            instant(options, FROM),
            instant(options, TO),
            set(options, ACCOUNTS),
            set(options, REGIONS),
            options.containsKey(MAX_DELIVERY_DELAY)
                ? Duration.parse(options.get(MAX_DELIVERY_DELAY))
                : ArchiveRequest.DEFAULT_MAX_DELIVERY_DELAY,
            options.containsKey(FILE_TIME_MARGIN)
                ? Duration.parse(options.get(FILE_TIME_MARGIN))
                : ArchiveRequest.DEFAULT_FILE_TIME_MARGIN);
    return new CloudTrailReadOptions(
        request,
        options.getBoolean(STRICT, false),
        options.getInt(LISTING_PARALLELISM, DEFAULT_LISTING_PARALLELISM),
        options.getBoolean(WHOLE_FILES, false));
  }

  /** These options as a data source option map. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(ARCHIVE, request.root());
    if (request.from() != null) {
      map.put(FROM, request.from().toString());
    }
    if (request.to() != null) {
      map.put(TO, request.to().toString());
    }
    if (!request.accounts().isEmpty()) {
      map.put(ACCOUNTS, String.join(",", request.accounts()));
    }
    if (!request.regions().isEmpty()) {
      map.put(REGIONS, String.join(",", request.regions()));
    }
    map.put(MAX_DELIVERY_DELAY, request.maxDeliveryDelay().toString());
    if (request.fileTimeMargin() != null) {
      map.put(FILE_TIME_MARGIN, request.fileTimeMargin().toString());
    }
    map.put(STRICT, Boolean.toString(strict));
    map.put(LISTING_PARALLELISM, Integer.toString(listingParallelism));
    map.put(WHOLE_FILES, Boolean.toString(wholeFiles));
    return map;
  }

  /**
   * What to list: the request, narrowed by the query's conditions. A read of whole files keeps
   * every file of its day folders, whatever the time in its name.
   */
  ArchiveRequest listing(ListingNarrowing narrowing) {
    ArchiveRequest listing = narrowing.applyTo(request);
    return wholeFiles ? listing.withFileTimeMargin(null) : listing;
  }

  private static Instant instant(CaseInsensitiveStringMap options, String key) {
    String value = options.get(key);
    return value == null || value.isBlank() ? null : Times.parseInstant(value, key);
  }

  private static Set<String> set(CaseInsensitiveStringMap options, String key) {
    String value = options.get(key);
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .collect(Collectors.toSet());
  }
}
