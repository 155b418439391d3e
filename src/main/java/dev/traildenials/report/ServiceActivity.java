package dev.traildenials.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.LogFile;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.store.ReportTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What AWS services, and every other principal, did: the run's records counted into {@code
 * activity_by_file} for the files and hours it read, then {@code slr_activity} for the days that
 * changed, and {@code principal_activity} and {@code service_linked_roles} over all of it.
 */
final class ServiceActivity {

  /** Distinct resource ARNs a row of activity_by_file keeps. */
  static final int FILE_RESOURCE_LIMIT = 100;

  /** Distinct resource ARNs a row of slr_activity lists. */
  static final int DAY_RESOURCE_LIMIT = 20;

  private static final Instant FIRST_HOUR = Instant.EPOCH;
  private static final Instant LAST_HOUR = Instant.parse("9999-12-31T00:00:00Z");

  private final SparkSession session;
  private final ReportSettings settings;

  ServiceActivity(SparkSession session, ReportSettings settings) {
    this.session = session;
    this.settings = settings;
  }

  /**
   * The hours a run reads completely: all of them when it reads whole files; else the whole hours
   * of its range, so that a range that starts or ends inside an hour leaves that hour's counts to
   * the runs that read all of it.
   */
  record CoveredHours(Instant from, Instant to) {
    static CoveredHours of(ArchiveRead read) {
      ArchiveRequest request = read.options().request();
      if (read.options().wholeFiles()) {
        return new CoveredHours(FIRST_HOUR, LAST_HOUR);
      }
      Instant from = request.from() == null ? FIRST_HOUR : request.from();
      Instant hour = from.truncatedTo(ChronoUnit.HOURS);
      return new CoveredHours(
          hour.equals(from) ? hour : hour.plus(1, ChronoUnit.HOURS),
          request.to() == null ? LAST_HOUR : request.to());
    }

    Column contains(Column eventHour) {
      return eventHour
          .geq(Timestamp.from(from))
          .and(eventHour.plus(expr("INTERVAL 1 HOUR")).leq(Timestamp.from(to)));
    }
  }

  /** The values of activity_by_file.sql's markers. */
  static Map<String, Object> activityParameters(
      ReportSettings settings, CoveredHours covered, int resourceLimit) {
    Map<String, Object> denials = DenialReport.denialParameters(settings);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("denial_fragments", denials.get("denial_fragments"));
    parameters.put("denial_codes", denials.get("denial_codes"));
    parameters.put("covered_from", covered.from());
    parameters.put("covered_to", covered.to());
    parameters.put("resource_limit", resourceLimit);
    return parameters;
  }

