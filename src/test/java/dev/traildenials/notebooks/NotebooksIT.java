package dev.traildenials.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.testing.SparkSubmitter;
import dev.traildenials.testing.TestArchives;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook of {@code notebooks/} headlessly (Jupyter's nbconvert, a Python kernel,
 * the local Spark session through JPype) against the tables of a nightly run over the sample
 * archive, registered in a catalog of their own. A cell that fails fails the test.
 *
 * <p>Needs Debian's {@code jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib
 * python3-jpype}; CI installs them and sets {@code -Dnotebooks.required=true}, so there a missing
 * tool fails the build instead of skipping the notebooks.
 */
@Tag("slow")
class NotebooksIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temporary;
  static Path home;

  @BeforeAll
  static void nightlyRunsIntoACatalog() throws Exception {
    boolean tools =
        canRun("jupyter-nbconvert", "--version")
            && canRun(python(), "-c", "import jpype, pandas, matplotlib, ipykernel");
    if (Boolean.getBoolean("notebooks.required")) {
      assertThat(tools)
          .as("jupyter-nbconvert and python3 with jpype, pandas, matplotlib, ipykernel")
          .isTrue();
    }
    assumeTrue(
        tools,
        "notebooks not executed: apt-get install jupyter-nbconvert python3-ipykernel"
            + " python3-pandas python3-matplotlib python3-jpype");
    home = temporary.resolve("home");
    Path catalog = home.resolve(".trail-denials");
    Files.createDirectories(catalog);
    Path archive = temporary.resolve("archive");
    new SampleArchive(SampleSettings.demo()).write(archive);
    SparkSubmitter submit = new SparkSubmitter(temporary).hiveCatalogIn(catalog);
    // One night whose look-back reaches every day of the sample: the tables of the whole archive
    // (a second night would cost another start of Spark and add little the notebooks show).
    for (String night : List.of("2024-03-03T06:00:00Z")) {
      int exit =
          submit.run(
              "nightly-" + night.substring(0, 10),
              "nightly",
              "--archive",
              archive.toString(),
              "--out",
              temporary.resolve("tables").toString(),
              "--as-of",
              night,
              "--catalog-database",
              "trail_denials");
      assertThat(exit)
          .as(Files.readString(submit.log("nightly-" + night.substring(0, 10))))
          .isZero();
    }
  }

  static Stream<String> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(TestArchives.projectDirectory().resolve("notebooks"))) {
      List<String> names =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".ipynb"))
              .sorted()
              .toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(3);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("notebooks")
  void everyCellRuns(String notebook) throws Exception {
    Path project = TestArchives.projectDirectory();
    Path executed = temporary.resolve("executed");
    Files.createDirectories(executed);
    List<String> command =
        List.of(
            "jupyter-nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=600",
            "--output-dir",
            executed.toString(),
            project.resolve("notebooks").resolve(notebook).toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(temporary.toFile());
    Map<String, String> environment = builder.environment();
    environment.put(
        "TRAIL_DENIALS_CLASSPATH",
        System.getProperty("trail-denials.jar")
            + File.pathSeparator
            + Files.readString(Path.of(System.getProperty("trail-denials.spark-classpath")))
                .strip());
    // The short-run flags of the other child JVMs (no class archive: JPype starts the JVM in
    // Python's process, whose exit would have to write it).
    environment.put(
        "TRAIL_DENIALS_JVM_OPTIONS",
        "-Duser.home=" + home + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    environment.put("TRAIL_DENIALS_MEMORY", "1g");
    environment.put("TRAIL_DENIALS_DATABASE", "trail_denials");
    environment.put("PYTHONPATH", project.resolve("notebooks").toString());
    Path log = temporary.resolve(notebook + ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(notebook + " within 10 minutes").isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();

    JsonNode cells = JSON.readTree(executed.resolve(notebook).toFile()).get("cells");
    List<String> errors = new ArrayList<>();
    int codeCells = 0;
    int withOutput = 0;
    int charts = 0;
    for (JsonNode cell : cells) {
      if (!cell.get("cell_type").asText().equals("code")) {
        continue;
      }
      codeCells++;
      if (cell.get("outputs").size() > 0) {
        withOutput++;
      }
      for (JsonNode output : cell.get("outputs")) {
        if (output.has("data") && output.get("data").has("image/png")) {
          charts++;
        }
        if (output.get("output_type").asText().equals("error")) {
          errors.add(output.get("ename").asText() + ": " + output.get("evalue").asText());
        }
      }
    }
    assertThat(errors).isEmpty();
    // Every cell but the set-up shows a table, a chart or a line.
    assertThat(withOutput).isGreaterThanOrEqualTo(codeCells - 1);
    assertThat(charts).as("charts drawn").isPositive();
  }

  private static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  private static boolean canRun(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
