package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.SparkSubmitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report killed with SIGKILL while it writes: every table stays readable at a whole version, the
 * run is not recorded as succeeded, and running it again ends with the tables of a run that was
 * never interrupted.
 */
@Tag("slow")
class CrashConsistencyIT {

  @TempDir Path temporary;

  @Test
  void aRunKilledWhileWritingIsRepairedByRunningItAgain() throws Exception {
    Path archive = ReportFixtures.sharedArchive();
    Path crashed = temporary.resolve("crashed");
    SparkSubmitter submit = new SparkSubmitter(temporary);
    String[] wholeRange = {"--from", ReportFixtures.SHARED_FROM, "--to", ReportFixtures.SHARED_TO};

    // A first day so that the killed run has earlier versions to leave in place, run in this JVM;
    // only the killed run needs a process of its own. The shared report is the uninterrupted run.
    ReportFixtures.report(archive, crashed, ReportFixtures.SHARED_FROM, "2024-03-02");
    long runsBefore = runs(crashed).size();
    long combinationsBefore = rows(crashed, "new_denials").size();

    Process killed = submit.start("killed", report(archive, crashed, wholeRange));
    // Killed right after its first commit (the events), while the summaries are being written.
    Path eventsCommitted = crashed.resolve("denial_events/_delta_log/00000000000000000001.json");
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (!Files.exists(eventsCommitted) && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(killed.isAlive()).as("the run was still writing when it was killed").isTrue();
    killed.destroyForcibly().waitFor();
    assertThat(killed.exitValue()).isEqualTo(137);

    // Readers see whole versions: every table loads and is scanned to the end.
    for (String table : DenialReport.tableNames()) {
      if (Files.exists(crashed.resolve(table))) {
        SharedSpark.session()
            .read()
            .format("delta")
            .load(crashed.resolve(table).toString())
            .count();
      }
    }
    assertThat(runs(crashed)).hasSize((int) runsBefore);
    assertThat(crashed.resolve("_lock")).exists();

    // The repair runs in this JVM: the lock names a process that is gone.
    assertThat(
            ReportFixtures.report(
                    archive, crashed, ReportFixtures.SHARED_FROM, ReportFixtures.SHARED_TO)
                .err())
        .contains("taking over the lock of a run that stopped without releasing it");

    Map<String, List<String>> repaired = ReportFixtures.snapshot(crashed, "delta");
    assertThat(repaired.get("denial_events")).isNotEmpty();
    assertThat(repaired).containsExactlyEntriesOf(ReportFixtures.sharedReportSnapshot());
    assertThat(runs(crashed).stream().filter(row -> row.getAs("status").equals("succeeded")))
        .hasSize((int) runsBefore + 1);
    // The killed run's new combinations were not recorded as its own: each first_seen_run_id
    // names a run that succeeded, so the re-run counted them as new.
    Set<Object> succeeded =
        runs(crashed).stream()
            .filter(row -> row.getAs("status").equals("succeeded"))
            .map(row -> row.getAs("run_id"))
            .collect(Collectors.toSet());
    List<Row> combinations = rows(crashed, "new_denials");
    assertThat(combinations)
        .as("the killed run's range holds combinations the first day did not")
        .hasSizeGreaterThan((int) combinationsBefore);
    assertThat(combinations)
        .allSatisfy(row -> assertThat(succeeded).contains(row.<Object>getAs("first_seen_run_id")));
  }

  private static String[] report(Path archive, Path out, String... range) {
    String[] head = {"report", "--archive", archive.toString(), "--out", out.toString()};
    String[] all = new String[head.length + range.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(range, 0, all, head.length, range.length);
    return all;
  }

  private static List<Row> runs(Path out) {
    return rows(out, "runs");
  }

  private static List<Row> rows(Path out, String table) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out.resolve(table).toString())
        .collectAsList();
  }
}
