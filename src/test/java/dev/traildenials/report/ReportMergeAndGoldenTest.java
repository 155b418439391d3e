package dev.traildenials.report;

import static dev.traildenials.report.ReportFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.query.ResultWriter;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping ranges merge into the tables one run over the union would write, in Delta and in
 * Parquet; the summary tables are pinned by golden files on a small fixture (regenerate with {@code
 * -Dgolden.update=true} and review the diff).
 */
@Tag("slow")
class ReportMergeAndGoldenTest {

  private static final List<String> SUMMARIES =
      List.of("denials_hourly", "slr_metric_hourly", "slr_alarms", "blocked_resources");

  @TempDir static Path temporary;
  static Path archive;
  static Path wholeRange;

  @BeforeAll
  static void reportTheWholeRange() throws Exception {
    archive = ReportFixtures.sharedArchive();
    wholeRange = ReportFixtures.sharedReport();
  }

  @Test
  void overlappingRangesMergeIntoTheSameTables() throws Exception {
    Path pieces = temporary.resolve("pieces");
    report(archive, pieces, "2024-03-01T06:00:00Z", "2024-03-02T06:00:00Z");
    report(archive, pieces, "2024-03-01", "2024-03-03");

    assertThat(ReportFixtures.snapshot(pieces, "delta"))
        .isEqualTo(ReportFixtures.sharedReportSnapshot());
  }

  @Test
  void parquetHoldsWhatDeltaHolds() throws Exception {
    Path parquet = temporary.resolve("parquet");
    report(archive, parquet, "2024-03-01T06:00:00Z", "2024-03-02T06:00:00Z", "--format", "parquet");
    report(archive, parquet, "2024-03-01", "2024-03-03", "--format", "parquet");
    Cli.Result again = report(archive, parquet, "2024-03-01", "2024-03-03", "--format", "parquet");

    assertThat(again.err()).contains("tables changed: none");
    assertThat(ReportFixtures.snapshot(parquet, "parquet"))
        .isEqualTo(ReportFixtures.sharedReportSnapshot());
    assertThat(parquet.resolve("_staging")).doesNotExist();
  }

  @Test
  void queryReadsTheTablesByName() throws Exception {
    Path csv = temporary.resolve("by-kind.csv");
    Cli.Result result =
        Cli.run(
            "query",
            "--tables",
            wholeRange.toString(),
            "-e",
            "SELECT (SELECT count(*) FROM denial_events) AS denials,"
                + " (SELECT count(*) FROM runs WHERE status = 'succeeded') AS runs",
            "--csv",
            csv.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    long denials =
        SharedSpark.session()
            .read()
            .format("delta")
            .load(wholeRange.resolve("denial_events").toString())
            .count();
    assertThat(Files.readAllLines(csv)).containsExactly("denials,runs", denials + ",1");
  }

  @Test
  void summaryTablesMatchTheirGoldenFiles() throws Exception {
    for (String table : SUMMARIES) {
      // Which run raised an alarm period is the run's own.
      Dataset<Row> rows =
          SharedSpark.session()
              .read()
              .format("delta")
              .load(wholeRange.resolve(table).toString())
              .drop("raised_by_run_id");
      String[] columns = rows.columns();
      Path actual = temporary.resolve(table + ".csv");
      ResultWriter.writeCsv(
          rows.orderBy(
              Arrays.stream(columns)
                  .map(org.apache.spark.sql.functions::col)
                  .toArray(org.apache.spark.sql.Column[]::new)),
          actual);
      Path golden =
          TestArchives.projectDirectory()
              .resolve("src/test/resources/golden/report/" + table + ".csv");
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.copy(actual, golden, StandardCopyOption.REPLACE_EXISTING);
      }
      assertThat(golden)
          .as("golden file of %s (regenerate with -Dgolden.update=true)", table)
          .exists();
      String output = Files.readString(actual);
      assertThat(output.lines().count()).as("%s has rows on the fixture", table).isGreaterThan(1);
      assertThat(output).as(table).isEqualTo(Files.readString(golden));
    }
  }
}
