package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.SparkSubmitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar runs through Spark's own {@code SparkSubmit} entry point, in a JVM whose
 * classpath is only what a Spark installation provides, with the cluster settings of {@code
 * conf/spark-cluster.conf}: its tables equal an in-process run's, and the tables it registers in a
 * Hive metastore are found by name from a second submission.
 */
@Tag("slow")
class SparkSubmitIT {

  private static final String FROM = ReportFixtures.SHARED_FROM;
  private static final String TO = ReportFixtures.SHARED_TO;

  @TempDir Path temporary;

  @Test
  void theJarRunsUnderSparkSubmitAndItsCatalogOutlivesTheRun() throws Exception {
    Path archive = ReportFixtures.sharedArchive();
    Path out = temporary.resolve("out");
    SparkSubmitter submit = new SparkSubmitter(temporary).hiveCatalogIn(temporary);

    int report =
        submit.run(
            "report",
            "report",
            "--archive",
            archive.toString(),
            "--out",
            out.toString(),
            "--from",
            FROM,
            "--to",
            TO,
            "--catalog-database",
            "trail_denials");
    String reportLog = Files.readString(submit.log("report"), StandardCharsets.UTF_8);
    assertThat(report).as(reportLog).isZero();
    assertThat(reportLog).contains("registered in the catalog: trail_denials.");

    Path csv = temporary.resolve("count.csv");
    int query =
        submit.run(
            "query",
            "query",
            "--catalog-database",
            "trail_denials",
            "-e",
            "SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM denial_events",
            "--csv",
            csv.toString());
    assertThat(query).as(Files.readString(submit.log("query"))).isZero();

    Path inProcess = ReportFixtures.sharedReport();
    long expected = ReportFixtures.rows(inProcess, "denial_events", "delta").size();
    assertThat(expected).isPositive();
    assertThat(Files.readAllLines(csv)).containsExactly("n,ids", expected + "," + expected);
    assertThat(ReportFixtures.snapshot(out, "delta"))
        .isEqualTo(ReportFixtures.sharedReportSnapshot());
  }
}
