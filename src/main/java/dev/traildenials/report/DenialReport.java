package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import dev.traildenials.alert.AlarmPeriod;
import dev.traildenials.alert.WatchedDenial;
import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.failure.Failure;
import dev.traildenials.parse.DetailRule;
import dev.traildenials.query.ArchiveTables;
import dev.traildenials.query.AthenaDialect;
import dev.traildenials.query.AthenaFunctions;
import dev.traildenials.query.OutputTables;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.store.OutputRequests;
import dev.traildenials.store.OutputSchemas;
import dev.traildenials.store.ReportTables;
import dev.traildenials.store.RunLock;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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

  /** Watched identities' denials listed in a run's alert; all of them are in the table. */
  private static final int WATCHED_EXAMPLES = 100;

  private static final String PRINCIPAL_KIND = "principal_kind";

  /** denial_events.sql's principal_kind, from the columns an event row keeps. */
  private static final String PRINCIPAL_KIND_OF_ROW =
      "principal_kind(identity_type, identity_arn, session_issuer_arn, invoked_by)";

  /** What tells one alarm period from another. */
  private static final String[] ALARM_KEY = {"period_start", "account_id", "region"};

  /** The run that raised an alarm period first. */
  private static final String RAISED_BY = "raised_by_run_id";

  private static final StructType KNOWN_ALARM_SCHEMA =
      new StructType()
          .add(ALARM_KEY[0], DataTypes.TimestampType)
          .add(ALARM_KEY[1], DataTypes.StringType)
          .add(ALARM_KEY[2], DataTypes.StringType)
          .add(RAISED_BY, DataTypes.StringType);

  private final SparkSession session;
  private final ReportSettings settings;
  private final Clock clock;
  private final Consumer<String> notices;
  private final RunStop stop;

  /** The names of the tables a report writes under its location. */
  public static List<String> tableNames() {
    return ReportTables.ALL;
  }

  /**
   * @param notices told what a user should know but that does not stop the run
   * @param stop asked when the run is to stop before its end (Ctrl-C, SIGTERM)
   */
  public DenialReport(
      SparkSession session,
      ReportSettings settings,
      Clock clock,
      Consumer<String> notices,
      RunStop stop) {
    this.session = session;
    this.settings = settings;
    this.clock = clock;
    this.notices = notices;
    this.stop = stop;
  }

  /** A run stopped on request, and the tables it had begun to write by then. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> tablesChanged;

    Stopped(List<String> tablesChanged, Throwable cause) {
      super(cause);
      this.tablesChanged = tablesChanged;
    }
  }

  /**
   * Runs the report over the files of {@code readOptions} that {@code reading} picks. A run that
   * fails is recorded in {@code runs} with its error before the error is thrown on.
   *
   * @param planned told the run's read once it is planned, for progress and the read's summary
   */
  public RunSummary run(
      CloudTrailReadOptions readOptions,
      String runId,
      Reading reading,
      Consumer<ArchiveRead> planned) {
    return run(readOptions, runId, reading, planned, () -> {});
  }

  /**
   * As {@link #run(CloudTrailReadOptions, String, Reading, Consumer)}, with a check that must pass
   * before the archive is read (the catalog the tables are to be registered in can be opened); its
   * failure is the run's, recorded in {@code runs}.
   */
  public RunSummary run(
      CloudTrailReadOptions readOptions,
      String runId,
      Reading reading,
      Consumer<ArchiveRead> planned,
      Runnable beforeReading) {
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // The parser and planner read their settings from the thread's active session.
    SparkSession.setActiveSession(session);
    // Taken before anything is written: a run that finds the lock held writes nothing at all.
    RunLock lock =
        RunLock.acquire(
            session.sparkContext().hadoopConfiguration(), settings.out(), runId, clock, notices);
    // The packaged SQL is Athena's; a session someone else gave gets its own settings back.
    AthenaDialect.Scope dialect = AthenaDialect.applyWhile(session);
    try {
      return runRecordingFailure(readOptions, runId, reading, planned, beforeReading, startedAt);
    } finally {
      dialect.close();
      lock.close();
    }
  }

  private RunSummary runRecordingFailure(
      CloudTrailReadOptions readOptions,
      String runId,
      Reading reading,
      Consumer<ArchiveRead> planned,
      Runnable beforeReading,
      Instant startedAt) {
    try {
      beforeReading.run();
      ArchiveRead read = planRead(readOptions, reading);
      planned.accept(read);
      return runOnce(read, runId, startedAt, reading);
    } catch (Exception failure) {
      if (!stop.requested()) {
        try {
          record(readOptions, runId, startedAt, "failed", String.valueOf(failure.getMessage()));
        } catch (RuntimeException recording) {
          failure.addSuppressed(recording);
        }
        throw failure;
      }
      List<String> changed =
          failure instanceof Stopped stopped ? stopped.tablesChanged : List.<String>of();
      Throwable cause = failure instanceof Stopped ? failure.getCause() : failure;
      String state =
          changed.isEmpty()
              ? "no table changed"
              : "it was writing "
                  + String.join(", ", changed)
                  + ": each is at a whole version, and the re-run completes them";
      // Recorded while the stop cancels every other job; a run row is where it can be.
      Failure interrupted =
          Failure.interrupted(
              "interrupted (" + stop.signal() + "); " + state + "; run it again", cause);
      stop.recording(
          () -> {
            try {
              record(readOptions, runId, startedAt, "interrupted", interrupted.getMessage());
            } catch (RuntimeException recording) {
              interrupted.addSuppressed(recording);
            }
          });
      throw interrupted;
    }
  }

  private void record(
      CloudTrailReadOptions readOptions,
      String runId,
      Instant startedAt,
      String status,
      String error) {
    RunsTable.record(
        session,
        settings,
        runId,
        readOptions.request().root(),
        startedAt,
        clock.instant(),
        readOptions.request().from(),
        readOptions.request().to(),
        status,
        error);
  }

  /**
   * Lists the run's files; a run of new files leaves out those {@code processed_files} records as
   * read completely since the range's first day. A file that was rejected, or that changed since
   * (another size or modification time), is read again. Done under the lock: a ledger read before
   * another run's last write would read that run's files again.
   */
  private ArchiveRead planRead(CloudTrailReadOptions readOptions, Reading reading) {
    if (reading == Reading.RANGE) {
      return ArchiveRead.planned(session, readOptions, file -> false);
    }
    LocalDate firstDay = readOptions.request().from().atZone(ZoneOffset.UTC).toLocalDate();
    ReportTables tables = ReportTables.open(session, settings.out(), settings.format(), "ledger");
    Set<String> read = ProcessedFiles.keysReadSince(tables, firstDay);
    return ArchiveRead.planned(
        session, readOptions, file -> read.contains(ProcessedFiles.key(file)));
  }

  private RunSummary runOnce(ArchiveRead read, String runId, Instant startedAt, Reading reading) {
    OutputRequests outputRequests = OutputRequests.start(session, settings.out());
    ReportTables tables = ReportTables.open(session, settings.out(), settings.format(), runId);
    AthenaFunctions.register(session);
    DenialFunctions.register(session, settings.redaction());
    // One pass over the archive; only the records the report keeps whole are decoded whole.
    Dataset<Row> archive = read.loadDetailing(session, DetailRule.ERRORS_AND_IAM_NAME);
    ArchiveRequest request = read.options().request();
    RunSummary.Builder summary =
        RunSummary.builder(runId, startedAt, request.root(), request.from(), request.to())
            .firstOnOutput(!tables.anyRunSucceeded());
    try {
      RunDenials denials = classify(tables, archive, summary);
      // Between steps as well as in them: a job too short for the stop's cancelling to catch
      // does not carry the run on to its next table.
      stop.check();
      // Compares the run's denials with the events earlier runs left: before the merge.
      watchedDenials(tables, denials, summary);
      Dataset<Row> stored = merge(tables, denials, summary);
      stop.check();
      summaries(tables, stored, denials.dates(), runId, summary);
      stop.check();
      new ServiceActivity(session, settings).update(tables, denials.records(), read, summary);
      stop.check();
      List<SkippedPath> rejected = rejectedFiles(tables, read, runId, startedAt, summary);
      // After the events it stands for: a run stopped before this leaves its combinations to the
      // re-run, which records them as its own (new_denials is compared with itself, not events).
      newDenials(tables, denials, runId, startedAt, summary);
      stop.check();
      ArchivePlan plan = readCounts(read, rejected, summary);
      RunSummary finished = finish(tables, summary, outputRequests);
      stop.check();
      if (reading == Reading.NEW_FILES) {
        // Last but the run's row, once the tables hold the files' events: a run that stops
        // before this reads them again.
        tables.appendNew(
            ReportTables.PROCESSED_FILES,
            ProcessedFiles.rows(session, plan, rejected, runId, startedAt),
            ProcessedFiles.KEY);
      }
      tables.append(
          ReportTables.RUNS, RunsTable.row(session, finished, settings, "succeeded", null));
      return finished;
    } catch (Exception failure) {
      if (stop.requested()) {
        throw new Stopped(tables.begunWriting(), failure);
      }
      throw failure;
    } finally {
      tables.cleanUp(notices);
    }
  }

  /**
   * The run's records and its denials, each staged once, and the days the denials touch.
   *
   * @param records every record the run read (report/run_records.sql)
   */
  private record RunDenials(
      Dataset<Row> records,
      Dataset<Row> events,
      List<LocalDate> dates,
      long found,
      long byServiceLinkedRoles) {}

  /**
   * Classifies the archive's denials. The archive is read once, into the run's staging folder, and
   * every later step reads the staged files: split by their size, however many partitions the
   * scan's shuffle had.
   */
  private RunDenials classify(
      ReportTables tables, Dataset<Row> archive, RunSummary.Builder summary) {
    Dataset<Row> records =
        tables.staged(
            "run_records",
            query("report/run_records.sql", Map.of(ArchiveTables.CLOUDTRAIL, archive), Map.of()));
    // The records kept whole, with the archive's own columns, are what the denial query reads.
    Dataset<Row> keptWhole = records.filter(col("record").isNotNull()).select("record.*");
    Dataset<Row> events =
        tables.staged(
            "run_denials",
            query(
                "report/denial_events.sql",
                Map.of(ArchiveTables.CLOUDTRAIL, keptWhole),
                denialParameters(settings)));
    // One pass over the run's denials: the days they touch and how many there are.
    List<Row> perDay =
        events
            .groupBy(ReportTables.EVENT_DATE)
            .agg(count(lit(1)), count_if(col("is_service_linked_role")))
            .orderBy(ReportTables.EVENT_DATE)
            .collectAsList();
    RunDenials denials =
        new RunDenials(
            records,
            events,
            perDay.stream().map(row -> row.<LocalDate>getAs(0)).toList(),
            perDay.stream().mapToLong(row -> row.getLong(1)).sum(),
            perDay.stream().mapToLong(row -> row.getLong(2)).sum());
    summary.denials(denials.found(), denials.byServiceLinkedRoles(), denials.dates());
    return denials;
  }

  /** Appends the (principal, action, resource) combinations no earlier run denied. */
  private void newDenials(
      ReportTables tables,
      RunDenials denials,
      String runId,
      Instant startedAt,
      RunSummary.Builder summary) {
    // Combinations a run recorded without succeeding (stopped after new_denials, before its row)
    // are the re-run's to record as new, and to alert on.
    List<String> unsucceeded =
        tables.exists(ReportTables.NEW_DENIALS)
            ? runsNotSucceededIn(tables, tables.read(ReportTables.NEW_DENIALS), "first_seen_run_id")
            : List.of();
    boolean takenOver =
        !unsucceeded.isEmpty()
            && tables.removeWhere(
                ReportTables.NEW_DENIALS, col("first_seen_run_id").isin(unsucceeded.toArray()));
    long combinations =
        tables.appendNew(
            ReportTables.NEW_DENIALS,
            query(
                "report/new_denials.sql",
                Map.of("run_denials", denials.events()),
                Map.of("run_id", runId, "seen_at", startedAt)),
            "principal_arn",
            "denied_action",
            "denied_resource");
    summary
        .newDenialCombinations(combinations)
        .wrote(ReportTables.NEW_DENIALS, combinations > 0 || takenOver);
  }

  /**
   * The runs named in a column of these rows that have no {@code succeeded} row: one join, whose
   * answer is usually empty, however many nights {@code runs} holds.
   */
  private static List<String> runsNotSucceededIn(
      ReportTables tables, Dataset<Row> rows, String runColumn) {
    Dataset<Row> named =
        rows.select(col(runColumn).as("run_id")).where("run_id IS NOT NULL").distinct();
    if (tables.exists(ReportTables.RUNS)) {
      named =
          named.join(
              tables.read(ReportTables.RUNS).where("status = 'succeeded'").select("run_id"),
              new String[] {"run_id"},
              "left_anti");
    }
    return named.as(Encoders.STRING()).collectAsList();
  }

  /** Merges the run's denials into {@code denial_events}; returns the merged table. */
  private Dataset<Row> merge(ReportTables tables, RunDenials denials, RunSummary.Builder summary) {
    boolean existed = tables.exists(ReportTables.DENIAL_EVENTS);
    // A table from before principal_kind: its events get theirs from what they hold, first.
    boolean upgraded = tables.addEventColumn(PRINCIPAL_KIND, PRINCIPAL_KIND_OF_ROW);
    ReportTables.Merged merged =
        tables.mergeEvents(denials.events(), denials.found(), denials.dates());
    summary
        .denialsAdded(merged.inserted())
        .wrote(ReportTables.DENIAL_EVENTS, !existed || merged.changed() || upgraded);
    return tables.read(ReportTables.DENIAL_EVENTS);
  }

  /**
   * Recomputes the summaries of the days the run touched: hourly denials, the service-linked-role
   * metric and its alarm periods (noting those new to this run), and the blocked resources.
   */
  private void summaries(
      ReportTables tables,
      Dataset<Row> stored,
      List<LocalDate> dates,
      String runId,
      RunSummary.Builder summary) {
    Map<String, Object> days = Map.of("dates", dates.toArray(new LocalDate[0]));
    Map<String, Dataset<Row>> events = Map.of(ReportTables.DENIAL_EVENTS, stored);
    summary.wrote(
        ReportTables.DENIALS_HOURLY,
        tables.replaceDays(
            ReportTables.DENIALS_HOURLY, query("report/denials_hourly.sql", events, days), dates));
    Map<String, Dataset<Row>> metricEvents =
        Map.of(
            "slr_metric_events",
            stored
                .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()))
                .filter(FilterPatternColumns.toColumn(settings.slrFilter())));
    Map<String, Object> period = Map.of("period_seconds", settings.slrPeriod().getSeconds());
    summary.wrote(
        ReportTables.SLR_METRIC_HOURLY,
        tables.replaceDays(
            ReportTables.SLR_METRIC_HOURLY,
            query("report/slr_metric_hourly.sql", metricEvents, period),
            dates));
    alarms(tables, metricEvents, period, dates, runId, summary);
    summary.wrote(
        ReportTables.BLOCKED_RESOURCES,
        tables.replaceAll(
            ReportTables.BLOCKED_RESOURCES,
            query("report/blocked_resources.sql", events, Map.of())));
  }

  /**
   * Replaces the days' alarm periods and tells the new ones from those an earlier run raised: a
   * period keeps the run that raised it first, and one raised by a run that did not succeed (an
   * interrupted run, whose alert was never sent) is this run's to raise again.
   */
  private void alarms(
      ReportTables tables,
      Map<String, Dataset<Row>> metricEvents,
      Map<String, Object> period,
      List<LocalDate> dates,
      String runId,
      RunSummary.Builder summary) {
    Map<String, Object> alarm = new LinkedHashMap<>(period);
    alarm.put("threshold", settings.slrThreshold());
    alarm.put("run_id", runId);
    Map<String, Dataset<Row>> inputs = new LinkedHashMap<>(metricEvents);
    // Held on the driver: the table is about to be replaced for these days.
    inputs.put("known_alarms", knownAlarms(tables, dates));
    summary.wrote(
        ReportTables.SLR_ALARMS,
        tables.replaceDays(
            ReportTables.SLR_ALARMS, query("report/slr_alarms.sql", inputs, alarm), dates));
    if (dates.isEmpty()) {
      return;
    }
    Dataset<Row> alarmed = alarmsOf(tables, dates);
    summary.alarms(alarmed.count(), alarmPeriods(alarmed.filter(col(RAISED_BY).equalTo(runId))));
  }

  /** Appends the files the read rejected that {@code rejected_files} does not hold yet. */
  private List<SkippedPath> rejectedFiles(
      ReportTables tables,
      ArchiveRead read,
      String runId,
      Instant startedAt,
      RunSummary.Builder summary) {
    List<SkippedPath> rejected = read.rejectedFiles();
    List<Row> rows = new ArrayList<>();
    for (SkippedPath file : rejected) {
      rows.add(RowFactory.create(file.path(), file.reason(), runId, startedAt));
    }
    long added =
        tables.appendNew(
            ReportTables.REJECTED_FILES,
            session.createDataFrame(rows, OutputSchemas.REJECTED_FILES),
            "path",
            "reason");
    summary.wrote(ReportTables.REJECTED_FILES, added > 0);
    return rejected;
  }

  /** Adds what the read did to the summary; returns the files it planned. */
  private static ArchivePlan readCounts(
      ArchiveRead read, List<SkippedPath> rejected, RunSummary.Builder summary) {
    ArchivePlan plan = read.plan().orElseThrow();
    summary.read(
        (long) plan.files().size() - rejected.size(),
        plan.skipped().size(),
        rejected,
        read.recordsRead(),
        read.archiveRequests(),
        read.filesExcluded());
    return plan;
  }

  /** Registers the output tables and writes the human report; the summary as it finished. */
  private RunSummary finish(
      ReportTables tables, RunSummary.Builder summary, OutputRequests outputRequests) {
    OutputTables.register(session, settings.out());
    RunSummary built = summary.build(clock.instant());
    List<String> reportFiles =
        ReportPages.write(
            session,
            ReportPages.build(session, tables, built, settings),
            settings.out(),
            built.runId(),
            !built.tablesWritten().isEmpty());
    return summary
        .reportFiles(reportFiles)
        .outputRequests(outputRequests.sinceStart())
        .build(clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  /** Adds the denials the run added for the watched identities: how many, and the first. */
  private void watchedDenials(ReportTables tables, RunDenials denials, RunSummary.Builder summary) {
    if (settings.watchPatterns().isEmpty() || denials.dates().isEmpty()) {
      return;
    }
    Dataset<Row> added =
        tables.exists(ReportTables.DENIAL_EVENTS)
            ? denials
                .events()
                .join(
                    tables
                        .read(ReportTables.DENIAL_EVENTS)
                        .filter(col(ReportTables.EVENT_DATE).isin(denials.dates().toArray()))
                        .select("event_id"),
                    new String[] {"event_id"},
                    "left_anti")
            : denials.events();
    // Counted and sampled from one evaluation: the join above runs once.
    Dataset<Row> watched =
        tables.staged(
            "watched",
            query(
                "report/watched_denials.sql",
                Map.of("run_added_denials", added),
                Map.of("watch_patterns", settings.watchPatterns().toArray(new String[0]))));
    // The staged files are read in no particular order: the oldest first again, as the SQL sorts.
    List<WatchedDenial> examples =
        watched
            .orderBy(col("event_time"), col("event_id"))
            .limit(WATCHED_EXAMPLES)
            .collectAsList()
            .stream()
            .map(DenialReport::watchedDenial)
            .toList();
    summary.watched(examples, watched.count());
  }

  private static WatchedDenial watchedDenial(Row row) {
    return new WatchedDenial(
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
        row.getAs("denied_resource"));
  }

  /** The rows of {@code slr_alarms} for these days. */
  private static Dataset<Row> alarmsOf(ReportTables tables, List<LocalDate> dates) {
    return tables
        .read(ReportTables.SLR_ALARMS)
        .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()));
  }

  /**
   * The alarm periods of these days that earlier runs raised and recorded as a whole run, with the
   * run that raised each (none for periods from before that was recorded), collected so that they
   * outlive the table's rewrite.
   */
  private Dataset<Row> knownAlarms(ReportTables tables, List<LocalDate> dates) {
    if (dates.isEmpty() || !tables.exists(ReportTables.SLR_ALARMS)) {
      return session.createDataFrame(List.of(), KNOWN_ALARM_SCHEMA);
    }
    Dataset<Row> known =
        ReportTables.withColumnAddedSince(alarmsOf(tables, dates), RAISED_BY, DataTypes.StringType)
            .select(ALARM_KEY[0], ALARM_KEY[1], ALARM_KEY[2], RAISED_BY);
    // A period raised by a run with no succeeded row is not known: that run never sent its alert.
    // One job with the runs, since the periods are collected anyway.
    Column fromWholeRun = col(RAISED_BY).isNull();
    if (tables.exists(ReportTables.RUNS)) {
      known =
          known.join(
              tables
                  .read(ReportTables.RUNS)
                  .where("status = 'succeeded'")
                  .select(col("run_id").as(RAISED_BY), lit(true).as("succeeded"))
                  .distinct(),
              new String[] {RAISED_BY},
              "left");
      fromWholeRun = fromWholeRun.or(col("succeeded").isNotNull());
    }
    known = known.where(fromWholeRun).select(ALARM_KEY[0], ALARM_KEY[1], ALARM_KEY[2], RAISED_BY);
    return session.createDataFrame(known.collectAsList(), KNOWN_ALARM_SCHEMA);
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

  static Map<String, Object> denialParameters(ReportSettings settings) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("denial_fragments", settings.denialCodes().fragments().toArray(new String[0]));
    parameters.put("denial_codes", settings.denialCodes().codes().toArray(new String[0]));
    parameters.put("identity_patterns", settings.identityPatterns().toArray(new String[0]));
    parameters.put("event_sources", settings.eventSources().toArray(new String[0]));
    return parameters;
  }

  private Dataset<Row> query(String name, Map<String, Dataset<Row>> inputs, Map<String, ?> values) {
    return ReportQueries.run(session, name, inputs, values);
  }
}
