package dev.traildenials.cli;

import dev.traildenials.query.AthenaDialect;
import dev.traildenials.query.AthenaFunctions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Builds the one SparkSession a command uses. Under spark-submit the cluster's settings apply;
 * started directly (the local launcher), it runs Spark in local mode on every core with the
 * settings of {@code conf/spark-defaults.conf}. {@link SparkSettings} says which source wins.
 */
public final class SparkSessions {

  /**
   * Set by the launcher to false when standard error is not a terminal (a cron job's log file), so
   * that Spark's progress bar is not drawn into it.
   */
  static final String STDERR_TERMINAL_PROPERTY = "trail-denials.stderr-terminal";

  private SparkSessions() {}

  public static SparkSession start(String command, boolean catalog) {
    return start(command, catalog, Map.of());
  }

  /**
   * @param catalog whether the command uses the session catalog (--catalog-database): locally that
   *     means Hive support with the metastore of conf/spark-defaults.conf
   * @param commandLine the command's {@code --conf} settings, which win over every other source
   */
  public static SparkSession start(
      String command, boolean catalog, Map<String, String> commandLine) {
    Map<String, String> system = new LinkedHashMap<>();
    for (Tuple2<String, String> setting : new SparkConf().getAll()) {
      system.put(setting._1(), setting._2());
    }
    Map<String, String> settings =
        SparkSettings.resolve(
            system,
            ConfDefaults.confFile("spark-defaults.conf")
                .map(SparkSettings::readDefaultsFile)
                .orElse(Map.of()),
            commandLine,
            !"false".equals(System.getProperty(STDERR_TERMINAL_PROPERTY)));
    SparkSession.Builder builder = SparkSession.builder().appName("trail-denials " + command);
    settings.forEach(builder::config);
    if (SparkSettings.isLocal(settings)) {
      if (catalog) {
        // Derby writes its log beside its database, not into the working directory.
        System.setProperty(
            "derby.system.home", System.getProperty("user.home") + "/.trail-denials");
        builder.enableHiveSupport();
      }
    } else if (catalog
        && !"hive".equals(settings.getOrDefault("spark.sql.catalogImplementation", "hive"))) {
      System.err.println(
          "trail-denials: spark.sql.catalogImplementation is not hive: tables registered with"
              + " --catalog-database last only as long as this run");
    }
    SparkSession session = builder.getOrCreate();
    // The commands' session reads SQL as Athena does, for its whole life.
    AthenaDialect.apply(session);
    AthenaFunctions.register(session);
    return session;
  }
}
