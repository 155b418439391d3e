package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.S3TestServer;
import dev.traildenials.testing.S3TestServer.Request;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests a one-day query makes to a 30-day archive in S3, as the S3 server saw them: it lists
 * the day folders that can hold the day's events in each account and region (the day and the next,
 * for late deliveries) and the few folders above them, never the other days and never the whole
 * bucket; it GETs each log file of those folders once and nothing else; no HEAD.
 */
class S3aRequestPlanTest {

  private static final List<String> ACCOUNTS = List.of("111111111111", "444444444444");
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
  private static final LocalDate DAY = LocalDate.of(2024, 3, 15);
  private static final String PREFIX = "org-trail/";
  private static final Pattern DAY_FOLDER =
      Pattern.compile(".*/CloudTrail/[^/]+/(\\d{4})/(\\d\\d)/(\\d\\d)/");

  @TempDir static Path temporary;
  static S3TestServer server;
  static String bucket;
  static Path archive;

  @BeforeAll
  static void uploadThirtyDays() throws IOException {
    SharedSpark.session();
    archive = temporary.resolve("archive");
    new SampleArchive(
            new SampleSettings(
                LocalDate.of(2024, 3, 1),
                30,
                List.of(ACCOUNTS.get(0)),
                "o-exampleorg01",
                List.of(ACCOUNTS.get(1)),
                REGIONS,
                1,
                2,
                30L,
                false))
        .write(archive);
    server = S3TestServer.shared();
    bucket = server.newBucket("plan");
    server.upload(archive, bucket, PREFIX);
  }

  @Test
  void aOneDayQueryListsAndReadsOnlyThatDaysFolders() throws IOException {
    server.clearRequests(bucket);
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            "s3a://" + bucket + "/" + PREFIX,
            "--from",
            DAY.toString(),
            "--to",
            DAY.plusDays(1).toString(),
            "-e",
            "SELECT count(*) FROM cloudtrail",
            "--csv",
            temporary.resolve("count.csv").toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertListedAndReadOnly(result, REGIONS);
  }

  @Test
  void aRangeWrittenOnlyInTheSqlListsAndReadsOnlyItsDayFolders() throws IOException {
    String archiveRoot = "s3a://" + bucket + "/" + PREFIX;
    String sql = TestArchives.projectDirectory().resolve("sql/denied_calls.sql").toString();
    Path bounded = temporary.resolve("bounded.csv");
    Cli.Result withRange =
        Cli.queryToCsv(
            archiveRoot,
            bounded,
            "--from",
            DAY.toString(),
            "--to",
            DAY.plusDays(1).toString(),
            "--sql",
            sql);
    assertThat(withRange.exitCode()).as(withRange.err()).isZero();

    server.clearRequests(bucket);
    Path fromSql = temporary.resolve("from-sql.csv");
    Cli.Result sqlOnly =
        Cli.queryToCsv(
            archiveRoot,
            fromSql,
            "--param",
            "from=" + DAY + "T00:00:00Z",
            "--param",
            "to=" + DAY.plusDays(1) + "T00:00:00Z",
            "--sql",
            sql);
    assertThat(sqlOnly.exitCode()).as(sqlOnly.err()).isZero();
    assertThat(sqlOnly.err())
        .contains("listed only what the query's conditions allow: event time")
        .contains("from_iso8601_timestamp");
    assertListedAndReadOnly(sqlOnly, REGIONS);
    assertThat(Files.readAllLines(fromSql))
        .isEqualTo(Files.readAllLines(bounded))
        .hasSizeGreaterThan(1);
  }

  @Test
  void textComparisonsOnTheEventTimeAndARegionNarrowTheListingToo() throws IOException {
    server.clearRequests(bucket);
    Path csv = temporary.resolve("text.csv");
    Cli.Result result =
        Cli.queryToCsv(
            "s3a://" + bucket + "/" + PREFIX,
            csv,
            "-e",
            "SELECT count(*) AS n FROM cloudtrail_logs WHERE eventtime >= '"
                + DAY
                + "T00:00:00Z' AND eventtime < '"
                + DAY.plusDays(1)
                + "' AND awsregion = 'eu-west-1'");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertListedAndReadOnly(result, List.of("eu-west-1"));
    long expected =
        TestArchives.recordsUnder(archive).stream()
            .filter(r -> "eu-west-1".equals(TestArchives.text(r, "awsRegion")))
            .map(r -> TestArchives.text(r, "eventTime"))
            .filter(t -> t.startsWith(DAY.toString()))
            .count();
    assertThat(Files.readAllLines(csv)).containsExactly("n", String.valueOf(expected));
  }

  @Test
  void aQuarterHourSkipsTheFirstDaysFilesDeliveredBeforeIt() throws IOException {
    String archiveRoot = "s3a://" + bucket + "/" + PREFIX;
    String from = DAY + "T12:00:00Z";
    String to = DAY + "T12:15:00Z";
    String sql = "SELECT eventid FROM cloudtrail ORDER BY eventid";
    Path unpruned = temporary.resolve("unpruned.csv");
    Cli.Result withoutPruning =
        Cli.queryToCsv(
            archiveRoot,
            unpruned,
            "--from",
            from,
            "--to",
            to,
            "--file-time-margin",
            "P1D",
            "-e",
            sql);
    assertThat(withoutPruning.exitCode()).as(withoutPruning.err()).isZero();

    server.clearRequests(bucket);
    Path pruned = temporary.resolve("pruned.csv");
    Cli.Result result = Cli.queryToCsv(archiveRoot, pruned, "--from", from, "--to", to, "-e", sql);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(pruned))
        .isEqualTo(Files.readAllLines(unpruned))
        .hasSizeGreaterThan(1);

