package dev.traildenials.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs contenders as processes, alternating them run after run, under GNU time. */
final class Timing {

  private static final Pattern TIME =
      Pattern.compile("(?m)^TIME ([0-9.]+) ([0-9]+) ([0-9.]+) ([0-9.]+)$");

  /** One contender: how to run it, and what it found (read from its output). */
  record Contender(String name, IntFunction<List<String>> command, Answer answer) {}

  @FunctionalInterface
  interface Answer {
    /** What this run found, as "rows=<n>", "distinct=<n>" or another key=value; may be null. */
    String of(int run, String output) throws Exception;
  }

  /** One run: wall time, peak resident memory, CPU time (user + system), what it found. */
  record Run(double seconds, long peakRssKb, double cpuSeconds, String answer) {}

  private Timing() {}

  /** A harness's {@code key=value} arguments. */
  static Map<String, String> settings(String[] arguments) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String argument : arguments) {
      String[] keyAndValue = argument.split("=", 2);
      settings.put(keyAndValue[0], keyAndValue[1]);
    }
    return settings;
  }

  /** Runs every contender {@code runs} times, in turn; name → runs. */
  static Map<String, List<Run>> alternate(List<Contender> contenders, int runs, Path work)
      throws Exception {
    Map<String, List<Run>> results = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (Contender contender : contenders) {
        Path log = work.resolve("run-" + run + "-" + contenders.indexOf(contender) + ".log");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %M %U %S"));
        command.addAll(contender.command().apply(run));
        long start = System.nanoTime();
        Process process =
            new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
          throw new IllegalStateException(
              contender.name() + " failed (exit " + exit + "); see " + log);
        }
        Matcher time = TIME.matcher(output);
        long rss = 0;
        double cpu = 0;
        while (time.find()) {
          rss = Long.parseLong(time.group(2));
          cpu = Double.parseDouble(time.group(3)) + Double.parseDouble(time.group(4));
        }
        String answer = contender.answer().of(run, output);
        results
            .computeIfAbsent(contender.name(), name -> new ArrayList<>())
            .add(new Run(seconds, rss, cpu, answer));
        System.out.printf(
            Locale.ROOT,
            "run %d  %-55s %7.2f s  %6d MB  %s%n",
            run,
            contender.name(),
            seconds,
            rss / 1024,
            answer == null ? "" : answer);
      }
    }
    return results;
  }

  static double median(List<Run> runs) {
    double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
    int middle = seconds.length / 2;
    return seconds.length % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
  }

  static double min(List<Run> runs) {
    return runs.stream().mapToDouble(Run::seconds).min().orElseThrow();
  }

  static double max(List<Run> runs) {
    return runs.stream().mapToDouble(Run::seconds).max().orElseThrow();
  }

  /** The median ratio of CPU time to wall time: 2 means both of two cores busy throughout. */
  static double cpuPerWall(List<Run> runs) {
    double[] ratios =
        runs.stream().mapToDouble(run -> run.cpuSeconds() / run.seconds()).sorted().toArray();
    int middle = ratios.length / 2;
    return ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
  }

  /** The highest peak RSS of the runs, in MB. */
  static long peakRssMb(List<Run> runs) {
    return runs.stream().mapToLong(Run::peakRssKb).max().orElseThrow() / 1024;
  }

  /** The first group of a pattern in a process's output. */
  static String group(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("no '" + regex + "' in the output");
    }
    return matcher.group(1);
  }
}
