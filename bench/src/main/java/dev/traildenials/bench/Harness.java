package dev.traildenials.bench;

import static dev.traildenials.bench.Timing.group;

import dev.traildenials.bench.Timing.Contender;
import dev.traildenials.bench.Timing.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every contender over one corpus, alternating them run after run, and prints (and appends to
 * bench/RESULTS.md) median and min–max wall time, MB/s of JSON, records/s, peak RSS and the
 * throughput ratios to the floor and to the peers. Checks that every contender found the same
 * denials, so that no speed comes from a wrong answer.
 *
 * <p>Arguments are {@code key=value}: project, corpus, from, to, runs, work, results, records,
 * bench-classpath, jvm-flags, command.
 */
public final class Harness {

  private final Map<String, String> settings;
  private final Path project;
  private final Path work;

  private Harness(Map<String, String> settings) {
    this.settings = settings;
    this.project = Path.of(settings.get("project"));
    this.work = Path.of(settings.get("work"));
  }

  public static void main(String[] arguments) throws Exception {
    new Harness(Timing.settings(arguments)).run();
  }

  private void run() throws Exception {
    Files.createDirectories(work);
    String corpus = settings.get("corpus");
    String from = settings.get("from");
    String to = settings.get("to");
    int cores = Runtime.getRuntime().availableProcessors();
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(Arrays.asList(settings.get("jvm-flags").split("\\s+")));
    String benchClasspath = Files.readString(Path.of(settings.get("bench-classpath"))).strip();
    String launcher = project.resolve("jobs/trail-denials").toString();

    List<Contender> contenders = new ArrayList<>();
    contenders.add(
        new Contender(
            "floor: gunzip in the JVM, " + cores + " threads",
            run ->
                concat(
                    java, "-cp", benchClasspath, GunzipFloor.class.getName(), corpus, "" + cores),
            (run, output) -> "json_bytes=" + group(output, "json_bytes=([0-9]+)")));
    String gunzip = hasCommand("pigz") ? "pigz -dc" : "zcat";
    contenders.add(
        new Contender(
            "floor: " + gunzip.replace("-dc", "-d") + ", " + cores + " processes",
            run ->
                List.of(
                    "bash",
                    "-c",
                    "find '"
                        + corpus
                        + "' -name '"
                        + Corpus.LOG_FILE_GLOB
                        + "' -print0 | xargs -0 -P "
                        + cores
                        + " -n 256 "
                        + gunzip
                        + " | wc -c"),
            (run, output) -> null));
    // The same predicate without ORDER BY: its result's order is free, so only the scan counts.
    String sqlFile = project.resolve("sql/denied_calls.sql").toString();
    String unsorted =
        Files.readString(Path.of(sqlFile))
            .replaceAll("(?s)ORDER BY[^;]*$", "")
            .replaceAll("(?m)^--.*\n", "");
    for (Map.Entry<String, String> build : builds().entrySet()) {
      String label = build.getKey().isEmpty() ? "" : " at " + build.getKey();
      String suffix = build.getKey().isEmpty() ? "" : "-" + build.getKey();
      String reports = "report" + suffix + "-";
      contenders.add(
          new Contender(
              "trail-denials report (read, classify, Delta tables)" + label,
              run ->
                  List.of(
                      build.getValue(),
                      "report",
                      "--archive",
                      corpus,
                      "--from",
                      from,
                      "--to",
                      to,
                      "--out",
                      work.resolve(reports + run).toString()),
              (run, output) -> reportAnswer(work.resolve(reports + run))));
      contenders.add(
          query(
              "trail-denials query (AWS's troubleshooting SQL, CSV)" + label,
              build.getValue(),
              List.of("--sql", sqlFile),
              "query" + suffix + ".csv"));
      contenders.add(
          query(
              "trail-denials query, no ORDER BY (CSV)" + label,
              build.getValue(),
              List.of("-e", unsorted),
              "query-unsorted" + suffix + ".csv"));
    }
    contenders.add(
        new Contender(
            "naive Spark (multiLine JSON + explode, CSV)",
            run ->
                concat(
                    java,
                    "-Xmx4g",
                    // The JVM tuning jobs/trail-denials gives local runs, so that only Spark's
                    // reading differs.
                    "-XX:+UseSerialGC",
                    "-XX:InlineSmallCode=1000",
                    "-XX:FreqInlineSize=100",
                    "-cp",
                    benchClasspath,
                    NaiveSpark.class.getName(),
                    corpus,
                    from,
                    to,
                    work.resolve("naive-csv").toString()),
            (run, output) -> "rows=" + group(output, "RESULT rows=([0-9]+)")));
    contenders.add(
        new Contender(
            "DuckDB read_json (the same predicate, CSV)",
            run ->
                concat(
                    java,
                    "-cp",
                    benchClasspath,
                    DuckDbQuery.class.getName(),
                    corpus,
                    from,
                    to,
                    work.resolve("duckdb.csv").toString()),
            (run, output) ->
                "rows="
                    + group(output, "RESULT rows=([0-9]+)")
                    + " distinct="
                    + group(output, "distinct=([0-9]+)")));

    int runs = Integer.parseInt(settings.get("runs"));
    Map<String, List<Run>> results = Timing.alternate(contenders, runs, work);
    long jsonBytes =
        Long.parseLong(
            group(results.values().iterator().next().get(0).answer(), "json_bytes=([0-9]+)"));
    String table = table(results, jsonBytes, Long.parseLong(settings.get("records")));
    String answers = checkAnswers(results);
    System.out.println();
    System.out.println(table);
    System.out.println(answers);
    appendResults(table, answers, jsonBytes);
  }

