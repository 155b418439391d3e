package dev.traildenials.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.Executables;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.SparkSubmitter;
import dev.traildenials.testing.TestArchives;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook of {@code notebooks/} headlessly (Jupyter's nbclient; for each table
 * source one Python kernel, in which the local Spark session runs through JPype) twice: on the
 * tables of a nightly run over the sample archive, by name in a catalog of their own, and on the
 * tables of a report over the real logs of ../shared/datasets (a quiet account: no service-linked
 * role denied), from their --out location. A cell that fails fails the test. And a notebook's
 * session holding tables from --out leaves the local catalog to a nightly run that registers its
 * tables there meanwhile.
 *
 * <p>Needs Debian's {@code jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib
 * python3-jpype}; CI installs them and sets {@code -Dnotebooks.required=true}, so there a missing
 * tool fails the build instead of skipping the notebooks.
 */
@Tag("slow")
class NotebooksIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a notebook finds its tables. */
  enum Tables {
    /** The sample's nightly, by name in the catalog database. */
    SAMPLE_IN_THE_CATALOG,
    /** A report over the real logs, from its --out location. */
    REAL_LOGS_FROM_THE_OUT_LOCATION
  }

  private static final String DATABASE = "trail_denials";

  @TempDir static Path temporary;
  static Path home;
  static Path archive;
  static SparkSubmitter submit;
  static Path realLogsTables;
  static String kernelPython;

  @BeforeAll
  static void nightlyRunsIntoACatalog() throws Exception {
    boolean tools =
        canRun("jupyter-nbconvert", "--version")
            && canRun(kernelPython(), "-c", "import jpype, pandas, matplotlib, ipykernel");
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
    archive = temporary.resolve("archive");
    new SampleArchive(SampleSettings.demo()).write(archive);
    submit = new SparkSubmitter(temporary).hiveCatalogIn(catalog);
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
              DATABASE);
      assertThat(exit)
          .as(Files.readString(submit.log("nightly-" + night.substring(0, 10))))
          .isZero();
    }
  }

  /**
   * Every notebook executed on these tables, in one Jupyter kernel (one start of its JVM and Spark
   * session for the three), once; the folder of the executed notebooks.
   */
  static synchronized Path executed(Tables tables) throws Exception {
    Path executed = temporary.resolve("executed-" + tables.name().toLowerCase(Locale.ROOT));
    if (Files.isDirectory(executed)) {
      return executed;
    }
    String location =
        tables == Tables.SAMPLE_IN_THE_CATALOG ? DATABASE : realLogsTables().toString();
    Path project = TestArchives.projectDirectory();
    Path work = Files.createDirectories(temporary.resolve("executing-" + tables));
    List<String> command = new ArrayList<>();
    command.add(nbconvertPython());
    command.add(project.resolve("src/test/python/execute_notebooks.py").toString());
    command.add(work.toString());
    command.add("600");
    for (String notebook : notebooks().toList()) {
      command.add(project.resolve("notebooks").resolve(notebook).toString());
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(temporary.toFile());
    notebookEnvironment(builder.environment(), location);
    Path log = temporary.resolve("notebooks-" + tables + ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(15, TimeUnit.MINUTES))
        .as("the notebooks within 15 minutes")
        .isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    Files.move(work, executed);
    return executed;
  }

  /** The tables of a report over the real logs, written once, in this JVM. */
  static synchronized Path realLogsTables() {
    if (realLogsTables == null) {
      Path out = temporary.resolve("real-logs-tables");
      Cli.Result report =
          Cli.run(
              "report",
              "--archive",
              TestArchives.sigmaDataset().toString(),
              "--out",
              out.toString());
      assertThat(report.exitCode()).as(report.err()).isZero();
      realLogsTables = out;
    }
    return realLogsTables;
  }

  static Stream<Arguments> notebooksAndTables() throws IOException {
    return notebooks()
        .flatMap(
            notebook -> Stream.of(Tables.values()).map(tables -> Arguments.of(notebook, tables)));
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

  @ParameterizedTest(name = "{0} on the {1}")
  @MethodSource("notebooksAndTables")
  void everyCellRuns(String notebook, Tables tables) throws Exception {
    Path executed = executed(tables);
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
        // Spark's progress bar would fill the output of every cell that runs a job.
        assertThat(output.path("text").toString()).doesNotContain("[Stage ");
      }
    }
    assertThat(errors).isEmpty();
    // Every cell but the set-up shows a table, a chart or a line (an empty section says so).
    assertThat(withOutput).isGreaterThanOrEqualTo(codeCells - 1);
    assertThat(charts).as("charts drawn").isPositive();
  }

  /**
   * A notebook's session on the tables of --out holds no catalog: while it is open, a nightly run
   * registers its tables in the local catalog, and the notebook then sees that run's row. One on
   * the local catalog holds it: the nightly then stops with one line and a failed row.
   */
  @Test
  void aNotebookOnTheOutLocationLeavesTheCatalogToANightlyRunMeanwhile() throws Exception {
    Path tables = temporary.resolve("tables");
    long runsBefore;
    try (OpenNotebook notebook = new OpenNotebook(DATABASE, tables)) {
      runsBefore = notebook.runs();
      Path log = nightlyMeanwhile("nightly-while-the-catalog-is-held", 5, tables);
      List<String> lines =
          Files.readAllLines(log).stream()
              .filter(line -> line.startsWith("trail-denials:"))
              .toList();
      // What the run says is one line (the child's own log holds Spark's and Derby's too).
      assertThat(lines).as(Files.readString(log)).hasSize(1);
      assertThat(lines.get(0))
          .contains("is open in another process")
          .contains("a notebook opened on the --out location holds no catalog");
    }
    assertThat(statuses(tables)).contains("failed").hasSize((int) runsBefore + 1);

    try (OpenNotebook notebook = new OpenNotebook(tables.toString(), tables)) {
      assertThat(notebook.runs()).isEqualTo(runsBefore + 1);
      Path log = nightlyMeanwhile("nightly-while-a-notebook-is-open", 0, tables);
      assertThat(Files.readString(log)).contains("registered in the catalog: " + DATABASE + ".");
      assertThat(notebook.runs())
          .as("the notebook sees the nightly's row")
          .isEqualTo(runsBefore + 2);
    }
  }

  private static Path nightlyMeanwhile(String name, int expectedExit, Path tables)
      throws Exception {
    int exit =
        submit.run(
            name,
            "nightly",
            "--archive",
            archive.toString(),
            "--out",
            tables.toString(),
            "--as-of",
            "2024-03-04T06:00:00Z",
            "--catalog-database",
            DATABASE);
    assertThat(exit).as(Files.readString(submit.log(name))).isEqualTo(expectedExit);
    return submit.log(name);
  }

  private static List<String> statuses(Path tables) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(tables.resolve("runs").toString())
        .select("status")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  /**
   * A notebook's session left open in a Python process of its own, as a person leaves a notebook
   * open: it counts the rows of runs when asked, reconnecting each time.
   */
  private static final class OpenNotebook implements AutoCloseable {
    private final Process process;
    private final BufferedReader answers;
    private final Writer questions;
    private final Path errors;

    OpenNotebook(String tables, Path out) throws IOException {
      errors = temporary.resolve("open-notebook-" + System.nanoTime() + ".err");
      String script =
          String.join(
              "\n",
              "import sys",
              "from trail_denials_notebook import connect",
              "for line in sys.stdin:",
              "    tables = connect(sys.argv[1])",
              "    count = tables.sql('SELECT count(*) AS runs FROM runs')['runs'][0]",
              "    print('runs', int(count), flush=True)");
      ProcessBuilder builder =
          new ProcessBuilder(kernelPython(), "-c", script, tables).redirectError(errors.toFile());
      notebookEnvironment(builder.environment(), out.toString());
      process = builder.start();
      answers =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      questions = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    long runs() throws IOException {
      questions.write("count\n");
      questions.flush();
      String answer = answers.readLine();
      assertThat(answer).as(Files.readString(errors)).startsWith("runs ");
      return Long.parseLong(answer.substring("runs ".length()));
    }

    @Override
    public void close() throws IOException {
      questions.close();
      try {
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted while the notebook's process ended", e);
      }
      assertThat(process.exitValue()).as(Files.readString(errors)).isZero();
    }
  }

  private static void notebookEnvironment(Map<String, String> environment, String location)
      throws IOException {
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
    environment.put("TRAIL_DENIALS_TABLES", location);
    environment.put("PYTHONPATH", TestArchives.projectDirectory().resolve("notebooks").toString());
  }

  /**
   * The Python that Jupyter's python3 kernel runs (its kernel spec's first argument, as the Python
   * of jupyter-nbconvert resolves it), which need not be the python3 on the PATH: JPype and pandas
   * must be installed for that one.
   */
  static synchronized String kernelPython() {
    if (kernelPython == null) {
      kernelPython = "python3";
      try {
        String python = nbconvertPython();
        if (!python.equals("python3")) {
          Process process =
              new ProcessBuilder(
                      python,
                      "-c",
                      "from jupyter_client.kernelspec import KernelSpecManager;"
                          + " print(KernelSpecManager().get_kernel_spec('python3').argv[0])")
                  .redirectError(ProcessBuilder.Redirect.DISCARD)
                  .start();
          String answer =
              new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
          if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
            kernelPython = answer;
          }
        }
      } catch (IOException | RuntimeException e) {
        // No Jupyter, or not one this can ask: the tools check says what is missing.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return kernelPython;
  }

  /** The Python that runs jupyter-nbconvert (its Jupyter libraries are installed for it). */
  private static String nbconvertPython() throws IOException {
    Path nbconvert = Executables.onPath("jupyter-nbconvert").orElse(null);
    String shebang = nbconvert == null ? "" : Files.readAllLines(nbconvert).get(0);
    return shebang.startsWith("#!") ? shebang.substring(2).strip() : "python3";
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
