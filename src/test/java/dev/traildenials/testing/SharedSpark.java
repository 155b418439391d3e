package dev.traildenials.testing;

import dev.traildenials.query.AthenaDialect;
import dev.traildenials.query.AthenaFunctions;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test run: local[2], no UI, few shuffle partitions, UTC.
 *
 * <p>Its plans run without whole-stage code generation, and generated classes are cached for the
 * whole run: the tests run hundreds of small plans over little data, where compiling each stage
 * costs more than the rows it saves (a fifth of a report test's time). The launcher, spark-submit
 * and cluster tests run the shipped settings.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("trail-denials tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.cache.maxEntries", "2000")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config(
                  "spark.sql.catalog.spark_catalog",
                  "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    // Active in the calling thread too (a thread of a test's own included): the parser reads its
    // settings from the active session, not the default one.
    SparkSession.setActiveSession(session);
    AthenaDialect.apply(session);
    AthenaFunctions.register(session);
    return session;
  }
}
