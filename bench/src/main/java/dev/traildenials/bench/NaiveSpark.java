package dev.traildenials.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * How one would answer AWS's troubleshooting query with plain Spark: read every file as one
 * multi-line JSON document, explode Records, filter, write the query's columns as CSV. Same local session settings as
 * trail-denials (all cores, no UI, one shuffle partition, UTC).
 *
 * <p>Usage: {@code NaiveSpark <corpus> <from> <to> <csv folder>}. Prints {@code RESULT rows=<n>}.
 */
public final class NaiveSpark {

  private NaiveSpark() {}

  public static void main(String[] arguments) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[*]")
            .appName("naive Spark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> events =
        spark
            .read()
            .option("multiLine", true)
            .option("recursiveFileLookup", true)
            .option("pathGlobFilter", Corpus.LOG_FILE_GLOB)
            .json(arguments[0])
            .select(explode(col("Records")).as("r"))
            .select("r.*");
    Dataset<Row> denied =
        events
            .filter(
                "to_timestamp(eventTime) >= to_timestamp('"
                    + arguments[1]
                    + "') AND to_timestamp(eventTime) < to_timestamp('"
                    + arguments[2]
                    + "') AND eventType = 'AwsApiCall' AND errorCode IS NOT NULL"
                    + " AND (lower(errorCode) LIKE '%accessdenied%'"
                    + " OR lower(errorCode) LIKE '%unauthorized%')")
            .selectExpr(
                "to_timestamp(eventTime) AS time",
                "userIdentity.arn AS identity_arn",
                "eventID AS event_id",
                "eventSource AS service",
                "eventName AS action",
                "errorCode AS error",
                "errorMessage AS message")
            .orderBy(col("time").desc(), col("event_id"))
            .cache();
    long rows = denied.count();
    denied.coalesce(1).write().mode(SaveMode.Overwrite).option("header", true).csv(arguments[3]);
    System.out.println("RESULT rows=" + rows);
    spark.stop();
  }
}
