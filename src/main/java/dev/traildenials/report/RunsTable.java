package dev.traildenials.report;

import dev.traildenials.failure.Failure;
import dev.traildenials.source.StoreRequests;
import dev.traildenials.store.OutputSchemas;
import dev.traildenials.store.ReportTables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** The {@code runs} table: one row per report run, succeeded or failed. */
final class RunsTable {

  private RunsTable() {}

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
    Map<String, Object> values = new HashMap<>();
    values.put("run_id", run.runId());
    values.put("status", status);
    values.put("started_at", run.startedAt());
    values.put("finished_at", run.finishedAt());
    values.put("duration_ms", Duration.between(run.startedAt(), run.finishedAt()).toMillis());
    values.put("archive", run.archive());
    values.put("range_from", run.from());
    values.put("range_to", run.to());
    values.put("format", settings.format().sparkName());
    values.put("files_read", run.filesRead());
    values.put("files_rejected", (long) run.rejectedFiles().size());
    values.put("paths_skipped", run.filesSkipped());
    values.put("records_read", run.recordsRead());
    values.put("denials", run.denialsFound());
    values.put("denials_added", run.denialsAdded());
    values.put("service_linked_role_denials", run.serviceLinkedRoleDenials());
    values.put("alarms", run.alarms());
    values.put("days_recomputed", run.daysRecomputed().toArray(new LocalDate[0]));
    values.put("error", error);
    values.put("archive_requests", requests(run.archiveRequests()));
    values.put("output_requests", requests(run.outputRequests()));
    values.put("files_already_read", run.filesAlreadyRead());
    values.put("new_denial_combinations", run.newDenialCombinations());
    values.put("new_alarm_periods", (long) run.newAlarms().size());
    values.put("watched_denials", run.watchedDenialsTotal());
    values.put("redaction", settings.redaction().toString());
    return session.createDataFrame(List.of(inSchemaOrder(values)), OutputSchemas.RUNS);
  }

  /** The row of these values by column name; a column without a value is a mistake here. */
  static Row inSchemaOrder(Map<String, Object> values) {
    Set<String> columns = Set.of(OutputSchemas.RUNS.fieldNames());
    if (!columns.equals(values.keySet())) {
      throw Failure.internal(
          "The runs row does not match its schema: columns without a value "
              + difference(columns, values.keySet())
              + ", values without a column "
              + difference(values.keySet(), columns));
    }
    return RowFactory.create(
        Arrays.stream(OutputSchemas.RUNS.fieldNames()).map(values::get).toArray(Object[]::new));
  }

  private static Set<String> difference(Set<String> these, Set<String> those) {
    Set<String> left = new TreeSet<>(these);
    left.removeAll(those);
    return left;
  }

  /**
   * Records a run that did not succeed, so the nightly history shows it: {@code failed} with its
   * error, or {@code interrupted}.
   */
  static void record(
      SparkSession session,
      ReportSettings settings,
      String runId,
      String archive,
      Instant startedAt,
      Instant finishedAt,
      Instant from,
      Instant to,
      String status,
      String error) {
    RunSummary ended = RunSummary.builder(runId, startedAt, archive, from, to).build(finishedAt);
    ReportTables.open(session, settings.out(), settings.format(), runId)
        .append(ReportTables.RUNS, row(session, ended, settings, status, error));
  }
}
