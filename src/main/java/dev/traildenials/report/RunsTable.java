package dev.traildenials.report;

import dev.traildenials.source.StoreRequests;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code runs} table: one row per report run, succeeded or failed. */
final class RunsTable {

  static final StructType SCHEMA =
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

  private RunsTable() {}

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

  private static Row requests(StoreRequests requests) {
    return RowFactory.create(
        requests.list(),
        requests.get(),
        requests.head(),
        requests.put(),
        requests.retries(),
        requests.throttled());
  }

  static Dataset<Row> row(
      SparkSession session, RunSummary run, ReportSettings settings, String status, String error) {
    Row row =
        RowFactory.create(
            run.runId(),
            status,
            run.startedAt(),
            run.finishedAt(),
            Duration.between(run.startedAt(), run.finishedAt()).toMillis(),
            run.archive(),
            run.from(),
            run.to(),
            settings.format().sparkName(),
            run.filesRead(),
            (long) run.rejectedFiles().size(),
            run.filesSkipped(),
            run.recordsRead(),
            run.denialsFound(),
            run.denialsAdded(),
            run.serviceLinkedRoleDenials(),
            run.alarms(),
            run.daysRecomputed().toArray(new LocalDate[0]),
            error,
            requests(run.archiveRequests()),
            requests(run.outputRequests()),
            run.filesAlreadyRead(),
            run.newDenialCombinations(),
            (long) run.newAlarms().size(),
            run.watchedDenialsTotal(),
            settings.redaction().toString());
    return session.createDataFrame(List.of(row), SCHEMA);
  }

  /** Records a run that stopped with an error, so the nightly history shows it. */
  static void recordFailure(
      SparkSession session,
      ReportSettings settings,
      String runId,
      String archive,
      Instant startedAt,
      Instant finishedAt,
      Instant from,
      Instant to,
      String error) {
    RunSummary failed =
        new RunSummary(
            runId,
            startedAt,
            finishedAt,
            archive,
            from,
            to,
            0,
            0,
            List.of(),
            0,
            0,
            0,
            0,
            0,
            List.of(),
            List.of(),
            List.of(),
            StoreRequests.NONE,
            StoreRequests.NONE,
            0,
            0,
            List.of(),
            List.of(),
            0);
    new ReportTables(session, settings.out(), settings.format(), runId)
        .append(ReportTables.RUNS, row(session, failed, settings, "failed", error));
  }
}
