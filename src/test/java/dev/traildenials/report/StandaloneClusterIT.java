package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.SparkSubmitter;
import dev.traildenials.testing.StandaloneCluster;
import dev.traildenials.testing.TestArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * report give exactly a local run's answers and tables, the archive is read once, and the records
 * counted across the JVMs add up to the archive's.
 */
@Tag("slow")
class StandaloneClusterIT {

  private static final String FROM = "2024-03-01";
  private static final String TO = "2024-03-03";
  private static final Pattern SUMMARY =
      Pattern.compile(
          "read (\\d+) log files \\([^)]*\\) under \\S+ in (\\d+) tasks: (\\d+) records");

  @TempDir static Path temporary;
  static StandaloneCluster cluster;
  static Path archive;

  @BeforeAll
  static void startTheCluster() throws Exception {
    archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
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
        .conf("spark.executor.extraJavaOptions", flags);
  }

  /** Runs a query on the cluster and locally; returns both CSVs' lines and the cluster's log. */
  private static String[] queryBothWays(String name, String sql) throws Exception {
    String[] results = new String[4];
    int index = 0;
    for (String master : List.of(cluster.masterUrl(), "local[2]")) {
      String run = name + (index == 0 ? "-cluster" : "-local");
      Path csv = temporary.resolve(run + ".csv");
      long started = System.nanoTime();
      int exit =
          submitter(master)
              .run(
                  run,
                  "query",
                  "--archive",
                  archive.toString(),
                  "--from",
                  FROM,
                  "--to",
                  TO,
                  "-e",
                  sql,
                  "--csv",
                  csv.toString());
      String log = Files.readString(temporaryLog(run), StandardCharsets.UTF_8);
      assertThat(exit).as(log + cluster.executorLogs()).isZero();
      printWallTime(run, started);
      results[index] = Files.readString(csv, StandardCharsets.UTF_8);
      results[2 + index] = log;
      index++;
    }
    return results;
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
    Path[] outs = new Path[2];
    int index = 0;
    for (String master : List.of(cluster.masterUrl(), "local[2]")) {
      String run = "report-" + (index == 0 ? "cluster" : "local");
      outs[index] = temporary.resolve(run);
      SparkSubmitter submit = submitter(master);
      long started = System.nanoTime();
      int exit =
          submit.run(
              run,
              "report",
              "--archive",
              archive.toString(),
              "--out",
              outs[index].toString(),
              "--from",
              FROM,
              "--to",
              TO);
      assertThat(exit).as(Files.readString(submit.log(run)) + cluster.executorLogs()).isZero();
      printWallTime(run, started);
      index++;
    }
    assertThat(ReportFixtures.snapshot(outs[0], "delta"))
        .isEqualTo(ReportFixtures.snapshot(outs[1], "delta"));
    assertThat(ReportFixtures.rows(outs[0], "denial_events", "delta")).isNotEmpty();
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
