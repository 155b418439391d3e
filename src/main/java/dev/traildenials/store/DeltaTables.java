package dev.traildenials.store;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The report's tables as Delta tables: each write one atomic commit. */
final class DeltaTables extends ReportTables {

  DeltaTables(SparkSession session, String out, String runId) {
    super(session, out, TableFormat.DELTA, runId);
  }

  /**
   * How many leading columns each data file's entry in the log keeps the minimum and maximum of,
   * for skipping files: the events' first nine besides the day they are partitioned by (id, time,
   * account, region, source, name, type, error code and message: what their readers filter on), a
   * summary's none (each is a few files). Delta's default, 32 columns of every table, cost a report
   * a second or more of planning for every table it writes. A count, not names, so that no later
   * change of columns can contradict it.
   */
  private static final String EVENT_STATISTICS_COLUMNS = "9";

  @Override
  Map<String, String> creationOptions(String table) {
    return Map.of(
        "delta.dataSkippingNumIndexedCols",
        table.equals(DENIAL_EVENTS) ? EVENT_STATISTICS_COLUMNS : "0");
  }

  @Override
  public boolean exists(String table) {
    return DeltaTable.isDeltaTable(session, path(table));
  }

  /** One MERGE on {@code event_id} within the days; none when it would change nothing. */
  @Override
  Merged mergeIntoDays(Dataset<Row> events, List<LocalDate> dates) {
    // Delta commits a MERGE with an update clause even when it changes nothing: look first.
    Dataset<Row> held =
        read(DENIAL_EVENTS)
            .filter(col(EVENT_DATE).isin(dates.toArray()))
            .select(col("event_id"), col("source_file").as("held_file"));
    boolean changes =
        !events
            .select("event_id", "source_file")
            .join(held, new String[] {"event_id"}, "left")
            .filter(col("held_file").isNull().or(col("source_file").lt(col("held_file"))))
            .isEmpty();
    if (!changes) {
      return new Merged(0, 0);
    }
    DeltaTable target = DeltaTable.forPath(session, path(DENIAL_EVENTS));
    long versionBefore = target.history(1).select("version").first().getLong(0);
    target
        .as("target")
        .merge(
            events.as("source"),
            col("target.event_id")
                .equalTo(col("source.event_id"))
                .and(col("target." + EVENT_DATE).isin(dates.toArray())))
        .whenMatched(col("source.source_file").lt(col("target.source_file")))
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
    Row metrics = target.history(1).select("version", "operationMetrics").first();
    if (metrics.getLong(0) == versionBefore) {
      return new Merged(0, 0);
    }
    Map<String, String> operationMetrics = metrics.getJavaMap(1);
    return new Merged(
        Long.parseLong(operationMetrics.getOrDefault("numTargetRowsInserted", "0")),
        Long.parseLong(operationMetrics.getOrDefault("numTargetRowsUpdated", "0")));
  }

  @Override
  void rewriteEvents(Dataset<Row> rows) {
    // One commit: readers see the table before or after, never half of it.
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .partitionBy(EVENT_DATE)
        .save(path(DENIAL_EVENTS));
  }

  @Override
  void overwriteDays(String table, Dataset<Row> rows, List<LocalDate> dates) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        // A table written by an earlier version gains the columns added since.
        .option("mergeSchema", "true")
        // Delta takes the days as a predicate text; the values are dates this job formatted.
        .option("replaceWhere", EVENT_DATE + " IN (" + quotedDates(dates) + ")")
        .save(path(table));
  }

  @Override
  void deleteRows(String table, Column condition) {
    DeltaTable.forPath(session, path(table)).delete(condition);
  }

  @Override
  void overwrite(String table, Dataset<Row> rows) {
    rows.write().format("delta").mode(SaveMode.Overwrite).save(path(table));
  }

  private static String quotedDates(List<LocalDate> dates) {
    return dates.stream().map(date -> "DATE'" + date + "'").collect(Collectors.joining(", "));
  }
}
