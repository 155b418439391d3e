package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.cli.TrailDenials;
import dev.traildenials.failure.Failure;
import dev.traildenials.store.RunLock;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of one output location take turns; none of them loses or doubles an event. */
@Tag("slow")
class ConcurrentRunsTest {

  @TempDir static Path temporary;
  static Path archive;
  static Path firstDay;

  @BeforeAll
  static void writeArchiveAndReportItsFirstDay() throws Exception {
    archive = ReportFixtures.sharedArchive();
    firstDay = temporary.resolve("first-day");
    ReportFixtures.report(archive, firstDay, "2024-03-01", "2024-03-02");
  }

  /** A copy of the first day's tables, for a test to run on (the tables' paths are relative). */
  private static Path firstDayCopy(String name) throws IOException {
    Path copy = temporary.resolve(name);
    TestArchives.copyTree(firstDay, copy);
    return copy;
  }

  private static Cli.Result run(Path out, String from, String to) {
    return ReportFixtures.run(archive, out, from, to);
  }

  private static long runs(Path out) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out.resolve("runs").toString())
        .count();
  }

  @Test
  void aRunFindingTheLockHeldWritesNothingAndSaysWhoHoldsIt() throws Exception {
    Path out = firstDayCopy("held");
    long runsBefore = runs(out);
    long version = ReportFixtures.version(out, "denial_events");
    Files.writeString(out.resolve("_lock"), "run other-run since 2024-03-05T06:30:00Z\n");

    Cli.Result blocked = run(out, "2024-03-01", "2024-03-03");

    assertThat(blocked.exitCode()).isEqualTo(TrailDenials.EXIT_STORAGE);
    assertThat(blocked.err())
        .contains("Another run is writing the tables at")
        .contains("run other-run since 2024-03-05T06:30:00Z");
    assertThat(runs(out)).isEqualTo(runsBefore);
    assertThat(ReportFixtures.version(out, "denial_events")).isEqualTo(version);
    assertThat(out.resolve("_lock")).exists();
  }

  @Test
  void theLockOfARunThatDiedIsTakenOverAndReleased() throws Exception {
    Path out = firstDayCopy("stale");
    Path lock = out.resolve("_lock");
    Files.writeString(lock, "run killed-run since 2024-03-05T06:30:00Z\n");
    Files.setLastModifiedTime(
        lock, FileTime.from(Instant.now().minus(RunLock.STALE).minus(1, ChronoUnit.MINUTES)));

    Cli.Result result = run(out, "2024-03-01", "2024-03-03");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("taking over the lock of a run that stopped");
    assertThat(lock).doesNotExist();
  }

  @Test
  void ofManyTakingTheLockAtOnceExactlyOneGetsIt() throws Exception {
    String out = temporary.resolve("contended").toString();
    org.apache.hadoop.conf.Configuration hadoop =
        SharedSpark.session().sparkContext().hadoopConfiguration();
    int contenders = 16;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    List<Future<RunLock>> tries = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      String runId = "run-" + i;
      tries.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return RunLock.acquire(
                      hadoop, out, runId, java.time.Clock.systemUTC(), notice -> {});
                } catch (Failure held) {
                  assertThat(held.kind()).isEqualTo(Failure.Kind.STORAGE);
                  return null;
                }
              }));
    }
    start.countDown();
    List<RunLock> winners = new ArrayList<>();
    for (Future<RunLock> attempt : tries) {
      RunLock lock = attempt.get();
      if (lock != null) {
        winners.add(lock);
      }
    }
    pool.shutdown();
    assertThat(winners).hasSize(1);
    winners.get(0).close();
    assertThat(Path.of(out, "_lock")).doesNotExist();
  }

  @Test
  void aLockOfAProcessOfThisMachineThatIsGoneNeedNotGoStale() {
    String holder = "run r-1 since 2024-03-05T06:30:00Z on worker-7 pid 4242\n";
    assertThat(RunLock.holderIsGone(holder, "worker-7", pid -> false)).isTrue();
    assertThat(RunLock.holderIsGone(holder, "worker-7", pid -> pid == 4242)).isFalse();
    // Another machine's process cannot be looked up: only the heartbeat tells.
    assertThat(RunLock.holderIsGone(holder, "worker-8", pid -> false)).isFalse();
    assertThat(
            RunLock.holderIsGone(
                "run other-run since 2024-03-05T06:30:00Z", "worker-7", pid -> false))
        .isFalse();
  }

  @Test
  void overlappingRunsStartedTogetherEndAsOneRunOverTheirUnion() throws Exception {
    Path out = firstDayCopy("together");
    // Their union is the shared report's range.
    String[][] ranges = {{"2024-03-01", "2024-03-03"}, {"2024-03-02", "2024-03-03"}};
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Cli.Result>> started = new ArrayList<>();
    for (String[] range : ranges) {
      started.add(pool.submit(() -> run(out, range[0], range[1])));
    }
    List<String[]> again = new ArrayList<>();
    for (int i = 0; i < ranges.length; i++) {
      Cli.Result result = started.get(i).get();
      if (result.exitCode() != 0) {
        // The only way to fail here is to find the other run at work, and to say so.
        assertThat(result.err()).contains("Another run is writing the tables at");
        again.add(ranges[i]);
      }
    }
    pool.shutdown();
    assertThat(again).hasSizeLessThan(2);
    for (String[] range : again) {
      assertThat(run(out, range[0], range[1]).exitCode()).isZero();
    }

    assertThat(ReportFixtures.snapshot(out, "delta"))
        .containsExactlyEntriesOf(ReportFixtures.sharedReportSnapshot());
    assertThat(ReportFixtures.rows(out, "denial_events", "delta")).doesNotHaveDuplicates();
    assertThat(out.resolve("_lock")).doesNotExist();
  }
}
