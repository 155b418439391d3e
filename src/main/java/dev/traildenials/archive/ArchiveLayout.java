package dev.traildenials.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudTrail's S3 key layout:
 *
 * <pre>
 * [prefix/]AWSLogs/[o-orgid/]account/CloudTrail/region/YYYY/MM/DD/
 *     account_CloudTrail_region_YYYYMMDDTHHMMZ_id.json.gz
 * </pre>
 *
 * next to {@code CloudTrail-Digest/} and {@code CloudTrail-Insight/} folders, which hold no events
 * of the trail's table.
 */
public final class ArchiveLayout {

  public static final String AWS_LOGS = "AWSLogs";
  public static final String CLOUD_TRAIL = "CloudTrail";

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
  private static final Pattern YEAR_FOLDER = Pattern.compile("\\d{4}");
  private static final Pattern LOG_FILE_NAME =
      Pattern.compile(
          "(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{8}T\\d{4}Z)_([A-Za-z0-9]+)\\.json\\.gz");
  private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private ArchiveLayout() {}

  public static boolean isAccount(String name) {
    return ACCOUNT.matcher(name).matches();
  }

  public static boolean isOrganization(String name) {
    return ORGANIZATION.matcher(name).matches();
  }

  /**
   * Whether a folder name is a year of CloudTrail's {@code YYYY/MM/DD} layout: a folder holding
   * years is a region folder, whatever its name (regions are recognised by their content, not by a
   * list or pattern of region names, which changes every year).
   */
  public static boolean isYearFolder(String name) {
    return YEAR_FOLDER.matcher(name).matches();
  }

  /** What a CloudTrail log file's name says about it. */
  public record LogFileName(
      String account, String region, LocalDate deliveryDay, Instant delivered) {}

  /** The account, region and delivery day a log file's name gives, if it is a log file's name. */
  public static Optional<LogFileName> parseLogFileName(String fileName) {
    Matcher matcher = LOG_FILE_NAME.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate day = LocalDate.parse(matcher.group(3).substring(0, 8), BASIC_DATE);
      int hour = Integer.parseInt(matcher.group(3).substring(9, 11));
      int minute = Integer.parseInt(matcher.group(3).substring(11, 13));
      Instant delivered =
          day.atTime(java.time.LocalTime.of(hour, minute)).toInstant(java.time.ZoneOffset.UTC);
      return Optional.of(new LogFileName(matcher.group(1), matcher.group(2), day, delivered));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The {@code YYYY/MM/DD} folder path of a day. */
  public static String dayFolder(LocalDate day) {
    return DAY_FOLDER.format(day);
  }

  /** The day of a {@code YYYY/MM/DD} relative folder path, if it is one. */
  public static Optional<LocalDate> parseDayFolder(String yearMonthDay) {
    String[] parts = yearMonthDay.split("/");
    if (parts.length != 3
        || !parts[0].matches("\\d{4}")
        || !parts[1].matches("\\d{2}")
        || !parts[2].matches("\\d{2}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Why a file in a day folder is not read, or empty when it is a log file to read. */
  public static Optional<String> whyNotALogFile(String fileName) {
    if (parseLogFileName(fileName).isPresent()) {
      return Optional.empty();
    }
    if (fileName.contains("_CloudTrail-Digest_")) {
      return Optional.of("a CloudTrail digest file (integrity hashes, not events)");
    }
    if (fileName.contains("_CloudTrail-Insight_")) {
      return Optional.of("a CloudTrail Insights file (not management or data events)");
    }
    return Optional.of(
        "not a CloudTrail log file name (<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>.json.gz)");
  }
}
