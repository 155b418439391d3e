package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.query.ArchiveTables;
import dev.traildenials.query.AthenaFunctions;
import dev.traildenials.query.OutputTables;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.source.ReadReport;
import dev.traildenials.source.StoreRequests;
import dev.traildenials.sql.SqlQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The report job: read the archive range → classify its denials → merge them into {@code
 * denial_events} → recompute the summaries of the days touched → record rejects and the run.
 */
public final class DenialReport {

  private static final StructType REJECTED_FILE =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("rejected_at", DataTypes.TimestampType, false);

  private final SparkSession session;
  private final ReportSettings settings;
  private final Clock clock;

  /** The names of the tables a report writes under its location. */
  public static List<String> tableNames() {
    return ReportTables.ALL;
  }

  public DenialReport(SparkSession session, ReportSettings settings, Clock clock) {
    this.session = session;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Runs the report over the range of {@code readOptions}. A run that fails is recorded in {@code
   * runs} with its error before the error is thrown on.
   */
  public RunSummary run(CloudTrailReadOptions readOptions, String runId) {
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    try {
      return runOnce(readOptions, runId, startedAt);
    } catch (RuntimeException failure) {
      try {
        RunsTable.recordFailure(
            session,
            settings,
            runId,
            readOptions.request().root(),
            startedAt,
            clock.instant(),
            readOptions.request().from(),
            readOptions.request().to(),
            String.valueOf(failure.getMessage()));
      } catch (RuntimeException recording) {
        failure.addSuppressed(recording);
      }
      throw failure;
    }
  }

  private RunSummary runOnce(CloudTrailReadOptions readOptions, String runId, Instant startedAt) {
    OutputRequests outputRequests = OutputRequests.start(session, settings.out());
    ReportTables tables = new ReportTables(session, settings.out(), settings.format(), runId);
    AthenaFunctions.register(session);
    DenialFunctions.register(session);
    ArchiveTables.register(session, readOptions);

    Dataset<Row> events =
        sql("report/denial_events.sql", denialParameters()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One pass over the run's denials: the days they touch and how many there are.
      List<Row> perDay =
          events
              .groupBy(ReportTables.EVENT_DATE)
              .agg(count(lit(1)), count_if(col("is_service_linked_role")))
              .orderBy(ReportTables.EVENT_DATE)
              .collectAsList();
      List<LocalDate> dates = perDay.stream().map(row -> row.<LocalDate>getAs(0)).toList();
      long found = perDay.stream().mapToLong(row -> row.getLong(1)).sum();
      long slrFound = perDay.stream().mapToLong(row -> row.getLong(2)).sum();
      List<String> written = new ArrayList<>();

      boolean existed = tables.exists(ReportTables.DENIAL_EVENTS);
      long added = tables.mergeEvents(events, found, dates);
      writeIfChanged(written, ReportTables.DENIAL_EVENTS, !existed || added > 0);
      tables.read(ReportTables.DENIAL_EVENTS).createOrReplaceTempView(ReportTables.DENIAL_EVENTS);

      Map<String, Object> days = Map.of("dates", dates.toArray(new LocalDate[0]));
      writeIfChanged(
          written,
          ReportTables.DENIALS_HOURLY,
          tables.replaceDays(
              ReportTables.DENIALS_HOURLY, sql("report/denials_hourly.sql", days), dates));

      session
          .table(ReportTables.DENIAL_EVENTS)
          .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()))
          .filter(FilterPatternColumns.toColumn(settings.slrFilter()))
          .createOrReplaceTempView("slr_metric_events");
      Map<String, Object> period = Map.of("period_seconds", settings.slrPeriod().getSeconds());
      writeIfChanged(
          written,
          ReportTables.SLR_METRIC_HOURLY,
          tables.replaceDays(
              ReportTables.SLR_METRIC_HOURLY, sql("report/slr_metric_hourly.sql", period), dates));
      Map<String, Object> alarm = new LinkedHashMap<>(period);
      alarm.put("threshold", settings.slrThreshold());
      writeIfChanged(
          written,
          ReportTables.SLR_ALARMS,
          tables.replaceDays(ReportTables.SLR_ALARMS, sql("report/slr_alarms.sql", alarm), dates));

      writeIfChanged(
          written,
          ReportTables.BLOCKED_RESOURCES,
          tables.replaceAll(
              ReportTables.BLOCKED_RESOURCES, sql("report/blocked_resources.sql", Map.of())));

      Optional<ReadReport> read = ReadReport.find(readOptions.reportId());
      List<SkippedPath> rejected = read.map(ReadReport::rejectedFiles).orElse(List.of());
      List<Row> rejectedRows = new ArrayList<>();
      for (SkippedPath file : rejected) {
        rejectedRows.add(RowFactory.create(file.path(), file.reason(), runId, startedAt));
      }
      long newRejects =
          tables.appendNew(
              ReportTables.REJECTED_FILES,
              session.createDataFrame(rejectedRows, REJECTED_FILE),
              "path",
              "reason");
      writeIfChanged(written, ReportTables.REJECTED_FILES, newRejects > 0);

      long alarms =
          tables
              .read(ReportTables.SLR_ALARMS)
              .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()))
              .count();
      Optional<ArchivePlan> plan = read.flatMap(ReadReport::plan);
      RunSummary summary =
          new RunSummary(
              runId,
              startedAt,
              clock.instant(),
              readOptions.request().root(),
              readOptions.request().from(),
              readOptions.request().to(),
              plan.map(p -> (long) p.files().size() - rejected.size()).orElse(0L),
              plan.map(p -> (long) p.skipped().size()).orElse(0L),
              rejected,
              read.map(ReadReport::recordsRead).orElse(0L),
              found,
              added,
              slrFound,
              alarms,
              dates,
              written,
              List.of(),
              read.map(ReadReport::archiveRequests).orElse(StoreRequests.NONE),
              StoreRequests.NONE);
      OutputTables.register(session, settings.out());
      List<String> reportFiles =
          ReportPages.write(
              session, ReportPages.build(session, summary, settings), settings.out(), runId);
      RunSummary finished =
          summary.finished(
              clock.instant().truncatedTo(ChronoUnit.MILLIS),
              reportFiles,
              outputRequests.sinceStart());
      tables.append(
          ReportTables.RUNS, RunsTable.row(session, finished, settings, "succeeded", null));
      return finished;
    } finally {
      events.unpersist();
      tables.cleanUp();
    }
  }

  private static void writeIfChanged(List<String> written, String table, boolean wrote) {
    if (wrote) {
      written.add(table);
    }
  }

  private Map<String, Object> denialParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("denial_fragments", settings.denialCodes().fragments().toArray(new String[0]));
    parameters.put("denial_codes", settings.denialCodes().codes().toArray(new String[0]));
    parameters.put("identity_patterns", settings.identityPatterns().toArray(new String[0]));
    parameters.put("event_sources", settings.eventSources().toArray(new String[0]));
    return parameters;
  }

  private Dataset<Row> sql(String name, Map<String, Object> values) {
    return sql(session, name, values);
  }

  /** Runs one of the packaged queries of {@code sql/report} with typed values for its markers. */
  static Dataset<Row> sql(SparkSession session, String name, Map<String, ?> values) {
    SqlQuery query = SqlQuery.resource(name);
    return session.sql(query.text(), query.bindValues(values));
  }
}
