package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;

import dev.traildenials.archive.SkippedPath;
import dev.traildenials.render.HourlyCount;
import dev.traildenials.render.HtmlReport;
import dev.traildenials.render.MarkdownReport;
import dev.traildenials.render.ReportPage;
import dev.traildenials.render.ReportPage.Fact;
import dev.traildenials.render.ReportTable;
import dev.traildenials.store.OutputFiles;
import dev.traildenials.store.ReportTables;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Builds a run's human report from the tables and writes it beside them. */
final class ReportPages {

  /** Rows in each section of what needs attention, unless --report-rows is smaller. */
  private static final int ATTENTION_ROWS = 20;

  /** Stands for an open end of the range in the report's queries. */
  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

  private ReportPages() {}

  static ReportPage build(
      SparkSession session, ReportTables stored, RunSummary run, ReportSettings settings) {
    Dataset<Row> events = stored.read(ReportTables.DENIAL_EVENTS);
    Map<String, Dataset<Row>> denialEvents = Map.of(ReportTables.DENIAL_EVENTS, events);
    Instant from = run.from() == null ? Instant.EPOCH : run.from();
    Instant to = run.to() == null ? END_OF_TIME : run.to();
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("from", from);
    range.put("to", to);
    Map<String, Object> rangeAndLimit = new LinkedHashMap<>(range);
    rangeAndLimit.put("row_limit", settings.reportRows());

    List<HourlyCount> hourly = new ArrayList<>();
    for (Row row :
        ReportQueries.run(
                session,
                "report/report_hourly.sql",
                Map.of(ReportTables.DENIALS_HOURLY, stored.read(ReportTables.DENIALS_HOURLY)),
                range)
            .collectAsList()) {
      hourly.add(new HourlyCount(row.getAs("hour"), row.getLong(1), row.getLong(2)));
    }
    long deniedCalls =
        events
            .filter(
                col("event_time")
                    .geq(from)
                    .and(col("event_time").lt(to))
                    .and(col("event_type").equalTo("AwsApiCall")))
            .count();

    // What needs attention first (what is new, alarms, blocked services), then principals and
    // resources, the raw list last.
    List<ReportTable> attention = new ArrayList<>();
    List<ReportTable> details = new ArrayList<>();
    Map<String, Object> rangeAndRun = new LinkedHashMap<>(range);
    rangeAndRun.put("run_id", run.runId());
    // The sections a person reads first stay short; the tables have every row.
    int attentionRows = attentionRows(settings.reportRows());
    Map<String, Object> runAndLimit = new LinkedHashMap<>();
    runAndLimit.put("run_id", run.runId());
    runAndLimit.put("row_limit", attentionRows);
    Map<String, Object> rangeAndAttentionLimit = new LinkedHashMap<>(range);
    rangeAndAttentionLimit.put("row_limit", attentionRows);
    attention.add(
        table(
                "New denials",
                run.newDenialCombinations()
                    + " (principal, action, resource) combinations denied for the first time by this"
                    + " run"
                    + (run.newDenialCombinations() > attentionRows
                        ? "; the first " + attentionRows + " are shown, new_denials has all."
                        : "."),
                ReportQueries.run(
                    session,
                    "report/report_new_denials.sql",
                    Map.of(ReportTables.NEW_DENIALS, stored.read(ReportTables.NEW_DENIALS)),
                    runAndLimit))
            .withQuery(
                reproduce(
                    settings,
                    "SELECT * FROM new_denials WHERE first_seen_run_id = '"
                        + run.runId()
                        + "' ORDER BY denials DESC")));
    attention.add(
        table(
                "Alarms",
                "Periods in which the service-linked-role alarm (metric filter "
                    + settings.slrFilter().text()
                    + ", Sum over "
                    + settings.slrPeriod()
                    + " >= "
                    + settings.slrThreshold()
                    + ") was in ALARM, per account and region; New: raised first by this run"
                    + " (slr_alarms has each period).",
                ReportQueries.run(
                    session,
                    "report/report_alarms.sql",
                    Map.of(
                        ReportTables.SLR_ALARMS,
                        ReportTables.withColumnAddedSince(
                            stored.read(ReportTables.SLR_ALARMS),
                            "raised_by_run_id",
                            DataTypes.StringType)),
                    rangeAndRun))
            .withQuery(
                reproduce(
                    settings,
                    "SELECT * FROM slr_alarms"
                        + where(inRange(run, "period_end >", "period_start <"))
                        + " ORDER BY period_start")));
    attention.add(
        table(
                "Services that were blocked",
                "AWS services denied as service-linked roles or as their own service principals,"
                    + " and what they could not reach.",
                ReportQueries.run(
                    session,
                    "report/report_blocked_services.sql",
                    denialEvents,
                    rangeAndAttentionLimit))
            .withQuery(
                reproduce(
                    settings,
                    "SELECT * FROM denial_events"
                        + where(
                            "principal_kind IN ('service-linked role', 'service principal')",
                            inRange(run, "event_time >=", "event_time <"))
                        + " ORDER BY event_time")));
    details.add(
        table(
            "Top blocked resources",
            "What principals could not reach, service-linked roles first.",
            ReportQueries.run(
                session, "report/report_top_resources.sql", denialEvents, rangeAndLimit)));
    details.add(
        table(
            "Top principals",
            "Who was denied most.",
            ReportQueries.run(
                session, "report/report_top_principals.sql", denialEvents, rangeAndLimit)));
    details.add(
        table(
            "What services did on your behalf",
            "Calls made through service-linked roles on the range's days; denied ones beside"
                + " those that went through (slr_activity).",
            ReportQueries.run(
                session,
                "report/report_slr_activity.sql",
                Map.of(ReportTables.SLR_ACTIVITY, stored.read(ReportTables.SLR_ACTIVITY)),
                rangeAndLimit)));
    details.add(
        table(
            "Service-linked roles",
            "Every service-linked role the archive shows and how ready it is to be deleted"
                + " (service_linked_roles; idle after "
                + settings.idleDays()
                + " days without a call).",
            ReportQueries.run(
                session,
                "report/report_service_linked_roles.sql",
                Map.of(
                    ReportTables.SERVICE_LINKED_ROLES,
                    stored.read(ReportTables.SERVICE_LINKED_ROLES)),
                Map.of("row_limit", settings.reportRows()))));
    details.add(
        table(
            "Denied calls",
            deniedCalls
                + " API calls denied in the range"
                + (deniedCalls > settings.reportRows()
                    ? "; the newest " + settings.reportRows() + " are shown, denial_events has all"
                    : "")
                + ".",
            ReportQueries.run(
                session, "report/report_denied_calls.sql", denialEvents, rangeAndLimit)));
    List<List<String>> rejected = new ArrayList<>();
    for (SkippedPath file : run.rejectedFiles()) {
      rejected.add(List.of(file.path(), file.reason()));
    }
    details.add(
        new ReportTable(
            "Rejected log files",
            "Files that could not be read; every other file was.",
            List.of("Path", "Reason"),
            rejected));

    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Run", run.runId()));
    facts.add(new Fact("Archive", run.archive()));
    facts.add(
        new Fact(
            "Range (UTC)",
            (run.from() == null ? "the beginning" : run.from().toString())
                + " to "
                + (run.to() == null ? "the end" : run.to().toString())));
    facts.add(
        new Fact(
            "Read",
            run.filesRead()
                + " log files, "
                + run.recordsRead()
                + " records; "
                + run.rejectedFiles().size()
                + " files rejected"));
    facts.add(
        new Fact(
            "Denials",
            run.denialsFound()
                + " in the range ("
                + run.serviceLinkedRoleDenials()
                + " by service-linked roles), "
                + run.denialsAdded()
                + " new to denial_events"));
    facts.add(new Fact("Alarm periods", Long.toString(run.alarms())));
    facts.add(new Fact("Started", run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString()));
    facts.add(new Fact("Finished", run.finishedAt().truncatedTo(ChronoUnit.SECONDS).toString()));
    return new ReportPage("Access denials: " + rangeTitle(run), facts, attention, hourly, details);
  }

