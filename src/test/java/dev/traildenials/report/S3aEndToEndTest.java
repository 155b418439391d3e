package dev.traildenials.report;

import static dev.traildenials.report.ReportFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.S3TestServer;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same archive on local disk and in an S3 bucket (s3a against the test server on 127.0.0.1):
 * {@code report} writes the same Delta tables from either, into local disk or another bucket, and
 * {@code query} gives the same rows; the bad files are rejected the same way.
 */
@Tag("slow")
class S3aEndToEndTest {

  private static final String FROM = "2024-03-01";
  private static final String TO = "2024-03-03";

  @TempDir static Path temporary;
  static Path archive;
  static Path localOut;
  static String s3Archive;
  static String s3Out;
  static S3TestServer server;
  static String logsBucket;
  static String analyticsBucket;

  @BeforeAll
  static void reportLocallyAndFromS3() {
    SharedSpark.session();
    archive = temporary.resolve("archive");
    try {
      new SampleArchive(TestArchives.smallFixture(2).withMessy(true)).write(archive);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server = S3TestServer.shared();
    logsBucket = server.newBucket("logs");
    analyticsBucket = server.newBucket("analytics");
    server.upload(archive, logsBucket, "cloudtrail/");
    s3Archive = "s3a://" + logsBucket + "/cloudtrail";
    s3Out = "s3a://" + analyticsBucket + "/trail-denials";

    localOut = temporary.resolve("local-out");
    report(archive, localOut, FROM, TO);
    Cli.Result result =
        Cli.run("report", "--archive", s3Archive, "--out", s3Out, "--from", FROM, "--to", TO);
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  @Test
  void theReportFromS3EqualsTheReportFromLocalDisk() {
    for (String table : ReportTables.ALL) {
      if (table.equals(ReportTables.RUNS) || table.equals(ReportTables.PROCESSED_FILES)) {
        continue;
      }
      // Which run rejected a file or first saw a denial, and when, is the run's own.
      String[] runColumns = {
        "run_id", "rejected_at", "first_seen_run_id", "first_seen_at", "raised_by_run_id"
      };
      List<String> local = ReportFixtures.rows(localOut.toString(), table, "delta", runColumns);
      List<String> s3 = ReportFixtures.rows(s3Out, table, "delta", runColumns);
      assertThat(local).as(table).isNotEmpty();
      assertThat(withoutRoots(s3)).as(table).containsExactlyElementsOf(withoutRoots(local));
    }
    assertThat(ReportFixtures.rows(localOut, "denial_events", "delta")).hasSizeGreaterThan(50);
    assertThat(ReportFixtures.rows(localOut, "rejected_files", "delta")).hasSize(8);
  }

  @Test
  void theS3RunRecordsItsRequestsAndTheLocalRunNone() {
    Row s3Run = lastRun(s3Out);
    Row localRun = lastRun(localOut.toString());
    Row archiveRequests = s3Run.getAs("archive_requests");
    long filesOpened = s3Run.<Long>getAs("files_read") + s3Run.<Long>getAs("files_rejected");
    // One GET per log file opened (the empty file is rejected unopened), no HEAD, a few LISTs.
    assertThat(archiveRequests.<Long>getAs("get")).isEqualTo(filesOpened - 1);
    assertThat(archiveRequests.<Long>getAs("head")).isZero();
    assertThat(archiveRequests.<Long>getAs("list")).isBetween(5L, 20L);
    Row outputRequests = s3Run.getAs("output_requests");
    assertThat(outputRequests.<Long>getAs("put")).isPositive();

    Row localRequests = localRun.getAs("archive_requests");
    assertThat(List.of(localRequests.<Long>getAs("list"), localRequests.<Long>getAs("get")))
        .containsOnly(0L);
  }

  @Test
  void theSeedQueryOverS3GivesTheSameRowsIntoABucket() throws IOException {
    Path localCsv = temporary.resolve("local.csv");
    String s3Csv = s3Out + "/results/denied_calls.csv";
    Cli.Result local = seedQuery(archive.toString(), localCsv.toString());
    Cli.Result s3 = seedQuery(s3Archive, s3Csv);
    assertThat(local.exitCode()).as(local.err()).isZero();
    assertThat(s3.exitCode()).as(s3.err()).isZero();
    assertThat(s3.err()).contains("requests for the archive:").contains(" 0 HEAD");

    String expected = Files.readString(localCsv, StandardCharsets.UTF_8);
    assertThat(expected.lines().count()).isGreaterThan(50);
    assertThat(readS3(s3Csv)).isEqualTo(expected);
  }

  @Test
  void theTablesInTheBucketAreQueriedByName() throws IOException {
    Path csv = temporary.resolve("by-name.csv");
    Cli.Result result =
        Cli.run(
            "query",
            "--tables",
            s3Out,
            "-e",
            "SELECT count(*) AS denials, count(DISTINCT event_id) AS ids FROM denial_events",
            "--csv",
            csv.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    long expected = ReportFixtures.rows(localOut, "denial_events", "delta").size();
    assertThat(Files.readAllLines(csv)).containsExactly("denials,ids", expected + "," + expected);
  }

  private static Cli.Result seedQuery(String archiveRoot, String csv) {
    String sql = TestArchives.projectDirectory().resolve("sql/denied_calls.sql").toString();
    return Cli.run(
        "query", "--archive", archiveRoot, "--from", FROM, "--to", TO, "--sql", sql, "--csv", csv);
  }

  private static Row lastRun(String out) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out + "/runs")
        .orderBy(org.apache.spark.sql.functions.col("started_at").desc())
        .first();
  }

  /** Rows with the archive's root spelled the same way for the local and the S3 copy. */
  private static List<String> withoutRoots(List<String> rows) {
    String localRoot = "file:" + archive.toAbsolutePath();
    return rows.stream()
        .map(row -> row.replace(s3Archive, "<archive>").replace(localRoot, "<archive>"))
        .sorted()
        .toList();
  }

  private static String readS3(String location) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    FileSystem fileSystem =
        path.getFileSystem(SharedSpark.session().sparkContext().hadoopConfiguration());
    try (InputStream in = fileSystem.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
