package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.FaultInjectingProxy;
import dev.traildenials.testing.FaultInjectingProxy.Fault;
import dev.traildenials.testing.S3TestServer;
import dev.traildenials.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a reads the archive through a proxy that fails one request in five (503 SlowDown, 500, a reset
 * before the answer, a reset half way through the body): the report still ends with the tables of a
 * run without faults, and its summary counts the retries. A key the store always denies is a
 * rejected file with its reason, not a failed night.
 */
@Tag("slow")
class S3FaultsTest {

  private static final String FROM = ReportFixtures.SHARED_FROM;
  private static final String TO = ReportFixtures.SHARED_TO;
  private static final String[] RUN_COLUMNS = {
    "run_id", "rejected_at", "first_seen_run_id", "first_seen_at", "raised_by_run_id"
  };

  @TempDir static Path temporary;
  static Path archive;
  static Path reference;
  static FaultInjectingProxy proxy;
  static String bucket;

  @BeforeAll
  static void archiveBehindAFaultyProxy() throws Exception {
    SharedSpark.session();
    archive = ReportFixtures.sharedArchive();
    reference = ReportFixtures.sharedReport();

    S3TestServer server = S3TestServer.shared();
    bucket = server.newBucket("faults");
    server.upload(archive, bucket, "cloudtrail/");
    proxy = new FaultInjectingProxy(server.port(), 5);
    Configuration hadoop = SharedSpark.session().sparkContext().hadoopConfiguration();
    String prefix = "fs.s3a.bucket." + bucket + ".";
    hadoop.set(prefix + "endpoint", "http://127.0.0.1:" + proxy.port());
    // Short pauses between retries keep the test quick; the retry logic is s3a's own.
    hadoop.set(prefix + "retry.interval", "20ms");
    hadoop.set(prefix + "retry.throttle.interval", "20ms");
    // As conf/spark-cluster.conf: every retry is s3a's own, so it is counted.
    hadoop.set(prefix + "attempts.maximum", "0");
  }

  @AfterAll
  static void stopProxy() throws Exception {
    proxy.close();
  }

  private static String s3Archive() {
    return "s3a://" + bucket + "/cloudtrail";
  }

  private static Cli.Result reportFromS3(Path out) {
    return Cli.run(
        "report", "--archive", s3Archive(), "--out", out.toString(), "--from", FROM, "--to", TO);
  }

  /** Every table (run columns left out) with the archive's root taken out of paths. */
  private static Map<String, List<String>> tables(Path out, String root) {
    Map<String, List<String>> tables = new java.util.LinkedHashMap<>();
    for (String table : ReportTables.ALL) {
      if (!table.equals(ReportTables.RUNS) && !table.equals(ReportTables.PROCESSED_FILES)) {
        tables.put(
            table,
            ReportFixtures.rows(out.toString(), table, "delta", RUN_COLUMNS).stream()
                .map(line -> line.replace(root, "<archive>"))
                .sorted()
                .toList());
      }
    }
    return tables;
  }

  private static Row lastRun(Path out) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out.resolve(ReportTables.RUNS).toString())
        .orderBy(org.apache.spark.sql.functions.col("started_at").desc())
        .first();
  }

  @Test
  void aReportThroughTransientFaultsEndsWithTheTablesOfARunWithout() {
    proxy.resetCounts();
    Path out = temporary.resolve("through-faults");
    Cli.Result result = reportFromS3(out);
    assertThat(result.exitCode()).as(result.err()).isZero();

    Map<Fault, Long> injected = proxy.injected();
    long faults = proxy.transientFaults();
    assertThat(proxy.requests()).isGreaterThan(50);
    assertThat(faults).isGreaterThanOrEqualTo(proxy.requests() / 10);
    assertThat(injected.get(Fault.SLOW_DOWN_503)).isPositive();
    assertThat(injected.get(Fault.INTERNAL_ERROR_500)).isPositive();
    assertThat(injected.get(Fault.RESET_BEFORE_ANSWER)).isPositive();
    assertThat(injected.get(Fault.RESET_DURING_BODY)).isPositive();

    assertThat(tables(out, s3Archive())).isEqualTo(tables(reference, "file:" + archive));
    Row requests = lastRun(out).getAs("archive_requests");
    long retries = requests.<Long>getAs("retries");
    long throttled = requests.<Long>getAs("throttled");
    System.out.printf(
        "S3 faults: %d requests, injected %s; run summary: %d retried, %d throttled%n",
        proxy.requests(), injected, retries, throttled);
    // Each 500 and each reset cost exactly one retry; each SlowDown is counted as throttling.
    assertThat(retries)
        .isEqualTo(
            injected.get(Fault.INTERNAL_ERROR_500)
                + injected.get(Fault.RESET_BEFORE_ANSWER)
                + injected.get(Fault.RESET_DURING_BODY));
    assertThat(throttled).isGreaterThanOrEqualTo(injected.get(Fault.SLOW_DOWN_503));
    assertThat(result.err()).contains(retries + " retried, " + throttled + " throttled");
  }

  @Test
  void aFileTheStoreAlwaysDeniesIsRejectedWithItsReason() throws Exception {
    // The first file with denials; its key as uploaded.
    String deniedPath =
        SharedSpark.session()
            .read()
            .format("delta")
            .load(reference.resolve("denial_events").toString())
            .selectExpr("min(source_file)")
            .first()
            .getString(0);
    String key = deniedPath.substring(("file:" + archive + "/").length());
    String fileName = key.substring(key.lastIndexOf('/') + 1);
    proxy.deny(key);
    Path out = temporary.resolve("one-denied");
    Cli.Result result;
    try {
      result = reportFromS3(out);
    } finally {
      proxy.allow(key);
    }
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(proxy.injected().get(Fault.ACCESS_DENIED_403)).isPositive();

    List<Row> rejected =
        SharedSpark.session()
            .read()
            .format("delta")
            .load(out.resolve(ReportTables.REJECTED_FILES).toString())
            .collectAsList();
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).<String>getAs("path")).endsWith(key);
    assertThat(rejected.get(0).<String>getAs("reason")).contains("access denied by the store");
    assertThat(lastRun(out).<String>getAs("status")).isEqualTo("succeeded");

    // Every event of every other file is there.
    List<String> expected =
        ReportFixtures.rows(reference.toString(), "denial_events", "delta", RUN_COLUMNS).stream()
            .filter(line -> !line.contains(fileName))
            .map(line -> line.replace("file:" + archive, "<archive>"))
            .sorted()
            .toList();
    List<String> actual =
        ReportFixtures.rows(out.toString(), "denial_events", "delta", RUN_COLUMNS).stream()
            .map(line -> line.replace(s3Archive(), "<archive>"))
            .sorted()
            .toList();
    assertThat(actual).isNotEmpty().isEqualTo(expected);
  }
}