  /**
   * Writes report.md and report.html for the run, and copies them to latest.md/latest.html unless
   * the run changed no table and a latest page exists: a no-op re-run would replace the findings
   * people look for with a page of zeros.
   */
  static List<String> write(
      SparkSession session, ReportPage page, String out, String runId, boolean changedTables) {
    String markdown = MarkdownReport.render(page);
    String html = HtmlReport.render(page);
    String reports = (out.endsWith("/") ? out : out + "/") + "reports/";
    var hadoop = session.sparkContext().hadoopConfiguration();
    List<String> written = new ArrayList<>(List.of(runId + "/report.md", runId + "/report.html"));
    if (changedTables || !OutputFiles.exists(hadoop, reports + "latest.html")) {
      written.addAll(List.of("latest.md", "latest.html"));
    }
    List<String> files = new ArrayList<>();
    for (String file : written) {
      OutputFiles.write(hadoop, reports + file, file.endsWith(".md") ? markdown : html);
      files.add(reports + file);
    }
    return files;
  }

  private static String rangeTitle(RunSummary run) {
    if (run.from() == null && run.to() == null) {
      return "the whole archive";
    }
    return (run.from() == null ? "…" : run.from().toString())
        + " – "
        + (run.to() == null ? "…" : run.to().toString());
  }

