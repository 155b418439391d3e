package dev.traildenials.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The report's tables as plain Parquet folders, for readers without Delta: a table is rewritten
 * through the run's staging folder, days by dynamic partition overwrite.
 */
final class ParquetTables extends ReportTables {

  ParquetTables(SparkSession session, String out, String runId) {
    super(session, out, TableFormat.PARQUET, runId);
  }

  @Override
  Map<String, String> creationOptions(String table) {
    return Map.of();
  }

  @Override
  public boolean exists(String table) {
    try {
      Path path = new Path(path(table));
      FileSystem fileSystem = path.getFileSystem(session.sparkContext().hadoopConfiguration());
      return fileSystem.exists(new Path(path, "_SUCCESS"));
    } catch (IOException e) {
      throw Failure.storage("Cannot look for " + path(table) + ": " + e.getMessage(), e);
    }
  }

  /** The touched days rebuilt from what they held plus the new events. */
  @Override
  Merged mergeIntoDays(Dataset<Row> events, List<LocalDate> dates) {
    Dataset<Row> existing = read(DENIAL_EVENTS).filter(col(EVENT_DATE).isin(dates.toArray()));
    long before = existing.count();
    Dataset<Row> combined =
        existing
            .withColumn("_new", lit(0))
            .unionByName(events.withColumn("_new", lit(1)))
            .withColumn(
                "_copy",
                row_number()
                    .over(Window.partitionBy("event_id").orderBy(col("source_file"), col("_new"))))
            .filter(col("_copy").equalTo(1))
            .drop("_copy", "_new");
    String staged = staging + "/" + DENIAL_EVENTS;
    combined.write().mode(SaveMode.Overwrite).partitionBy(EVENT_DATE).parquet(staged);
    Dataset<Row> stagedRows = session.read().parquet(staged);
    long after = stagedRows.count();
    // Which copies were swapped is not counted: the touched days are rewritten either way.
    stagedRows
        .write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(EVENT_DATE)
        .parquet(path(DENIAL_EVENTS));
    return new Merged(after - before, 0);
  }

  @Override
  void rewriteEvents(Dataset<Row> rows) {
    String staged = staging + "/" + DENIAL_EVENTS + "-rewritten";
    rows.write().mode(SaveMode.Overwrite).partitionBy(EVENT_DATE).parquet(staged);
    session
        .read()
        .parquet(staged)
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy(EVENT_DATE)
        .parquet(path(DENIAL_EVENTS));
  }

  @Override
  void overwriteDays(String table, Dataset<Row> rows, List<LocalDate> dates) {
    Column inDates = col(EVENT_DATE).isin(dates.toArray());
    // A table written by an earlier version gains the columns added since (null in its rows).
    overwrite(table, read(table).filter(not(inDates)).unionByName(rows, true));
  }

  @Override
  void deleteRows(String table, Column condition) {
    overwrite(table, read(table).filter(not(condition)));
  }

  @Override
  void overwrite(String table, Dataset<Row> rows) {
    String staged = staging + "/" + table;
    rows.write().mode(SaveMode.Overwrite).parquet(staged);
    session.read().parquet(staged).write().mode(SaveMode.Overwrite).parquet(path(table));
  }
}
