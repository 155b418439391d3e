package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SparkSubmitter;
import dev.traildenials.testing.StandaloneCluster;
import dev.traildenials.testing.TestArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar submitted in client mode to a real standalone cluster (a master, a worker and
 * its executor, each a JVM of its own, on 127.0.0.1): queries with and without ORDER BY and a
 * report give exactly a local run's answers and tables (the local runs are in this JVM's local
 * session), the archive is read once, and the files and records counted in the executor's JVM add
 * up to the local run's.
 */
@Tag("slow")
class StandaloneClusterIT {

  private static final String FROM = ReportFixtures.SHARED_FROM;
  private static final String TO = ReportFixtures.SHARED_TO;
  private static final Pattern SUMMARY =
      Pattern.compile(
          "read (\\d+) log files \\([^)]*\\) under \\S+ in (\\d+) tasks: (\\d+) records");

  @TempDir static Path temporary;
  static StandaloneCluster cluster;
  static Path archive;

  @BeforeAll
  static void startTheCluster() throws Exception {
    archive = ReportFixtures.sharedArchive();
    cluster =
        StandaloneCluster.start(Files.createDirectories(temporary.resolve("cluster")), 2, "2g");
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static SparkSubmitter submitter(String master) {
    String flags = System.getProperty("trail-denials.jvm-flags");
    return new SparkSubmitter(temporary)
        .master(master)
        .conf("spark.driver.host", "127.0.0.1")
        .conf("spark.driver.bindAddress", "127.0.0.1")
        .conf("spark.executor.memory", "1g")
        .conf(
            "spark.executor.extraJavaOptions", flags + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
  }

  /**
   * Runs a query on the cluster and in this JVM's local session; returns both CSVs and both read
   * summaries (what each printed to standard error).
   */
  private static String[] queryBothWays(String name, String sql) throws Exception {
    List<String> arguments =
        List.of("query", "--archive", archive.toString(), "--from", FROM, "--to", TO, "-e", sql);
    Path clusterCsv = temporary.resolve(name + "-cluster.csv");
    long started = System.nanoTime();
    List<String> clusterArguments = new ArrayList<>(arguments);
    clusterArguments.addAll(List.of("--csv", clusterCsv.toString()));
    int exit =
        submitter(cluster.masterUrl())
            .run(name + "-cluster", clusterArguments.toArray(String[]::new));
    String clusterLog = Files.readString(temporaryLog(name + "-cluster"), StandardCharsets.UTF_8);
    assertThat(exit).as(clusterLog + cluster.executorLogs()).isZero();
    printWallTime(name + "-cluster", started);

    Path localCsv = temporary.resolve(name + "-local.csv");
    List<String> localArguments = new ArrayList<>(arguments);
    localArguments.addAll(List.of("--csv", localCsv.toString()));
    Cli.Result local = Cli.run(localArguments.toArray(String[]::new));
    assertThat(local.exitCode()).as(local.err()).isZero();
    return new String[] {
      Files.readString(clusterCsv, StandardCharsets.UTF_8),
      Files.readString(localCsv, StandardCharsets.UTF_8),
      clusterLog,
      local.err()
    };
  }

  private static Path temporaryLog(String run) {
    return temporary.resolve(run + ".log");
  }

  @Test
  void queriesWithAndWithoutOrderByGiveTheLocalAnswersReadingTheArchiveOnce() throws Exception {
    long records =
        TestArchives.recordsUnder(archive).stream()
            .filter(
                r -> {
                  String time = TestArchives.text(r, "eventTime");
                  return time.compareTo(FROM) >= 0 && time.compareTo(TO) < 0;
                })
            .count();

    String[] unsorted =
        queryBothWays(
            "unsorted", "SELECT eventid, errorcode FROM cloudtrail WHERE errorcode IS NOT NULL");
    assertThat(Files.readAllLines(temporary.resolve("unsorted-cluster.csv")))
        .containsExactlyInAnyOrderElementsOf(
            Files.readAllLines(temporary.resolve("unsorted-local.csv")));
    assertReadOnce(unsorted[2], unsorted[3], records);

    String[] sorted =
        queryBothWays(
            "sorted",
            "SELECT eventid, eventtime, errorcode FROM cloudtrail WHERE errorcode IS NOT NULL"
                + " ORDER BY eventtime DESC, eventid");
    assertThat(sorted[0]).isEqualTo(sorted[1]);
    assertThat(sorted[0].lines().count()).isGreaterThan(10);
    assertReadOnce(sorted[2], sorted[3], records);
  }

  @Test
  void aReportOnTheClusterWritesTheLocalTables() throws Exception {
    Path out = temporary.resolve("report-cluster");
    SparkSubmitter submit = submitter(cluster.masterUrl());
    long started = System.nanoTime();
    int exit =
        submit.run(
            "report-cluster",
            "report",
            "--archive",
            archive.toString(),
            "--out",
            out.toString(),
            "--from",
            FROM,
            "--to",
            TO);
    assertThat(exit)
        .as(Files.readString(submit.log("report-cluster")) + cluster.executorLogs())
        .isZero();
    printWallTime("report-cluster", started);

    assertThat(ReportFixtures.rows(out, "denial_events", "delta")).isNotEmpty();
    assertThat(ReportFixtures.snapshot(out, "delta"))
        .isEqualTo(ReportFixtures.sharedReportSnapshot());
  }

  /** The wall time of one submission, for comparing the cluster's fixed cost with local mode's. */
  private static void printWallTime(String run, long startedNanos) {
    System.out.printf(
        java.util.Locale.ROOT,
        "standalone cluster test: %s took %.1f s%n",
        run,
        (System.nanoTime() - startedNanos) / 1e9);
  }

  /**
   * The read summaries: one pass over the archive, and the files and records counted in the
   * cluster's executor JVM add up to what the local run counted.
   */
  private static void assertReadOnce(String clusterLog, String localLog, long recordsInRange) {
    assertThat(clusterLog).doesNotContain("read the archive");
    Matcher cluster = SUMMARY.matcher(clusterLog);
    Matcher local = SUMMARY.matcher(localLog);
    assertThat(cluster.find()).as(clusterLog).isTrue();
    assertThat(local.find()).as(localLog).isTrue();
    assertThat(cluster.group(1)).as("files read").isEqualTo(local.group(1));
    assertThat(cluster.group(3)).as("records read").isEqualTo(local.group(3));
    assertThat(Long.parseLong(cluster.group(3))).isGreaterThanOrEqualTo(recordsInRange);
  }
}
