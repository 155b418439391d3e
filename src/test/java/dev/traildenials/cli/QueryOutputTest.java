package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What query prints: an empty result, timestamps, and its errors. */
class QueryOutputTest {

  @TempDir static Path temporary;
  static String archive;

  @BeforeAll
  static void emptyArchive() throws Exception {
    Path root = temporary.resolve("archive");
    Files.createDirectories(root.resolve("AWSLogs"));
    archive = root.toString();
  }

  @Test
  void anEmptyResultSaysNoRowsUnderTheHeader() {
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            archive,
            "--from",
            "2024-03-01",
            "-e",
            "SELECT eventid, errorcode FROM cloudtrail");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "+-------+---------+", "|eventid|errorcode|", "+-------+---------+", "(no rows)");
  }

  @Test
  void anEmptyResultAsCsvIsTheHeaderOnly() throws Exception {
    Path csv = temporary.resolve("empty.csv");
    Cli.Result result =
        Cli.queryToCsv(
            archive,
            csv,
            "--from",
            "2024-03-01",
            "-e",
            "SELECT eventid, errorcode FROM cloudtrail");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8))
        .containsExactly("eventid,errorcode");
    assertThat(result.err()).contains("0 rows written to " + csv);
  }

  @Test
  void printedTimestampsShowTheirZoneAndCsvStaysIso() throws Exception {
    String sql =
        "SELECT timestamp'2024-03-01 06:40:00' AS t, timestamp'2024-03-01 06:40:00.25' AS f,"
            + " CAST(NULL AS STRING) AS n FROM range(1)";
    Cli.Result printed = Cli.run("query", "--archive", archive, "--from", "2024-03-01", "-e", sql);
    Path csv = temporary.resolve("times.csv");
    Cli.Result written = Cli.queryToCsv(archive, csv, "--from", "2024-03-01", "-e", sql);

    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("|2024-03-01 06:40:00 UTC|2024-03-01 06:40:00.25 UTC|NULL|");
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8))
        .containsExactly("t,f,n", "2024-03-01T06:40:00Z,2024-03-01T06:40:00.250Z,");
  }

  @Test
  void anUnknownTableListsTheTablesThereAre() {
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            archive,
            "--from",
            "2024-03-01",
            "-e",
            "SELECT count(*) FROM cloudtrail_log");

    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    List<String> lines = result.err().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("trail-denials: no table named cloudtrail_log; the tables here are: ")
        .contains("cloudtrail, cloudtrail_logs");
  }

  @Test
  void anAnalysisErrorIsOneLineWithoutThePlan() {
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            archive,
            "--from",
            "2024-03-01",
            "-e",
            "SELECT no_such_column FROM cloudtrail");

    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .contains("no_such_column")
        .doesNotContain("Project")
        .doesNotContain("RelationV2")
        .doesNotContain("\tat ");
  }

  @Test
  void verbosePrintsTheStackTraceAsWell() {
    Cli.Result result =
        Cli.run(
            "query",
            "--verbose",
            "--archive",
            archive,
            "--from",
            "2024-03-01",
            "-e",
            "SELECT no_such_column FROM cloudtrail");

    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(result.err().lines().findFirst().orElseThrow())
        .startsWith("trail-denials: [UNRESOLVED_COLUMN");
    assertThat(result.err()).contains("org.apache.spark.sql.AnalysisException").contains("\tat ");
  }
}
