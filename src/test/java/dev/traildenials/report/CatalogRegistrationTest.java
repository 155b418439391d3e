package dev.traildenials.report;

import static dev.traildenials.report.ReportFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.cli.TrailDenials;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --catalog-database} registers the report's tables in the session catalog, by name, over
 * their locations; re-running keeps them, new Parquet partitions appear, another location is
 * refused. (The session here has Spark's in-memory catalog; the spark-submit integration test does
 * the same with a Hive metastore across processes.)
 */
@Tag("slow")
class CatalogRegistrationTest {

  @TempDir static Path temporary;
  static Path archive;

  @BeforeAll
  static void writeArchive() throws Exception {
    archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
  }

  @Test
  void deltaTablesAreQueriedByNameAfterTheRun() throws Exception {
    Path out = temporary.resolve("delta");
    Cli.Result first =
        report(archive, out, "2024-03-01", "2024-03-03", "--catalog-database", "trail_delta");
    assertThat(first.err())
        .contains("registered in the catalog: trail_delta.activity_by_file")
        .contains("trail_delta.blocked_resources")
        .contains("trail_delta.denial_events");
    SparkSession session = SharedSpark.session();
    long expected = ReportFixtures.rows(out, "denial_events", "delta").size();
    assertThat(session.table("trail_delta.denial_events").count()).isEqualTo(expected);
    assertThat(session.catalog().tableExists("trail_delta", "runs")).isTrue();

    report(archive, out, "2024-03-01", "2024-03-03", "--catalog-database", "trail_delta");
    assertThat(session.table("trail_delta.runs").count()).isEqualTo(2);

    Path csv = temporary.resolve("by-name.csv");
    Cli.Result query =
        Cli.run(
            "query",
            "--catalog-database",
            "trail_delta",
            "-e",
            "SELECT count(*) AS n FROM denial_events",
            "--csv",
            csv.toString());
    assertThat(query.exitCode()).as(query.err()).isZero();
    assertThat(Files.readAllLines(csv)).containsExactly("n", String.valueOf(expected));
  }

  @Test
  void parquetTablesGainTheirNewPartitions() {
    Path out = temporary.resolve("parquet");
    report(
        archive,
        out,
        "2024-03-01",
        "2024-03-02",
        "--format",
        "parquet",
        "--catalog-database",
        "trail_parquet");
    SparkSession session = SharedSpark.session();
    assertThat(session.sql("SELECT DISTINCT event_date FROM trail_parquet.denial_events").count())
        .isEqualTo(1);

    report(
        archive,
        out,
        "2024-03-01",
        "2024-03-03",
        "--format",
        "parquet",
        "--catalog-database",
        "trail_parquet");
    assertThat(session.sql("SELECT DISTINCT event_date FROM trail_parquet.denial_events").count())
        .isEqualTo(2);
    assertThat(session.table("trail_parquet.denial_events").count())
        .isEqualTo(ReportFixtures.rows(out, "denial_events", "parquet").size());
  }

  @Test
  void anotherLocationUnderTheSameNamesIsRefused() {
    report(
        archive,
        temporary.resolve("first"),
        "2024-03-01",
        "2024-03-02",
        "--catalog-database",
        "trail_clash");
    Cli.Result second =
        Cli.run(
            "report",
            "--archive",
            archive.toString(),
            "--out",
            temporary.resolve("second").toString(),
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-02",
            "--catalog-database",
            "trail_clash");
    assertThat(second.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(second.err()).contains("is already registered for").contains("first");
  }

  @Test
  void aDatabaseNameThatIsNotAnIdentifierIsRefusedBeforeAnythingRuns() {
    Cli.Result result =
        Cli.run("query", "--catalog-database", "x; DROP DATABASE default", "-e", "SELECT 1");
    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(result.err()).contains("use letters, digits and underscores");
  }
}
