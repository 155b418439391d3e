package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import dev.traildenials.alert.AlarmPeriod;
import dev.traildenials.alert.WatchedDenial;
import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.LogFile;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.query.ArchiveTables;
import dev.traildenials.query.AthenaFunctions;
import dev.traildenials.query.OutputTables;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.source.ReadReport;
import dev.traildenials.source.StoreRequests;
import dev.traildenials.sql.SqlQuery;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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

  /** Watched identities' denials listed in a run's alert; all of them are in the table. */
  private static final int WATCHED_EXAMPLES = 100;

  /** What tells one alarm period from another. */
  private static final String[] ALARM_KEY = {"period_start", "account_id", "region"};

  private static final StructType ALARM_KEY_SCHEMA =
      new StructType()
          .add(ALARM_KEY[0], DataTypes.TimestampType)
          .add(ALARM_KEY[1], DataTypes.StringType)
          .add(ALARM_KEY[2], DataTypes.StringType);

  private final SparkSession session;
  private final ReportSettings settings;
  private final Clock clock;
  private final Consumer<String> notices;

  /** The names of the tables a report writes under its location. */
  public static List<String> tableNames() {
    return ReportTables.ALL;
  }

  /**
   * @param notices told what a user should know but that does not stop the run
   */
  public DenialReport(
      SparkSession session, ReportSettings settings, Clock clock, Consumer<String> notices) {
    this.session = session;
    this.settings = settings;
    this.clock = clock;
    this.notices = notices;
  }

  /**
   * Runs the report over the range of {@code readOptions}. A run that fails is recorded in {@code
   * runs} with its error before the error is thrown on.
   */
  public RunSummary run(CloudTrailReadOptions readOptions, String runId) {
    return run(readOptions, runId, false);
  }

  /**
   * Runs the report over the files of {@code readOptions}; with {@code keepLedger} every file read
   * (or rejected) is also recorded in {@code processed_files}, after the tables are up to date, so
   * that a later incremental run leaves it out (see {@link #filesAlreadyRead}).
   */
  public RunSummary run(CloudTrailReadOptions readOptions, String runId, boolean keepLedger) {
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // Taken before anything is written: a run that finds the lock held writes nothing at all.
    RunLock lock =
        RunLock.acquire(
            session.sparkContext().hadoopConfiguration(), settings.out(), runId, clock, notices);
    try {
      return runRecordingFailure(readOptions, runId, keepLedger, startedAt);
    } finally {
      lock.close();
    }
  }

  private RunSummary runRecordingFailure(
      CloudTrailReadOptions readOptions, String runId, boolean keepLedger, Instant startedAt) {
    try {
      return runOnce(readOptions, runId, startedAt, keepLedger);
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

  /**
   * The log files {@code processed_files} records as read completely, delivered on or after a day:
   * for an incremental run to leave out. A file that was rejected, or that changed since (another
   * size or modification time), is not among them and is read again.
   */
  public Predicate<LogFile> filesAlreadyRead(LocalDate firstDeliveryDay) {
    ReportTables tables = new ReportTables(session, settings.out(), settings.format(), "ledger");
    Set<String> read = ProcessedFiles.keysReadSince(tables, firstDeliveryDay);
    return file -> read.contains(ProcessedFiles.key(file));
  }

  private RunSummary runOnce(
      CloudTrailReadOptions readOptions, String runId, Instant startedAt, boolean keepLedger) {
    OutputRequests outputRequests = OutputRequests.start(session, settings.out());
    ReportTables tables = new ReportTables(session, settings.out(), settings.format(), runId);
    AthenaFunctions.register(session);
    DenialFunctions.register(session, settings.redaction());
    ArchiveTables.register(session, readOptions);

    try {
      // The archive is read once, into the run's staging folder, and every step below reads the
      // staged files: split by their size, however many partitions the scan's shuffle had.
      Dataset<Row> events =
          tables.staged("run_denials", sql("report/denial_events.sql", denialParameters()));
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
      // Compared with what earlier runs left, so before this run's events are merged.
      events.createOrReplaceTempView("run_denials");
      long newCombinations =
          tables.appendNew(
              ReportTables.NEW_DENIALS,
              sql("report/new_denials.sql", Map.of("run_id", runId, "seen_at", startedAt)),
              "principal_arn",
              "denied_action",
              "denied_resource");
      writeIfChanged(written, ReportTables.NEW_DENIALS, newCombinations > 0);
      Watched watched = watchedDenials(tables, events, existed, dates);

      ReportTables.Merged merged = tables.mergeEvents(events, found, dates);
      long added = merged.inserted();
      writeIfChanged(written, ReportTables.DENIAL_EVENTS, !existed || merged.changed());
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
      // Only the keys, held on the driver: the table is about to be replaced for these days.
      Dataset<Row> alarmedBefore = alarmKeys(tables, dates);
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

      long alarms = 0;
      List<AlarmPeriod> newAlarms = List.of();
      if (!dates.isEmpty()) {
        Dataset<Row> alarmed = alarmsOf(tables, dates);
        alarms = alarmed.count();
        newAlarms = alarmPeriods(alarmed.join(alarmedBefore, ALARM_KEY, "left_anti"));
      }
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
              StoreRequests.NONE,
              read.map(ReadReport::filesExcluded).orElse(0L),
              newCombinations,
              newAlarms,
              watched.examples(),
              watched.total());
      OutputTables.register(session, settings.out());
      List<String> reportFiles =
          ReportPages.write(
              session, ReportPages.build(session, summary, settings), settings.out(), runId);
      RunSummary finished =
          summary.finished(
              clock.instant().truncatedTo(ChronoUnit.MILLIS),
              reportFiles,
              outputRequests.sinceStart());
      if (keepLedger) {
        // Last, once the tables hold the files' events: a run that stops before reads them again.
        plan.ifPresent(
            files ->
                tables.appendNew(
                    ReportTables.PROCESSED_FILES,
                    ProcessedFiles.rows(session, files, rejected, runId, startedAt),
                    ProcessedFiles.KEY));
      }
      tables.append(
          ReportTables.RUNS, RunsTable.row(session, finished, settings, "succeeded", null));
      return finished;
    } finally {
      tables.cleanUp(notices);
    }
  }

  /** A run's denials for the watched identities: how many it added, and the first of them. */
  private record Watched(List<WatchedDenial> examples, long total) {}

  private Watched watchedDenials(
      ReportTables tables, Dataset<Row> events, boolean existed, List<LocalDate> dates) {
    if (settings.watchPatterns().isEmpty() || dates.isEmpty()) {
      return new Watched(List.of(), 0);
    }
    Dataset<Row> added =
        existed
            ? events.join(
                tables
                    .read(ReportTables.DENIAL_EVENTS)
                    .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()))
                    .select("event_id"),
                new String[] {"event_id"},
                "left_anti")
            : events;
    added.createOrReplaceTempView("run_added_denials");
    // Counted and sampled from one evaluation: the join above runs once.
    Dataset<Row> watched =
        tables.staged(
            "watched",
            sql(
                "report/watched_denials.sql",
                Map.of("watch_patterns", settings.watchPatterns().toArray(new String[0]))));
    long total = watched.count();
    // The staged files are read in no particular order: the oldest first again, as the SQL sorts.
    List<WatchedDenial> examples =
        watched
            .orderBy(col("event_time"), col("event_id"))
            .limit(WATCHED_EXAMPLES)
            .collectAsList()
            .stream()
            .map(
                row ->
                    new WatchedDenial(
                        row.getAs("event_id"),
                        instant(row.getAs("event_time")),
                        row.getAs("account_id"),
                        row.getAs("region"),
                        row.getAs("identity_arn"),
                        row.getAs("principal_arn"),
                        row.getAs("event_source"),
                        row.getAs("event_name"),
                        row.getAs("error_code"),
                        row.getAs("deny_kind"),
                        row.getAs("policy_type"),
                        row.getAs("denied_action"),
                        row.getAs("denied_resource")))
            .toList();
    return new Watched(examples, total);
  }

  /** The rows of {@code slr_alarms} for these days. */
  private static Dataset<Row> alarmsOf(ReportTables tables, List<LocalDate> dates) {
    return tables
        .read(ReportTables.SLR_ALARMS)
        .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()));
  }

  /**
   * The keys of the alarm periods of these days, collected so that they outlive the table's
   * rewrite; none before the table exists.
   */
  private Dataset<Row> alarmKeys(ReportTables tables, List<LocalDate> dates) {
    if (dates.isEmpty() || !tables.exists(ReportTables.SLR_ALARMS)) {
      return session.createDataFrame(List.of(), ALARM_KEY_SCHEMA);
    }
    Dataset<Row> keys = alarmsOf(tables, dates).select(ALARM_KEY[0], ALARM_KEY[1], ALARM_KEY[2]);
    return session.createDataFrame(keys.collectAsList(), keys.schema());
  }

  /** Alarm rows as the alert carries them, oldest first. */
  private static List<AlarmPeriod> alarmPeriods(Dataset<Row> alarms) {
    return alarms.orderBy(ALARM_KEY[0], ALARM_KEY[1], ALARM_KEY[2]).collectAsList().stream()
        .map(
            row ->
                new AlarmPeriod(
                    instant(row.getAs("period_start")),
                    instant(row.getAs("period_end")),
                    row.getAs("account_id"),
                    row.getAs("region"),
                    row.<Long>getAs("value"),
                    row.<Double>getAs("threshold"),
                    row.<String>getList(row.fieldIndex("principals")),
                    row.<String>getList(row.fieldIndex("actions")),
                    row.<String>getList(row.fieldIndex("resources"))))
        .toList();
  }

  /** A timestamp value as Spark returns it: Instant with the Java 8 time API, else Timestamp. */
  private static Instant instant(Object value) {
    return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
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
