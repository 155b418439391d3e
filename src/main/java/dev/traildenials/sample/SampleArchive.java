package dev.traildenials.sample;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.traildenials.archive.ArchiveLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic CloudTrail archive in the real S3 key layout: trails of single accounts and an
 * organization trail, several regions, service-linked roles blocked by resource policies, every IAM
 * access-denied message format, deliveries across midnight, late deliveries into the next day's
 * folder, a re-delivered file, digest files beside the logs, the life of service-linked roles
 * (created, used, deleted, and one idle since a file months older than the rest), and with {@code
 * messy} the bad files a real bucket can hold.
 *
 * <p>The same settings always write the same bytes, and the messy archive is the clean one plus
 * extra files, so answers over both must agree.
 */
public final class SampleArchive {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SampleSettings settings;
  private final DenialTemplates denialTemplates;
  private final JsonFactory jsonFactory = new JsonFactory();

  public SampleArchive(SampleSettings settings) {
    this(settings, DenialTemplates.builtIn());
  }

  SampleArchive(SampleSettings settings, DenialTemplates denialTemplates) {
    this.settings = settings;
    this.denialTemplates = denialTemplates;
  }

  /** What was written. */
  /**
   * @param bytes the log files' compressed size
   * @param jsonBytes their size once uncompressed
   */
  public record Written(int logFiles, long records, long bytes, long jsonBytes, int badFiles) {

    /** How many times larger the logs are uncompressed. */
    public double compressionRatio() {
      return bytes == 0 ? 0 : (double) jsonBytes / bytes;
    }
  }

  /** Writes the archive under {@code root} (the folder that will hold {@code AWSLogs/}). */
  public Written write(Path root) throws IOException {
    Path awsLogs = root.resolve(ArchiveLayout.AWS_LOGS);
    Counter counter = new Counter();
    SplittableRandom random = new SplittableRandom(settings.seed());
    List<Path> firstFiles = new ArrayList<>();
    for (String account : settings.accounts()) {
      writeTrail(awsLogs.resolve(account), account, random.split(), counter, firstFiles);
    }
    for (String account : settings.organizationAccounts()) {
      Path accountFolder = awsLogs.resolve(settings.organizationId()).resolve(account);
      writeTrail(accountFolder, account, random.split(), counter, firstFiles);
    }
    redeliver(firstFiles.get(0), random.split(), counter);
    writeServiceLinkedRoleStory(awsLogs, counter);
    int badFiles = settings.messy() ? new BadFiles(random.split()).write(awsLogs) : 0;
    return new Written(counter.files, counter.records, counter.bytes, counter.jsonBytes, badFiles);
  }

  private void writeTrail(
      Path accountFolder,
      String account,
      SplittableRandom random,
      Counter counter,
      List<Path> firstFiles)
      throws IOException {
    EventFactory events =
        new EventFactory(account, random.split(), denialTemplates, settings.realistic());
    for (String region : settings.regions()) {
      for (int dayIndex = 0; dayIndex < settings.days(); dayIndex++) {
        LocalDate day = settings.firstDay().plusDays(dayIndex);
        Path dayFolder = dayFolder(accountFolder, region, day);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        int minutesBetween = Math.max(1, 60 / settings.filesPerHour());
        for (int hour = 0; hour < 24; hour++) {
          for (int file = 0; file < settings.filesPerHour(); file++) {
            // The 00:05 delivery carries events of the previous day's last minutes.
            Instant delivered = midnight.plusSeconds((hour * 60L + file * minutesBetween + 5) * 60);
            Path written =
                writeLogFile(dayFolder, account, region, delivered, 900, events, random, counter);
            if (firstFiles.isEmpty()) {
              firstFiles.add(written);
            }
          }
        }
        // A late delivery: events of 23:30-23:59 that land in the next day's folder at 02:10.
        Instant late = midnight.plusSeconds((24 * 60 + 130) * 60L);
        writeLogFile(
            dayFolder(accountFolder, region, day.plusDays(1)),
            account,
            region,
            late,
            9_600,
            events,
            random,
            counter);
        writeDigest(accountFolder, account, region, day, random);
      }
    }
  }