    Set<String> reads =
        new TreeSet<>(ofKind(server.requests(bucket), "GET").stream().map(Request::key).toList());
    Set<String> expected = new TreeSet<>();
    Pattern name = Pattern.compile(".*_(\\d{8})T(\\d{2})(\\d{2})Z_[^/]*\\.json\\.gz");
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = PREFIX + archive.relativize(file).toString().replace('\\', '/');
        Matcher matcher = name.matcher(key);
        Matcher folder = DAY_FOLDER.matcher(key.substring(0, key.lastIndexOf('/') + 1));
        if (!matcher.matches() || !folder.matches() || !key.contains("/CloudTrail/")) {
          continue;
        }
        LocalDate day =
            LocalDate.of(
                Integer.parseInt(folder.group(1)),
                Integer.parseInt(folder.group(2)),
                Integer.parseInt(folder.group(3)));
        int minuteOfDay =
            Integer.parseInt(matcher.group(2)) * 60 + Integer.parseInt(matcher.group(3));
        // The day's files delivered at 11:45 or later (12:00 less the 15-minute margin and the
        // name's minute), and the next day's, which may hold late deliveries.
        if (day.equals(DAY) && minuteOfDay >= 11 * 60 + 45 || day.equals(DAY.plusDays(1))) {
          expected.add(key);
        }
      }
    }
    assertThat(expected).hasSizeLessThan(logFilesUnderDays().size());
    assertThat(reads).isEqualTo(expected);
  }

  /** Every log file of DAY's and the next day's folders. */
  private static Set<String> logFilesUnderDays() throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = PREFIX + archive.relativize(file).toString().replace('\\', '/');
        if (key.contains("/CloudTrail/")
            && key.endsWith(".json.gz")
            && (key.contains("/" + DAY.toString().replace('-', '/') + "/")
                || key.contains("/" + DAY.plusDays(1).toString().replace('-', '/') + "/"))) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /** The run listed the day folders of DAY and the next only, in these regions, and read them. */
  private static void assertListedAndReadOnly(Cli.Result result, List<String> regions)
      throws IOException {
    List<Request> requests = server.requests(bucket);

    List<Request> lists = ofKind(requests, "LIST");
    assertThat(lists)
        .as("every listing is one folder level, none of the whole bucket")
        .allSatisfy(
            list -> {
              assertThat(list.delimiter()).isEqualTo("/");
              assertThat(list.key()).startsWith(PREFIX);
            });
    Set<String> dayFolders = new TreeSet<>();
    List<Request> above = new ArrayList<>();
    for (Request list : lists) {
      Matcher day = DAY_FOLDER.matcher(list.key());
      if (day.matches()) {
        dayFolders.add(list.key());
        LocalDate listed =
            LocalDate.of(
                Integer.parseInt(day.group(1)),
                Integer.parseInt(day.group(2)),
                Integer.parseInt(day.group(3)));
        assertThat(listed).isIn(DAY, DAY.plusDays(1));
      } else {
        above.add(list);
      }
    }
    int accountsTimesRegions = ACCOUNTS.size() * regions.size();
    assertThat(dayFolders).hasSize(accountsTimesRegions * 2);
    assertThat(lists).hasSize(dayFolders.size() + above.size());
    // The prefix, AWSLogs/, the organization folder and each account's CloudTrail/ folder.
    assertThat(above).hasSizeLessThanOrEqualTo(3 + ACCOUNTS.size());
    assertThat(dayFolders)
        .allMatch(folder -> regions.stream().anyMatch(r -> folder.contains("/" + r + "/")));

    Set<String> expectedReads = logFilesUnder(dayFolders);
    List<String> reads = ofKind(requests, "GET").stream().map(Request::key).toList();
    assertThat(reads).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(reads)).isEqualTo(expectedReads);
    assertThat(ofKind(requests, "HEAD")).isEmpty();

    // The job's own count, from s3a's statistics, agrees with the server's.
    assertThat(result.err())
        .contains(
            "requests for the archive: "
                + lists.size()
                + " LIST ("
                + lists.size()
                + " folders listed), "
                + reads.size()
                + " GET, 0 HEAD");
  }

  private static List<Request> ofKind(List<Request> requests, String kind) {
    return requests.stream().filter(request -> request.kind().equals(kind)).toList();
  }

  /** The keys of the log files the archive holds in the listed day folders. */
  private static Set<String> logFilesUnder(Set<String> dayFolders) throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String key = PREFIX + archive.relativize(file).toString().replace('\\', '/');
        String folder = key.substring(0, key.lastIndexOf('/') + 1);
        if (dayFolders.contains(folder) && key.endsWith(".json.gz")) {
          keys.add(key);
        }
      }
    }
    assertThat(keys).hasSizeGreaterThan(4 * 24);
    return keys;
  }
}
