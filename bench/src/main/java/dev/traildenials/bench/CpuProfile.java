package dev.traildenials.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sums async-profiler's collapsed CPU stacks (one line per stack: the thread, the frames from the
 * root, the sample count) by thread group, and the Spark tasks' samples by the component of their
 * innermost known frame: a Jackson frame called from the parser counts as Jackson.
 *
 * <pre>java dev.traildenials.bench.CpuProfile profile.collapsed 5</pre>
 *
 * (the second argument: the sampling interval in milliseconds).
 */
public final class CpuProfile {

  private static final Pattern THREAD = Pattern.compile("^\\[(.*?)(?: tid=\\d+)?]$");

  /** Thread groups by name prefix, first match wins. */
  private static final String[][] THREAD_GROUPS = {
    {"C2 CompilerThre", "JIT compiler, C2"},
    {"C1 CompilerThre", "JIT compiler, C1"},
    {"Executor task launch", "Spark tasks"},
    {"main", "driver (main thread)"},
    {"GC Thread", "garbage collector"},
    {"G1 ", "garbage collector"},
    {"VM Thread", "garbage collector"},
  };

  /** Components of task code by frame prefix; the innermost frame that has one decides. */
  private static final String[][] COMPONENTS = {
    {"java/util/zip/", "gzip inflate"},
    {"libz.so", "gzip inflate"},
    {"Java_java_util_zip", "gzip inflate"},
    {"com/fasterxml/jackson/", "JSON tokenizing (Jackson)"},
    {"dev/traildenials/parse/", "row building (parser)"},
    {"dev/traildenials/source/", "reading files (source)"},
    {"dev/traildenials/classify/", "classification"},
    {"dev/traildenials/report/DenialFunctions", "classification"},
    {"org/apache/parquet/", "Parquet and Delta writing"},
    {"shaded/parquet/", "Parquet and Delta writing"},
    {"org/apache/spark/sql/delta/", "Parquet and Delta writing"},
    {"org/apache/spark/sql/execution/datasources/parquet/", "Parquet and Delta writing"},
    {"DataWriter", "Parquet and Delta writing"},
    {"org/apache/spark/sql/execution/columnar/", "in-memory cache"},
    {"org/apache/spark/shuffle/", "shuffle"},
    {"org/apache/spark/util/collection/unsafe/sort/", "sort"},
    {"org/apache/spark/sql/", "Spark rows, generated code, operators"},
    {"org/apache/spark/unsafe/", "Spark rows, generated code, operators"},
    {"java/io/Object", "Java serialization (tasks, results)"},
    {"org/apache/hadoop/", "Hadoop file system"},
  };

  private CpuProfile() {}

  public static void main(String[] args) throws IOException {
    double intervalSeconds = (args.length > 1 ? Double.parseDouble(args[1]) : 5) / 1000;
    Map<String, Long> byThread = new LinkedHashMap<>();
    Map<String, Long> byComponent = new LinkedHashMap<>();
    long total = 0;
    long tasks = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long samples = Long.parseLong(line.substring(space + 1).trim());
      String[] frames = line.substring(0, space).split(";");
      String group = threadGroup(frames[0]);
      total += samples;
      byThread.merge(group, samples, Long::sum);
      if (group.equals("Spark tasks")) {
        tasks += samples;
        byComponent.merge(component(frames), samples, Long::sum);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "CPU samples: %d (%.1f s of CPU at %.0f ms a sample)%n%n",
        total,
        total * intervalSeconds,
        intervalSeconds * 1000);
    print("threads", byThread, total, intervalSeconds, "share of all CPU");
    System.out.println();
    print("inside Spark tasks", byComponent, tasks, intervalSeconds, "share of task CPU");
  }

  private static String threadGroup(String first) {
    Matcher thread = THREAD.matcher(first);
    String name = thread.matches() ? thread.group(1) : "";
    for (String[] group : THREAD_GROUPS) {
      if (name.startsWith(group[0])) {
        return group[1];
      }
    }
    return "other threads (listing, Spark services)";
  }

  private static String component(String[] frames) {
    for (int i = frames.length - 1; i > 0; i--) {
      for (String[] component : COMPONENTS) {
        if (frames[i].contains(component[0])) {
          return component[1];
        }
      }
    }
    return "other";
  }

  private static void print(
      String title, Map<String, Long> samples, long of, double intervalSeconds, String share) {
    System.out.printf(Locale.ROOT, "| %s | CPU s | %s |%n| --- | ---: | ---: |%n", title, share);
    List<Map.Entry<String, Long>> rows = new ArrayList<>(samples.entrySet());
    rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    for (Map.Entry<String, Long> row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.0f%% |%n",
          row.getKey(),
          row.getValue() * intervalSeconds,
          100.0 * row.getValue() / Math.max(1, of));
    }
  }
}
