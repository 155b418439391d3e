package dev.traildenials.bench;

import static dev.traildenials.bench.Timing.group;

import dev.traildenials.bench.Timing.Contender;
import dev.traildenials.bench.Timing.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How time and memory grow with the archive: {@code report} and {@code query} over one corpus and
 * over four times as many days of it, a one-day {@code query} over the larger archive against the
 * full scan, and the start-up cost (a one-file archive, wall time to the first result). Runs
 * alternate, as in {@link Harness}; the figures are appended to bench/RESULTS.md.
 *
 * <p>Arguments are {@code key=value}: project, corpus1, corpus4, days1, days4, one-file, from,
 * one-day, runs, work, results, commit, command.
 */
public final class Scaling {

  private static final String REPORT_1 = "report, 1× corpus";
  private static final String REPORT_4 = "report, 4× corpus";
  private static final String QUERY_1 = "query (AWS troubleshooting), 1× corpus";
  private static final String QUERY_4 = "query (AWS troubleshooting), 4× corpus";
  private static final String ONE_DAY = "query (AWS troubleshooting), 1 day of the 4× corpus";
  private static final String ONE_FILE = "query (AWS troubleshooting), one-file archive";

  private final Map<String, String> settings;
  private final Path project;
  private final Path work;

  private Scaling(Map<String, String> settings) {
    this.settings = settings;
    this.project = Path.of(settings.get("project"));
    this.work = Path.of(settings.get("work"));
  }

  public static void main(String[] arguments) throws Exception {
    new Scaling(Timing.settings(arguments)).run();
  }

  /** AWS's troubleshooting query writing its result as CSV, or a report writing its tables. */
  private List<String> job(String command, String archive, String from, String to, String output) {
    List<String> line =
        new ArrayList<>(
            List.of(
                project.resolve("jobs/trail-denials").toString(),
                command,
                "--archive",
                archive,
                "--from",
                from,
                "--to",
                to));
    if (command.equals("query")) {
      line.addAll(List.of("--sql", project.resolve("sql/denied_calls.sql").toString(), "--csv"));
    } else {
      line.add("--out");
    }
    line.add(work.resolve(output).toString());
    return line;
  }

  private void run() throws Exception {
    Files.createDirectories(work);
    LocalDate from = LocalDate.parse(settings.get("from"));
    String to1 = from.plusDays(Long.parseLong(settings.get("days1"))).toString();
    String to4 = from.plusDays(Long.parseLong(settings.get("days4"))).toString();
    LocalDate oneDay = LocalDate.parse(settings.get("one-day"));
    String corpus1 = settings.get("corpus1");
    String corpus4 = settings.get("corpus4");
    Timing.Answer rows = (run, output) -> "rows=" + group(output, "wrote ([0-9]+) rows");
    Timing.Answer records =
        (run, output) -> "records=" + group(output, "in [0-9]+ tasks: ([0-9]+) records");

    List<Contender> contenders = new ArrayList<>();
    contenders.add(
        new Contender(
            REPORT_1,
            run -> job("report", corpus1, from.toString(), to1, "report1-" + run),
            records));
    contenders.add(
        new Contender(
            REPORT_4,
            run -> job("report", corpus4, from.toString(), to4, "report4-" + run),
            records));
    contenders.add(
        new Contender(
            QUERY_1, run -> job("query", corpus1, from.toString(), to1, "query1.csv"), rows));
    contenders.add(
        new Contender(
            QUERY_4, run -> job("query", corpus4, from.toString(), to4, "query4.csv"), rows));
    contenders.add(
        new Contender(
            ONE_DAY,
            run ->
                job("query", corpus4, oneDay.toString(), oneDay.plusDays(1).toString(), "day.csv"),
            rows));
    contenders.add(
        new Contender(
            ONE_FILE,
            run -> job("query", settings.get("one-file"), from.toString(), to1, "one-file.csv"),
            rows));

    Map<String, List<Run>> results =
        Timing.alternate(contenders, Integer.parseInt(settings.get("runs")), work);
    String text = table(results) + "\n" + verdicts(results);
    System.out.println();
    System.out.println(text);
    append(text);
  }

  private static String table(Map<String, List<Run>> results) {
    StringBuilder out = new StringBuilder();
    out.append("| contender | median s | min–max s | peak RSS MB | found |\n");
    out.append("| --- | ---: | ---: | ---: | --- |\n");
    results.forEach(
        (name, runs) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f–%.2f | %d | %s |%n",
                    name,
                    Timing.median(runs),
                    Timing.min(runs),
                    Timing.max(runs),
                    Timing.peakRssMb(runs),
                    runs.get(0).answer())));
    return out.toString();
  }

  private static String verdicts(Map<String, List<Run>> results) {
    double startUp = Timing.median(results.get(ONE_FILE));
    double oneDay = Timing.median(results.get(ONE_DAY));
    double full = Timing.median(results.get(QUERY_4));
    StringBuilder out = new StringBuilder();
    for (String[] pair : new String[][] {{REPORT_1, REPORT_4}, {QUERY_1, QUERY_4}}) {
      List<Run> small = results.get(pair[0]);
      List<Run> large = results.get(pair[1]);
      out.append(
          String.format(
              Locale.ROOT,
              "- %s: time 4×/1× = %.2f (linear: 4.00; after start-up: %.2f), peak memory 4×/1× ="
                  + " %.2f (target ≤ 1.25)%n",
              pair[1].substring(0, pair[1].indexOf(',')),
              Timing.median(large) / Timing.median(small),
              (Timing.median(large) - startUp) / (Timing.median(small) - startUp),
              Timing.peakRssMb(large) / (double) Timing.peakRssMb(small)));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "- 1-day query over the 4× archive: %.2f s = %.1f%% of the full scan (%.2f s); beyond"
                + " start-up, %.1f%% of the full scan's own time (target ≤ 5%% plus start-up)%n",
            oneDay,
            100 * oneDay / full,
            full,
            100 * (oneDay - startUp) / (full - startUp)));
    out.append(
        String.format(
            Locale.ROOT,
            "- start-up, one-file archive to first result: %.2f s (target ≤ 10 s)%n",
            startUp));
    return out.toString();
  }

  private void append(String text) throws Exception {
    String entry =
        String.format(
            Locale.ROOT,
            "%n## %s, commit %s: scaling%n%nMachine: %d cores, Java %s. Corpora: %s days (1×) and"
                + " %s days (4×) of the benchmark sample; one file of the 1× corpus alone; %s runs"
                + " each, contenders alternated.%n%n    %s%n%n%s",
            LocalDate.now(ZoneOffset.UTC),
            settings.get("commit"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            settings.get("days1"),
            settings.get("days4"),
            settings.get("runs"),
            settings.get("command"),
            text);
    Files.writeString(
        Path.of(settings.get("results")),
        entry,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