  /** Writes one log file whose events happened in the {@code spanSeconds} before delivery. */
  private Path writeLogFile(
      Path dayFolder,
      String account,
      String region,
      Instant delivered,
      long spanSeconds,
      EventFactory events,
      SplittableRandom random,
      Counter counter)
      throws IOException {
    Files.createDirectories(dayFolder);
    String name = logFileName(account, region, delivered, randomId(random));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator generator = jsonFactory.createGenerator(json, JsonEncoding.UTF8)) {
      generator.writeStartObject();
      generator.writeArrayFieldStart("Records");
      for (int i = 0; i < settings.recordsPerFile(); i++) {
        long secondsBefore = 60 + random.nextLong(Math.max(1, spanSeconds - 60));
        events.write(generator, region, delivered.minusSeconds(secondsBefore));
      }
      generator.writeEndArray();
      generator.writeEndObject();
    }
    Path file = dayFolder.resolve(name);
    byte[] compressed = gzip(json.toByteArray());
    Files.write(file, compressed);
    counter.files++;
    counter.records += settings.recordsPerFile();
    counter.bytes += compressed.length;
    counter.jsonBytes += json.size();
    return file;
  }

  /**
   * The service-linked-role story in the first account's first region: a file on the first day and
   * one 120 days before it. Its randomness is its own, so the other files stay as they were.
   */
  private void writeServiceLinkedRoleStory(Path awsLogs, Counter counter) throws IOException {
    boolean single = !settings.accounts().isEmpty();
    String account = single ? settings.accounts().get(0) : settings.organizationAccounts().get(0);
    Path accountFolder =
        single
            ? awsLogs.resolve(account)
            : awsLogs.resolve(settings.organizationId()).resolve(account);
    String region = settings.regions().get(0);
    ServiceLinkedRoleStory story =
        new ServiceLinkedRoleStory(account, region, new SplittableRandom(settings.seed() + 18));
    Instant morning =
        settings.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(28_800);
    writeStoryFile(
        accountFolder,
        account,
        region,
        morning.plusSeconds(3_900),
        counter,
        json -> story.writeLifecycle(json, morning));
    Instant monthsBefore = morning.minus(120, ChronoUnit.DAYS);
    writeStoryFile(
        accountFolder,
        account,
        region,
        monthsBefore.plusSeconds(900),
        counter,
        json -> story.writeOldActivity(json, monthsBefore));
  }

  /** What writes a story file's records; returns how many. */
  private interface StoryRecords {
    int write(JsonGenerator json) throws IOException;
  }

  private void writeStoryFile(
      Path accountFolder,
      String account,
      String region,
      Instant delivered,
      Counter counter,
      StoryRecords records)
      throws IOException {
    Path folder = dayFolder(accountFolder, region, delivered.atZone(ZoneOffset.UTC).toLocalDate());
    Files.createDirectories(folder);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    int written;
    try (JsonGenerator generator = jsonFactory.createGenerator(json, JsonEncoding.UTF8)) {
      generator.writeStartObject();
      generator.writeArrayFieldStart("Records");
      written = records.write(generator);
      generator.writeEndArray();
      generator.writeEndObject();
    }
    String name = logFileName(account, region, delivered, "ServiceLinkedRol");
    byte[] compressed = gzip(json.toByteArray());
    Files.write(folder.resolve(name), compressed);
    counter.files++;
    counter.records += written;
    counter.bytes += compressed.length;
    counter.jsonBytes += json.size();
  }

  /** CloudTrail's name for a log file: account, region, delivery minute and a 16-character id. */
  private static String logFileName(String account, String region, Instant delivered, String id) {
    return account
        + "_CloudTrail_"
        + region
        + "_"
        + FILE_TIME.format(delivered)
        + "_"
        + id
        + ".json.gz";
  }

  /** CloudTrail may deliver the same events twice: a copy of a file under another name. */
  private void redeliver(Path file, SplittableRandom random, Counter counter) throws IOException {
    String name = file.getFileName().toString();
    String copyName = name.substring(0, name.lastIndexOf('_') + 1) + randomId(random) + ".json.gz";
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file.resolveSibling(copyName), bytes);
    counter.files++;
    counter.records += settings.recordsPerFile();
    counter.bytes += bytes.length;
    try (java.io.InputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      counter.jsonBytes += in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private void writeDigest(
      Path accountFolder, String account, String region, LocalDate day, SplittableRandom random)
      throws IOException {
    Path folder =
        accountFolder
            .resolve("CloudTrail-Digest")
            .resolve(region)
            .resolve(ArchiveLayout.dayFolder(day));
    Files.createDirectories(folder);
    Instant time = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600);
    String name =
        account
            + "_CloudTrail-Digest_"
            + region
            + "_management_"
            + region
            + "_"
            + DIGEST_TIME.format(time)
            + ".json.gz";
    String digest =
        "{\"awsAccountId\":\""
            + account
            + "\",\"digestStartTime\":\""
            + time
            + "\",\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"logFiles\":[],\"nonce\":\""
            + randomId(random)
            + "\"}";
    Files.write(folder.resolve(name), gzip(digest.getBytes(StandardCharsets.UTF_8)));
  }

  static Path dayFolder(Path accountFolder, String region, LocalDate day) {
    return accountFolder
        .resolve(ArchiveLayout.CLOUD_TRAIL)
        .resolve(region)
        .resolve(ArchiveLayout.dayFolder(day));
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 6 + 64);
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }

  static String randomId(SplittableRandom random) {
    StringBuilder id = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return id.toString();
  }

  /** The bad files a real bucket can hold, each in a real day folder under a log file name. */
  private final class BadFiles {
    private final SplittableRandom random;

    BadFiles(SplittableRandom random) {
      this.random = random;
    }

    int write(Path awsLogs) throws IOException {
      String account =
          settings.accounts().isEmpty()
              ? settings.organizationAccounts().get(0)
              : settings.accounts().get(0);
      Path accountFolder =
          settings.accounts().isEmpty()
              ? awsLogs.resolve(settings.organizationId()).resolve(account)
              : awsLogs.resolve(account);
      String region = settings.regions().get(0);
      Path folder = dayFolder(accountFolder, region, settings.firstDay());
      Files.createDirectories(folder);
      Instant noon =
          settings.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(43_200);
      String prefix = account + "_CloudTrail_" + region + "_" + FILE_TIME.format(noon) + "_";

      byte[] goodJson =
          ("{\"Records\":[{\"eventVersion\":\"1.08\",\"eventTime\":\""
                  + noon
                  + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
                  + "\"eventID\":\"bad-file-event\",\"eventType\":\"AwsApiCall\","
                  + "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"Access Denied\"}]}")
              .getBytes(StandardCharsets.UTF_8);
      byte[] goodGzip = gzip(goodJson);

      int count = 0;
      // Corrupt: a gzip header followed by bytes that are not deflate data.
      byte[] corrupt = goodGzip.clone();
      for (int i = 12; i < corrupt.length - 8; i++) {
        corrupt[i] = (byte) random.nextInt(256);
      }
      count += put(folder, prefix + "CorruptGzip00001.json.gz", corrupt);
      // Truncated: the first half of a good file.
      byte[] truncated = new byte[goodGzip.length / 2];
      System.arraycopy(goodGzip, 0, truncated, 0, truncated.length);
      count += put(folder, prefix + "TruncatedGzip001.json.gz", truncated);
      // Valid gzip of an S3 error document.
      count +=
          put(
              folder,
              prefix + "S3ErrorDocument1.json.gz",
              gzip(
                  ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                          + "<Message>Access Denied</Message></Error>")
                      .getBytes(StandardCharsets.UTF_8)));
      // JSON lines instead of {"Records":[...]}.
      count +=
          put(
              folder,
              prefix + "JsonLines0000001.json.gz",
              gzip(
                  ("{\"eventVersion\":\"1.08\",\"eventTime\":\""
                          + noon
                          + "\"}\n"
                          + "{\"eventVersion\":\"1.08\",\"eventTime\":\""
                          + noon
                          + "\"}\n")
                      .getBytes(StandardCharsets.UTF_8)));
      // Zero bytes.
      count += put(folder, prefix + "ZeroBytes0000001.json.gz", new byte[0]);
      // Not compressed at all.
      count += put(folder, prefix + "NotCompressed001.json.gz", goodJson);
      // Invalid UTF-8 inside a string.
      byte[] invalidUtf8 = goodJson.clone();
      int at = new String(goodJson, StandardCharsets.UTF_8).indexOf("GetObject");
      invalidUtf8[at] = (byte) 0xC3;
      invalidUtf8[at + 1] = (byte) 0x28;
      count += put(folder, prefix + "InvalidUtf8Text1.json.gz", gzip(invalidUtf8));
      // Records is not an array.
      count +=
          put(
              folder,
              prefix + "RecordsNotArray1.json.gz",
              gzip("{\"Records\":{\"eventVersion\":\"1.08\"}}".getBytes(StandardCharsets.UTF_8)));
      // An empty Records array is a valid file with no events: read, not rejected.
      put(
          folder,
          prefix + "EmptyRecords0001.json.gz",
          gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));
      // Files in a day folder that are not log files: reported, never read.
      put(folder, "README.txt", "notes left in the bucket".getBytes(StandardCharsets.UTF_8));
      put(
          folder,
          account
              + "_CloudTrail-Digest_"
              + region
              + "_management_"
              + region
              + "_"
              + DIGEST_TIME.format(noon)
              + ".json.gz",
          gzip("{\"logFiles\":[]}".getBytes(StandardCharsets.UTF_8)));
      return count;
    }

    private int put(Path folder, String name, byte[] bytes) throws IOException {
      Files.write(folder.resolve(name), bytes);
      return 1;
    }
  }

  private static final class Counter {
    int files;
    long records;
    long bytes;
    long jsonBytes;
  }
}
