package dev.traildenials.query;

import static dev.traildenials.testing.TestArchives.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query's result is computed by one scan over all cores, and written in its order: Spark's
 * listener events show the stages and how many tasks ran at once; the rows are checked against a
 * reading of the raw files.
 */
class ParallelResultTest {

  private static final Pattern READ_TASKS = Pattern.compile("in (\\d+) tasks");

  @TempDir Path temporary;

  private final Stages stages = new Stages();
  private SparkContext context;

  /** What the scheduler did: each stage's task count, and the most tasks running at once. */
  static final class Stages extends SparkListener {
    final Map<Integer, Integer> tasksOfStage = new ConcurrentHashMap<>();
    final AtomicInteger jobs = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
      tasksOfStage.put(event.stageInfo().stageId(), event.stageInfo().numTasks());
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
      jobs.incrementAndGet();
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart event) {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
      running.decrementAndGet();
    }
  }

  @BeforeEach
  void listen() {
    context = SharedSpark.session().sparkContext();
    context.addSparkListener(stages);
  }

  @AfterEach
  void stopListening() {
    context.removeSparkListener(stages);
    SharedSpark.session().conf().unset("spark.sql.files.maxPartitionBytes");
  }

  private Path archive() throws Exception {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
    return archive;
  }

  /** Runs a query to CSV and returns its rows; the listener sees only this query's jobs. */
  private List<List<String>> query(Path archive, String sql, List<Integer> readTasks)
      throws Exception {
    Path csv = temporary.resolve("result-" + System.nanoTime() + ".csv");
    context.listenerBus().waitUntilEmpty();
    stages.tasksOfStage.clear();
    stages.mostAtOnce.set(0);
    stages.jobs.set(0);
    Cli.Result result =
        Cli.queryToCsv(
            archive.toString(),
            csv,
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-03",
            // Small read tasks, many more than cores.
            "--conf",
            "spark.sql.files.maxPartitionBytes=65536",
            "-e",
            sql);
    context.listenerBus().waitUntilEmpty();
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).doesNotContain("read the archive");
    Matcher tasks = READ_TASKS.matcher(result.err());
    assertThat(tasks.find()).as(result.err()).isTrue();
    readTasks.add(Integer.parseInt(tasks.group(1)));
    List<List<String>> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(csv)) {
      for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().build().parse(reader)) {
        rows.add(record.toList());
      }
    }
    return rows;
  }

  /** Event id and time of each record with an error code, from the raw files. */
  private static List<List<String>> errorsFromTheFiles(Path archive) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode record : TestArchives.recordsUnder(archive)) {
      String time = text(record, "eventTime");
      if (text(record, "errorCode") != null
          && time.compareTo("2024-03-01") >= 0
          && time.compareTo("2024-03-03") < 0) {
        rows.add(List.of(text(record, "eventID"), time));
      }
    }
    return rows;
  }

  @Test
  void aQueryWithoutOrderByScansOnceOnEveryCore() throws Exception {
    Path archive = archive();
    List<Integer> readTasks = new ArrayList<>();
    List<List<String>> rows =
        query(
            archive,
            "SELECT eventid, eventtime FROM cloudtrail WHERE errorcode IS NOT NULL",
            readTasks);

    assertThat(rows).containsExactlyInAnyOrderElementsOf(errorsFromTheFiles(archive));
    int tasks = readTasks.get(0);
    assertThat(tasks).isGreaterThan(4 * context.defaultParallelism());
    // One stage scans every read task, and the scan is not one job per task: one job computes
    // the result, one fetches it.
    assertThat(stages.tasksOfStage.values()).as("tasks of each stage").contains(tasks);
    assertThat(stages.jobs.get()).as("jobs").isLessThanOrEqualTo(2);
    // Task events reach the listener a little late, so this can read one more than ran.
    assertThat(stages.mostAtOnce.get())
        .as("tasks at once")
        .isGreaterThanOrEqualTo(context.defaultParallelism());
  }

  @Test
  void aSortedResultIsReadOnceAndWrittenInItsOrder() throws Exception {
    Path archive = archive();
    List<Integer> readTasks = new ArrayList<>();
    List<List<String>> rows =
        query(
            archive,
            "SELECT eventid, eventtime FROM cloudtrail WHERE errorcode IS NOT NULL"
                + " ORDER BY eventtime DESC, eventid",
            readTasks);

    List<List<String>> expected = new ArrayList<>(errorsFromTheFiles(archive));
    expected.sort(
        java.util.Comparator.comparing((List<String> row) -> row.get(1))
            .reversed()
            .thenComparing(row -> row.get(0)));
    assertThat(rows).containsExactlyElementsOf(expected);
    assertThat(stages.tasksOfStage.values()).contains(readTasks.get(0));
    assertThat(stages.mostAtOnce.get()).isGreaterThanOrEqualTo(context.defaultParallelism());
  }

  @Test
  void theShippedQueriesReadTheArchiveOnce() throws Exception {
    Path archive = archive();
    for (String file : List.of("denied_calls.sql", "service_linked_role_denials.sql")) {
      Path csv = temporary.resolve(file + ".csv");
      Cli.Result result =
          Cli.queryToCsv(
              archive.toString(),
              csv,
              "--from",
              "2024-03-01",
              "--to",
              "2024-03-03",
              "--sql",
              TestArchives.projectDirectory().resolve("sql/" + file).toString());
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err()).contains("read ").doesNotContain("read the archive");
      assertThat(Files.readAllLines(csv)).hasSizeGreaterThan(1);
    }
  }

  @Test
  void fetchesGroupNonEmptyPartitionsUpToTheirBytes() {
    List<long[]> sizes =
        List.of(
            new long[] {0, 3, 40},
            new long[] {1, 0, 0},
            new long[] {2, 1, 70},
            new long[] {3, 9, 500},
            new long[] {4, 2, 10});
    assertThat(ParallelResult.batches(sizes, 100))
        .containsExactly(new int[] {0}, new int[] {2}, new int[] {3}, new int[] {4});
    assertThat(ParallelResult.batches(sizes, 1000)).containsExactly(new int[] {0, 2, 3, 4});
    assertThat(ParallelResult.batches(List.of(new long[] {0, 0, 0}), 10)).isEmpty();
  }
}