  /** Updates the four tables from the run's records; says in the summary which it wrote. */
  void update(
      ReportTables tables, Dataset<Row> runRecords, ArchiveRead read, RunSummary.Builder summary) {
    CoveredHours covered = CoveredHours.of(read);
    Dataset<Row> runActivity =
        query(
            "report/activity_by_file.sql",
            Map.of("run_records", runRecords),
            activityParameters(settings, covered, FILE_RESOURCE_LIMIT));
    // The days the run's counts touch: those of the records in the hours it covers.
    List<LocalDate> dates =
        runRecords
            .filter(covered.contains(col("event_hour")))
            .select(to_date(col("event_hour")).as(ReportTables.EVENT_DATE))
            .distinct()
            .orderBy(ReportTables.EVENT_DATE)
            .as(Encoders.LOCALDATE())
            .collectAsList();
    boolean existed = tables.exists(ReportTables.ACTIVITY_BY_FILE);
    if (!existed) {
      // A first run writes the counts straight away and the tables made from them after: a run
      // stopped in between finds those tables missing and writes them.
      tables.rewriteDays(ReportTables.ACTIVITY_BY_FILE, runActivity, dates);
    }
    Dataset<Row> days =
        existed
            ? tables.staged("activity", withRunRows(tables, runActivity, read, covered, dates))
            : tables.read(ReportTables.ACTIVITY_BY_FILE);
    boolean changes = !existed || !tables.holdsDays(ReportTables.ACTIVITY_BY_FILE, days, dates);
    if (!changes
        && tables.exists(ReportTables.SLR_ACTIVITY)
        && tables.exists(ReportTables.PRINCIPAL_ACTIVITY)
        && tables.exists(ReportTables.SERVICE_LINKED_ROLES)) {
      return;
    }
    // The tables made from the counts first, from the counts as they are to be, and the counts
    // last: a run stopped in between leaves the counts as they were, so its re-run writes all.
    Column inDates = col(ReportTables.EVENT_DATE).isin(dates.toArray());
    Dataset<Row> activity =
        existed
            ? tables.read(ReportTables.ACTIVITY_BY_FILE).filter(not(inDates)).unionByName(days)
            : days;
    tables.rewriteDays(
        ReportTables.SLR_ACTIVITY,
        query(
            "report/slr_activity.sql",
            Map.of(ReportTables.ACTIVITY_BY_FILE, days),
            Map.of("resource_limit", DAY_RESOURCE_LIMIT)),
        dates);
    // Over the whole archive's activity: last use spans every run.
    tables.rewriteAll(
        ReportTables.PRINCIPAL_ACTIVITY,
        query(
            "report/principal_activity.sql",
            Map.of(ReportTables.ACTIVITY_BY_FILE, activity),
            Map.of()));
    tables.rewriteAll(
        ReportTables.SERVICE_LINKED_ROLES,
        query(
            "report/service_linked_roles.sql",
            Map.of(
                ReportTables.SLR_ACTIVITY,
                tables.read(ReportTables.SLR_ACTIVITY),
                "slr_lifecycle_calls",
                activity.filter(col("lifecycle_event_id").isNotNull())),
            Map.of("as_of", newestRecord(activity), "idle_days", settings.idleDays())));
    if (existed) {
      tables.rewriteDays(ReportTables.ACTIVITY_BY_FILE, days, dates);
    }
    summary
        .wrote(ReportTables.ACTIVITY_BY_FILE, changes)
        .wrote(ReportTables.SLR_ACTIVITY, true)
        .wrote(ReportTables.PRINCIPAL_ACTIVITY, true)
        .wrote(ReportTables.SERVICE_LINKED_ROLES, true);
  }

  /**
   * The days' rows as they are to be: what the table holds for them, less the rows of the files the
   * run read in the hours it covered, plus the run's own rows.
   */
  private Dataset<Row> withRunRows(
      ReportTables tables,
      Dataset<Row> runActivity,
      ArchiveRead read,
      CoveredHours covered,
      List<LocalDate> dates) {
    List<String> paths =
        read.plan().orElseThrow().files().stream().map(LogFile::path).distinct().toList();
    Dataset<Row> runFiles = session.createDataset(paths, Encoders.STRING()).toDF("source_file");
    Dataset<Row> held =
        tables
            .read(ReportTables.ACTIVITY_BY_FILE)
            .filter(col(ReportTables.EVENT_DATE).isin(dates.toArray()));
    Column inCovered = covered.contains(col("event_hour"));
    Dataset<Row> kept =
        held.filter(not(inCovered))
            .unionByName(
                held.filter(inCovered)
                    .join(broadcast(runFiles), new String[] {"source_file"}, "left_anti"));
    return kept.unionByName(runActivity);
  }

  /** The newest record time the activity holds; the epoch when it holds none. */
  private static Instant newestRecord(Dataset<Row> activity) {
    Object newest = activity.agg(max("last_time")).first().get(0);
    if (newest instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    return newest == null ? Instant.EPOCH : (Instant) newest;
  }

  private Dataset<Row> query(String name, Map<String, Dataset<Row>> inputs, Map<String, ?> values) {
    return ReportQueries.run(session, name, inputs, values);
  }
}
