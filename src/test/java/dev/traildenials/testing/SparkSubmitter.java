package dev.traildenials.testing;

import dev.traildenials.cli.TrailDenials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar through Spark's own {@code SparkSubmit} in local mode, in a JVM whose
 * classpath is only what a Spark installation provides (integration tests only: the jar and that
 * classpath are built by the package and pre-integration-test phases).
 */
public final class SparkSubmitter {

  private final Path workDirectory;
  private final List<String> settings = new ArrayList<>();
  private String maxHeap = "1g";
  private String master = "local[2]";

  /**
   * @param workDirectory the child's working directory, where its logs are kept
   */
  public SparkSubmitter(Path workDirectory) {
    this.workDirectory = workDirectory;
    settings.addAll(
        List.of(
            "--properties-file",
            TestArchives.projectDirectory().resolve("conf/spark-cluster.conf").toString(),
            "--conf",
            "spark.ui.enabled=false"));
  }

  /** Adds a {@code --conf key=value}. */
  public SparkSubmitter conf(String key, String value) {
    settings.addAll(List.of("--conf", key + "=" + value));
    return this;
  }

  /** The master to submit to, local[2] unless set (a standalone cluster's spark://...). */
  public SparkSubmitter master(String url) {
    this.master = url;
    return this;
  }

  /** The child JVM's maximum heap ({@code -Xmx}), 1g unless set. */
  public SparkSubmitter maxHeap(String size) {
    this.maxHeap = size;
    return this;
  }

  /** Uses a Hive catalog whose Derby metastore and warehouse live in this folder. */
  public SparkSubmitter hiveCatalogIn(Path folder) {
    return conf("spark.sql.catalogImplementation", "hive")
        .conf(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + folder.resolve("metastore_db") + ";create=true")
        .conf("spark.sql.warehouse.dir", folder.resolve("warehouse").toString());
  }

  /** Runs one command and waits for it; stdout and stderr go to {@code <name>.log}. */
  public int run(String name, String... arguments) throws IOException, InterruptedException {
    Process process = start(name, arguments);
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("spark-submit " + name + " did not end in 15 minutes");
    }
    return process.exitValue();
  }

  /** Starts one command without waiting; stdout and stderr go to {@code <name>.log}. */
  public Process start(String name, String... arguments) throws IOException {
    String classpath =
        Files.readString(Path.of(System.getProperty("trail-denials.spark-classpath"))).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("trail-denials.jvm-flags").split("\\s+")));
    ChildJvm child =
        ChildJvm.forClasspath(
            classpath + java.io.File.pathSeparator + System.getProperty("trail-denials.jar"));
    command.addAll(child.flags());

    command.addAll(
        List.of(
            "-Xmx" + maxHeap,
            "-cp",
            classpath,
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            master));
    command.addAll(settings);
    command.addAll(
        List.of("--class", TrailDenials.class.getName(), System.getProperty("trail-denials.jar")));
    command.addAll(Arrays.asList(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(name).toFile())
            .start();
    child.started(process);
    return process;
  }

  /** Where a run's output went. */
  public Path log(String name) {
    return workDirectory.resolve(name + ".log");
  }
}
