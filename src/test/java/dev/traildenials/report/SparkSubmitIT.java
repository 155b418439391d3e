package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.cli.TrailDenials;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar runs through Spark's own {@code SparkSubmit} entry point, in a JVM whose
 * classpath is only what a Spark installation provides, with the cluster settings of {@code
 * conf/spark-cluster.conf}: its tables equal an in-process run's, and the tables it registers in a
 * Hive metastore are found by name from a second submission.
 */
class SparkSubmitIT {

  private static final String FROM = "2024-03-01";
  private static final String TO = "2024-03-03";

  @TempDir Path temporary;

  @Test
  void theJarRunsUnderSparkSubmitAndItsCatalogOutlivesTheRun() throws Exception {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
    Path out = temporary.resolve("out");

    Process report =
        submit(
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
    assertThat(report.exitValue()).as(log("report")).isZero();
    assertThat(log("report")).contains("registered in the catalog: trail_denials.");

    Path csv = temporary.resolve("count.csv");
    Process query =
        submit(
            "query",
            "--catalog-database",
            "trail_denials",
            "-e",
            "SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM denial_events",
            "--csv",
            csv.toString());
    assertThat(query.exitValue()).as(log("query")).isZero();

    Path inProcess = temporary.resolve("in-process");
    ReportFixtures.report(archive, inProcess, FROM, TO);
    long expected = ReportFixtures.rows(inProcess, "denial_events", "delta").size();
    assertThat(expected).isPositive();
    assertThat(Files.readAllLines(csv)).containsExactly("n,ids", expected + "," + expected);
    assertThat(ReportFixtures.snapshot(out, "delta"))
        .isEqualTo(ReportFixtures.snapshot(inProcess, "delta"));
  }

  /** Runs one command through SparkSubmit in local mode; waits for it to end. */
  private Process submit(String... arguments) throws IOException, InterruptedException {
    Path spark = Path.of(System.getProperty("trail-denials.spark-classpath"));
    Path jar = Path.of(System.getProperty("trail-denials.jar"));
    Path conf = TestArchives.projectDirectory().resolve("conf/spark-cluster.conf");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("trail-denials.jvm-flags").split("\\s+")));
    command.addAll(
        List.of(
            "-Xmx1g",
            "-cp",
            Files.readString(spark).strip(),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[2]",
            "--properties-file",
            conf.toString(),
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.sql.catalogImplementation=hive",
            "--conf",
            "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                + temporary.resolve("metastore_db")
                + ";create=true",
            "--conf",
            "spark.sql.warehouse.dir=" + temporary.resolve("warehouse"),
            "--class",
            TrailDenials.class.getName(),
            jar.toString()));
    command.addAll(Arrays.asList(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(temporary.toFile())
            .redirectErrorStream(true)
            .redirectOutput(temporary.resolve(arguments[0] + ".log").toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("spark-submit " + arguments[0] + " did not end in 5 minutes");
    }
    return process;
  }

  private String log(String command) throws IOException {
    return Files.readString(temporary.resolve(command + ".log"), StandardCharsets.UTF_8);
  }
}
