package dev.traildenials.cli;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark settings of a command's session, from four sources. Precedence, highest first, as
 * spark-submit has it: {@code --conf key=value} on the command line, then the user's own {@code
 * -Dspark.*} system properties (and spark-submit's), then {@code conf/spark-defaults.conf} (local
 * runs only; a cluster has its own), then what is built in. Pure: the caller reads the sources.
 */
final class SparkSettings {

  static final String PROGRESS_BAR = "spark.ui.showConsoleProgress";

  private SparkSettings() {}

  /**
   * @param system the {@code spark.*} system properties the JVM was started with
   * @param defaultsFile the settings of conf/spark-defaults.conf, read for local runs
   * @param commandLine the {@code --conf} settings, in the order given
   * @param stderrIsTerminal whether standard error is a terminal: Spark's progress bar is drawn
   *     with carriage returns that fill a log file, so without a terminal it is off unless asked
   *     for with -D or --conf
   * @return the settings to give the session builder; it is local when nothing names a master
   */
  static Map<String, String> resolve(
      Map<String, String> system,
      Map<String, String> defaultsFile,
      Map<String, String> commandLine,
      boolean stderrIsTerminal) {
    Map<String, String> settings = new LinkedHashMap<>();
    boolean local = !system.containsKey("spark.master") && !commandLine.containsKey("spark.master");
    // Built in: Delta's SQL extension and catalog; local mode on every core.
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put(
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    if (local) {
      settings.put("spark.master", "local[*]");
      settings.putAll(defaultsFile);
      if (!stderrIsTerminal) {
        settings.put(PROGRESS_BAR, "false");
      }
    }
    settings.putAll(system);
    settings.putAll(commandLine);
    return settings;
  }

  /** Whether the resolved settings run Spark in local mode. */
  static boolean isLocal(Map<String, String> settings) {
    return settings.getOrDefault("spark.master", "").startsWith("local");
  }

  /**
   * Reads spark-submit's own format: one "key value" per line, # for comments; {@code ${user.home}}
   * in a value is the user's home folder.
   */
  static Map<String, String> readDefaultsFile(Path file) {
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Failure.internal("Cannot read " + file + ": " + e.getMessage(), e);
    }
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] keyAndValue = trimmed.split("\\s+", 2);
      String value = keyAndValue.length > 1 ? keyAndValue[1].strip() : "";
      settings.put(keyAndValue[0], value.replace("${user.home}", System.getProperty("user.home")));
    }
    return settings;
  }
}
