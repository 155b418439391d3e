package dev.traildenials.cli;

import dev.traildenials.query.AthenaFunctions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command uses. Under spark-submit the cluster's settings apply;
 * started directly (the local launcher), it runs Spark in local mode on every core with the
 * settings of {@code conf/spark-defaults.conf}.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /**
   * @param catalog whether the command uses the session catalog (--catalog-database): locally that
   *     means Hive support with the metastore of conf/spark-defaults.conf
   */
  public static SparkSession start(String command, boolean catalog) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName("trail-denials " + command);
    if (!conf.contains("spark.master")) {
      builder.master("local[*]");
      ConfDefaults.confFile("spark-defaults.conf")
          .ifPresent(file -> loadSparkDefaults(file, builder));
      if (catalog) {
        // Derby writes its log beside its database, not into the working directory.
        System.setProperty(
            "derby.system.home", System.getProperty("user.home") + "/.trail-denials");
        builder.enableHiveSupport();
      }
    } else if (catalog && !"hive".equals(conf.get("spark.sql.catalogImplementation", "hive"))) {
      System.err.println(
          "trail-denials: spark.sql.catalogImplementation is not hive: tables registered with"
              + " --catalog-database last only as long as this run");
    }
    // Delta's SQL extension and catalog, unless the cluster configures them already.
    if (!conf.contains("spark.sql.extensions")) {
      builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    }
    if (!conf.contains("spark.sql.catalog.spark_catalog")) {
      builder.config(
          "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
    SparkSession session = builder.getOrCreate();
    AthenaFunctions.register(session);
    return session;
  }

  /**
   * Reads spark-submit's own format: one "key value" per line, # for comments; {@code ${user.home}}
   * in a value is the user's home folder.
   */
  private static void loadSparkDefaults(Path file, SparkSession.Builder builder) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] keyAndValue = trimmed.split("\\s+", 2);
        String value = keyAndValue.length > 1 ? keyAndValue[1].strip() : "";
        builder.config(
            keyAndValue[0], value.replace("${user.home}", System.getProperty("user.home")));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
