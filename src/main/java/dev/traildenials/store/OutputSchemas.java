package dev.traildenials.store;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the output tables built from rows on the driver. The tables the packaged SQL
 * writes have the schema of their query, pinned with its types by the query's golden file.
 */
public final class OutputSchemas {

  /** {@code runs}: one row per report run, succeeded or failed. */
  public static final StructType RUNS =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, false)
          .add("finished_at", DataTypes.TimestampType, false)
          .add("duration_ms", DataTypes.LongType, false)
          .add("archive", DataTypes.StringType, false)
          .add("range_from", DataTypes.TimestampType)
          .add("range_to", DataTypes.TimestampType)
          .add("format", DataTypes.StringType, false)
          .add("files_read", DataTypes.LongType, false)
          .add("files_rejected", DataTypes.LongType, false)
          .add("paths_skipped", DataTypes.LongType, false)
          .add("records_read", DataTypes.LongType, false)
          .add("denials", DataTypes.LongType, false)
          .add("denials_added", DataTypes.LongType, false)
          .add("service_linked_role_denials", DataTypes.LongType, false)
          .add("alarms", DataTypes.LongType, false)
          .add("days_recomputed", DataTypes.createArrayType(DataTypes.DateType, false), false)
          .add("error", DataTypes.StringType)
          .add("archive_requests", requests(), false)
          .add("output_requests", requests(), false)
          .add("files_already_read", DataTypes.LongType, false)
          .add("new_denial_combinations", DataTypes.LongType, false)
          .add("new_alarm_periods", DataTypes.LongType, false)
          .add("watched_denials", DataTypes.LongType, false)
          .add("redaction", DataTypes.StringType, false);

  /** {@code rejected_files}: each bad log file once, with its reason and the run that met it. */
  public static final StructType REJECTED_FILES =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("rejected_at", DataTypes.TimestampType, false);

  /** {@code processed_files}: the ledger of files an incremental run has read or rejected. */
  public static final StructType PROCESSED_FILES =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("size", DataTypes.LongType, false)
          .add("modification_time", DataTypes.LongType, false)
          .add("account_id", DataTypes.StringType, false)
          .add("region", DataTypes.StringType, false)
          .add("delivery_day", DataTypes.DateType, false)
          .add("status", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType)
          .add("run_id", DataTypes.StringType, false)
          .add("processed_at", DataTypes.TimestampType, false);

  private OutputSchemas() {}

  /** Object-store requests by kind; all zero on a local file system. */
  private static StructType requests() {
    return new StructType()
        .add("list", DataTypes.LongType, false)
        .add("get", DataTypes.LongType, false)
        .add("head", DataTypes.LongType, false)
        .add("put", DataTypes.LongType, false)
        .add("retries", DataTypes.LongType, false)
        .add("throttled", DataTypes.LongType, false);
  }
}