  /** The command that shows every row a section stands for, from the tables of this output. */
  private static String reproduce(ReportSettings settings, String sql) {
    String out = settings.out();
    // A local output as the path a person types.
    String tables = out.startsWith("file:") ? java.net.URI.create(out).getPath() : out;
    return "jobs/trail-denials query --tables " + tables + " -e \"" + sql + "\"";
  }

  /** The run's range as conditions on a start and an end column ({@code "period_end >"}). */
  private static List<String> inRange(RunSummary run, String startsBefore, String endsAfter) {
    List<String> conditions = new ArrayList<>();
    if (run.from() != null) {
      conditions.add(startsBefore + " " + timestamp(run.from()));
    }
    if (run.to() != null) {
      conditions.add(endsAfter + " " + timestamp(run.to()));
    }
    return conditions;
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static String where(String condition, List<String> more) {
    List<String> conditions = new ArrayList<>(List.of(condition));
    conditions.addAll(more);
    return where(conditions);
  }

  private static String timestamp(Instant instant) {
    return "TIMESTAMP '"
        + instant.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ')
        + "'";
  }

  /** Rows in each section of what needs attention, at the top of the page. */
  static int attentionRows(int reportRows) {
    return Math.min(ATTENTION_ROWS, reportRows);
  }

  private static ReportTable table(String title, String note, Dataset<Row> rows) {
    StructField[] fields = rows.schema().fields();
    List<String> columns = Arrays.stream(fields).map(StructField::name).toList();
    List<List<String>> cells = new ArrayList<>();
    for (Row row : rows.collectAsList()) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        line.add(text(row, i, fields[i]));
      }
      cells.add(line);
    }
    return new ReportTable(title, note, columns, cells);
  }

  private static String text(Row row, int index, StructField field) {
    if (row.isNullAt(index)) {
      return null;
    }
    if (field.dataType() instanceof ArrayType) {
      return row.getList(index).stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    // One format on the page for every time, the facts' own: 2024-03-01T06:40:00Z.
    if (row.get(index) instanceof Timestamp time) {
      return time.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
    if (row.get(index) instanceof Instant time) {
      return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    return String.valueOf(row.get(index));
  }
}