  private String reportAnswer(Path tables) throws Exception {
    Path csv = work.resolve("report-count.csv");
    Process count =
        new ProcessBuilder(
                project.resolve("jobs/trail-denials").toString(),
                "query",
                "--tables",
                tables.toString(),
                "-e",
                "SELECT count(DISTINCT event_id) FROM denial_events WHERE event_type = 'AwsApiCall'"
                    + " AND (lower(error_code) LIKE '%accessdenied%'"
                    + " OR lower(error_code) LIKE '%unauthorized%')",
                "--csv",
                csv.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("report-count.log").toFile())
            .start();
    if (count.waitFor() != 0) {
      throw new IllegalStateException("counting the report's denials failed; see report-count.log");
    }
    return "distinct=" + Files.readAllLines(csv).get(1).strip();
  }

  /** Every contender that answers agrees: the same rows, the same distinct events. */
  private static String checkAnswers(Map<String, List<Run>> results) {
    Map<String, String> rows = new LinkedHashMap<>();
    Map<String, String> distinct = new LinkedHashMap<>();
    results.forEach(
        (name, runs) ->
            runs.forEach(
                run -> {
                  if (run.answer() != null) {
                    Matcher r = Pattern.compile("rows=([0-9]+)").matcher(run.answer());
                    if (r.find()) {
                      rows.put(name, r.group(1));
                    }
                    Matcher d = Pattern.compile("distinct=([0-9]+)").matcher(run.answer());
                    if (d.find()) {
                      distinct.put(name, d.group(1));
                    }
                  }
                }));
    boolean same =
        rows.values().stream().distinct().count() == 1
            && distinct.values().stream().distinct().count() == 1;
    return (same ? "Same answer from every contender: " : "WRONG ANSWER: the contenders disagree: ")
        + "denied calls "
        + rows
        + "; distinct denied events "
        + distinct;
  }

  private static String table(Map<String, List<Run>> results, long jsonBytes, long records) {
    Map<String, Double> medians = new LinkedHashMap<>();
    results.forEach((name, runs) -> medians.put(name, Timing.median(runs)));
    double floor = medians.values().iterator().next();
    Double duckDb = find(medians, "DuckDB");
    Double naive = find(medians, "naive Spark");
    StringBuilder out = new StringBuilder();
    out.append(
        "| contender | median s | min–max s | CPU s / wall s | MB/s of JSON | records/s | peak RSS"
            + " MB | throughput × floor | × DuckDB | × naive Spark |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    results.forEach(
        (name, runs) -> {
          double median = medians.get(name);
          double min = Timing.min(runs);
          double max = Timing.max(runs);
          long rss = Timing.peakRssMb(runs);
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.2f | %.2f–%.2f | %.2f | %.0f | %.0f | %d | %.2f | %.2f | %.2f |%n",
                  name,
                  median,
                  min,
                  max,
                  Timing.cpuPerWall(runs),
                  jsonBytes / 1e6 / median,
                  records / median,
                  rss,
                  floor / median,
                  duckDb == null ? Double.NaN : duckDb / median,
                  naive == null ? Double.NaN : naive / median));
        });
    return out.toString();
  }

  /** A query contender: one launcher, the archive's range, the SQL, a CSV in the work folder. */
  private Contender query(String name, String launcher, List<String> sql, String csv) {
    String corpus = settings.get("corpus");
    return new Contender(
        name,
        run -> {
          List<String> command =
              new ArrayList<>(
                  List.of(
                      launcher,
                      "query",
                      "--archive",
                      corpus,
                      "--from",
                      settings.get("from"),
                      "--to",
                      settings.get("to")));
          command.addAll(sql);
          command.addAll(List.of("--csv", work.resolve(csv).toString()));
          return command;
        },
        (run, output) -> "rows=" + group(output, "wrote ([0-9]+) rows"));
  }

  /**
   * The builds to time the query of: this checkout (""), and the checkout named by {@code
   * TRAIL_DENIALS_BENCH_BASELINE} (an earlier commit's clone, labelled by its commit) when set, so
   * that before and after are measured in one run, alternated.
   */
  private Map<String, String> builds() throws IOException, InterruptedException {
    Map<String, String> builds = new LinkedHashMap<>();
    builds.put("", project.resolve("jobs/trail-denials").toString());
    String baseline = System.getenv("TRAIL_DENIALS_BENCH_BASELINE");
    if (baseline != null && !baseline.isBlank()) {
      Process commit =
          new ProcessBuilder("git", "-C", baseline, "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String label = new String(commit.getInputStream().readAllBytes()).strip();
      commit.waitFor();
      builds.put(label, Path.of(baseline, "jobs", "trail-denials").toString());
    }
    return builds;
  }

  private static Double find(Map<String, Double> medians, String prefix) {
    return medians.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private void appendResults(String table, String answers, long jsonBytes) throws IOException {
    Path file = Path.of(settings.get("results"));
    String machine =
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + memory()
            + ", Java "
            + System.getProperty("java.version");
    String entry =
        String.format(
            Locale.ROOT,
            "%n## %s, commit %s%n%nMachine: %s. Corpus: %s (%.2f GB of JSON, %s records); %s runs"
                + " each, contenders alternated.%n%n    %s%n%n%s%n%s%n",
            LocalDate.now(ZoneOffset.UTC),
            settings.get("commit"),
            machine,
            settings.get("corpus-description"),
            jsonBytes / 1e9,
            settings.get("records"),
            settings.get("runs"),
            settings.get("command"),
            table,
            answers);
    Files.writeString(
        file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f GiB RAM", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // Not Linux: leave the memory out.
    }
    return "RAM unknown";
  }

  private static boolean hasCommand(String name) {
    for (String folder : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(folder, name))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(Arrays.asList(tail));
    return all;
  }
}
