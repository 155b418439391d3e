package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.cli.TrailDenials;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A report sent a real SIGINT (this JVM signals itself) at each stage of its run: it ends with exit
 * code 130 and one line, records itself as interrupted in {@code runs}, and running it again ends
 * with the tables of a run that was never interrupted.
 */
@Tag("slow")
class InterruptedRunTest {

  /** Where the run is when the signal comes, told by what it has written so far. */
  enum Stage {
    /** The scan of the archive into the run's staging folder has begun. */
    READING(out -> anyUnder(out.resolve("_staging"), path -> path.endsWith("run_records"))),
    /** denial_events is committed; the summaries are being written. */
    WRITING_SUMMARIES(out -> Files.exists(firstCommit(out, "denial_events"))),
    /** The activity tables are being written. */
    WRITING_ACTIVITY(out -> Files.exists(firstCommit(out, "slr_activity"))),
    /** new_denials is committed; the page is being built, the run's row is next. */
    WRITING_THE_PAGE(out -> Files.exists(firstCommit(out, "new_denials")));

    final Predicate<Path> reached;

    Stage(Predicate<Path> reached) {
      this.reached = reached;
    }
  }

  @TempDir Path temporary;

  @ParameterizedTest
  @EnumSource(Stage.class)
  void anInterruptedRunSaysSoInOneLineAndItsRerunEndsWithTheTablesOfAWholeRun(Stage stage)
      throws Exception {
    Path archive = ReportFixtures.sharedArchive();
    Path out = temporary.resolve(stage.name().toLowerCase(java.util.Locale.ROOT));
    AtomicReference<Cli.Result> interrupted = new AtomicReference<>();
    Thread run =
        new Thread(
            () ->
                interrupted.set(
                    ReportFixtures.run(
                        archive, out, ReportFixtures.SHARED_FROM, ReportFixtures.SHARED_TO)));
    run.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!stage.reached.test(out) && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertThat(run.isAlive()).as("the run was still going when %s was reached", stage).isTrue();
    Process kill =
        new ProcessBuilder("kill", "-INT", String.valueOf(ProcessHandle.current().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor()).isZero();
    run.join(TimeUnit.MINUTES.toMillis(3));

    Cli.Result result = interrupted.get();
    assertThat(result.exitCode()).as(result.err()).isEqualTo(TrailDenials.EXIT_INTERRUPTED);
    List<String> lines = result.err().lines().filter(line -> line.contains("interrupted")).toList();
    assertThat(lines).as(result.err()).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("trail-denials: interrupted (SIGINT); ")
        .endsWith("; run it again");
    assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
    if (stage == Stage.READING) {
      assertThat(lines.get(0)).contains("no table changed");
    } else {
      assertThat(lines.get(0)).contains("it was writing denial_events");
    }
    List<Row> runs = runs(out);
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).<String>getAs("status")).isEqualTo("interrupted");
    assertThat(out.resolve("_lock")).doesNotExist();

    Cli.Result again =
        ReportFixtures.report(archive, out, ReportFixtures.SHARED_FROM, ReportFixtures.SHARED_TO);
    assertThat(ReportFixtures.snapshot(out, "delta"))
        .containsExactlyEntriesOf(ReportFixtures.sharedReportSnapshot());
    assertThat(runs(out))
        .extracting(row -> row.<String>getAs("status"))
        .containsExactlyInAnyOrder("interrupted", "succeeded");
    // The combinations the interrupted run did not record as its own are the re-run's: as many as
    // a run never interrupted found.
    long combinations = ReportFixtures.sharedReportSnapshot().get(ReportTables.NEW_DENIALS).size();
    assertThat(again.err()).contains("; " + combinations + " new denied combinations;");
    // So are the alarm periods it raised: its alert was never sent.
    long alarms = ReportFixtures.sharedReportSnapshot().get(ReportTables.SLR_ALARMS).size();
    assertThat(again.err()).contains("; " + alarms + " alarm periods (" + alarms + " new);");
  }

  private static Path firstCommit(Path out, String table) {
    return out.resolve(table).resolve("_delta_log/00000000000000000000.json");
  }

  private static boolean anyUnder(Path folder, Predicate<Path> matches) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> paths = Files.walk(folder, 2)) {
      return paths.anyMatch(matches);
    } catch (IOException | java.io.UncheckedIOException e) {
      // The run removed the folder while it was walked: not reached, or already passed.
      return false;
    }
  }

  private static List<Row> runs(Path out) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out.resolve(ReportTables.RUNS).toString())
        .collectAsList();
  }
}
