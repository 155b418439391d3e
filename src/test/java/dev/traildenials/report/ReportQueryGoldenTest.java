package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.classify.DenialCodes;
import dev.traildenials.parse.DetailRule;
import dev.traildenials.query.AthenaDialect;
import dev.traildenials.query.AthenaFunctions;
import dev.traildenials.query.ResultWriter;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.WithCTE;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of {@code sql/report} pinned by a golden file: its columns with their types, then its
 * rows as CSV. Each runs over what the query before it in the report returns, on a two-day sample
 * archive, without writing a table. Regenerate with {@code -Dgolden.update=true} and review the
 * diff.
 */
class ReportQueryGoldenTest {

  private static final Path GOLDEN =
      TestArchives.projectDirectory().resolve("src/test/resources/golden/queries");
  private static final Instant FROM = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2024-03-03T00:00:00Z");

  @TempDir static Path temporary;
  static SparkSession session;
  static ReportSettings settings;
  static final Map<String, Dataset<Row>> outputs = new HashMap<>();
  static String archiveRoot;

  @BeforeAll
  static void runEveryQuery() throws IOException {
    session = SharedSpark.session();
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
    archiveRoot = "file:" + archive;
    settings = settings(temporary.resolve("out").toString());
    AthenaDialect.apply(session);
    AthenaFunctions.register(session);
    DenialFunctions.register(session, settings.redaction());
    Dataset<Row> cloudtrail =
        ArchiveRead.listedByScans(
                session,
                new CloudTrailReadOptions(
                    new ArchiveRequest(
                        archiveRoot,
                        FROM,
                        TO,
                        Set.of(),
                        Set.of(),
                        ArchiveRequest.DEFAULT_MAX_DELIVERY_DELAY,
                        ArchiveRequest.DEFAULT_FILE_TIME_MARGIN),
                    false,
                    4,
                    false))
            .loadDetailing(session, DetailRule.ERRORS_AND_IAM_NAME);

    // As the report job reads: one pass, then the denials from the records it kept whole.
    Dataset<Row> records = run("run_records", Map.of("cloudtrail", cloudtrail), Map.of());
    Dataset<Row> denials =
        run(
            "denial_events",
            Map.of("cloudtrail", records.filter("record IS NOT NULL").select("record.*")),
            DenialReport.denialParameters(settings));
    List<LocalDate> dates =
        denials.select(ReportTables.EVENT_DATE).distinct().collectAsList().stream()
            .map(row -> row.<LocalDate>getAs(0))
            .sorted()
            .toList();
    Map<String, Dataset<Row>> events = Map.of(ReportTables.DENIAL_EVENTS, denials);
    run(
        "new_denials",
        Map.of("run_denials", denials),
        Map.of("run_id", "golden-run", "seen_at", TO));
    run("denials_hourly", events, Map.of("dates", dates.toArray(new LocalDate[0])));
    Map<String, Dataset<Row>> metricEvents =
        Map.of(
            "slr_metric_events",
            denials.filter(FilterPatternColumns.toColumn(settings.slrFilter())));
    Map<String, Object> period = Map.of("period_seconds", settings.slrPeriod().getSeconds());
    run("slr_metric_hourly", metricEvents, period);
    Map<String, Object> alarm = new LinkedHashMap<>(period);
    alarm.put("threshold", settings.slrThreshold());
    alarm.put("run_id", "golden-run");
    Map<String, Dataset<Row>> alarmInputs = new LinkedHashMap<>(metricEvents);
    // One period an earlier run raised keeps that run; the others are this run's.
    alarmInputs.put(
        "known_alarms",
        ReportQueries.run(session, "report/slr_alarms.sql", withNoneKnown(metricEvents), alarm)
            .selectExpr("period_start", "account_id", "region", "'earlier-run' AS raised_by_run_id")
            .orderBy("period_start", "account_id", "region")
            .limit(1));
    run("slr_alarms", alarmInputs, alarm);
    run("blocked_resources", events, Map.of());
    run(
        "watched_denials",
        Map.of("run_added_denials", denials),
        Map.of("watch_patterns", new String[] {"^arn:aws:iam::[0-9]+:role/DataPipelineRole$"}));

    Dataset<Row> activity =
        run(
            "activity_by_file",
            Map.of("run_records", records),
            ServiceActivity.activityParameters(
                settings, new ServiceActivity.CoveredHours(FROM, TO), 3));
    Map<String, Dataset<Row>> activityInput = Map.of(ReportTables.ACTIVITY_BY_FILE, activity);
    run("slr_activity", activityInput, Map.of("resource_limit", 3));
    run("principal_activity", activityInput, Map.of());
    run(
        "service_linked_roles",
        Map.of(
            ReportTables.SLR_ACTIVITY,
            outputs.get("slr_activity"),
            "slr_lifecycle_calls",
            activity.filter("lifecycle_event_id IS NOT NULL")),
        Map.of("as_of", TO, "idle_days", 1));

    Map<String, Object> range = Map.of("from", FROM, "to", TO);
    Map<String, Object> rangeAndLimit = Map.of("from", FROM, "to", TO, "row_limit", 5);
    run("report_hourly", Map.of("denials_hourly", outputs.get("denials_hourly")), range);
    run("report_denied_calls", events, rangeAndLimit);
    Map<String, Object> rangeAndRun = new LinkedHashMap<>(range);
    rangeAndRun.put("run_id", "golden-run");
    run("report_alarms", Map.of("slr_alarms", outputs.get("slr_alarms")), rangeAndRun);
    run(
        "report_new_denials",
        Map.of("new_denials", outputs.get("new_denials")),
        Map.of("run_id", "golden-run", "row_limit", 5));
    run("report_top_resources", events, rangeAndLimit);
    run("report_top_principals", events, rangeAndLimit);
    run("report_blocked_services", events, rangeAndLimit);
    run(
        "report_slr_activity",
        Map.of(ReportTables.SLR_ACTIVITY, outputs.get("slr_activity")),
        rangeAndLimit);
    run(
        "report_service_linked_roles",
        Map.of(ReportTables.SERVICE_LINKED_ROLES, outputs.get("service_linked_roles")),
        Map.of("row_limit", 5));
  }

  @AfterAll
  static void release() {
    outputs.values().forEach(Dataset::unpersist);
  }

  /** The inputs of slr_alarms with no period known from an earlier run. */
  private static Map<String, Dataset<Row>> withNoneKnown(Map<String, Dataset<Row>> metricEvents) {
    Map<String, Dataset<Row>> inputs = new LinkedHashMap<>(metricEvents);
    inputs.put(
        "known_alarms",
        session
            .sql(
                "SELECT * FROM VALUES (TIMESTAMP'2000-01-01 00:00:00', 'a', 'r', 'x')"
                    + " AS known(period_start, account_id, region, raised_by_run_id)")
            .limit(0));
    return inputs;
  }

  private static Dataset<Row> run(
      String query, Map<String, Dataset<Row>> inputs, Map<String, ?> values) {
    Dataset<Row> result =
        ReportQueries.run(session, "report/" + query + ".sql", inputs, values).cache();
    outputs.put(query, result);
    return result;
  }

  private static ReportSettings settings(String out) throws IOException {
    Path codes = TestArchives.projectDirectory().resolve("conf/denial-codes.conf");
    try (Reader reader = Files.newBufferedReader(codes, StandardCharsets.UTF_8)) {
      return ReportSettings.defaults(out, DenialCodes.parse(reader, codes.toString()));
    }
  }

  @Test
  void everyPackagedQueryHasAGoldenFileAndMatchesIt() throws IOException {
    Set<String> packaged;
    try (Stream<Path> files = Files.list(TestArchives.projectDirectory().resolve("sql/report"))) {
      packaged =
          files
              .map(file -> file.getFileName().toString().replaceFirst("\\.sql$", ""))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(outputs.keySet()).as("every query of sql/report is run here").isEqualTo(packaged);
    List<String> mismatched = new ArrayList<>();
    for (String query : packaged) {
      String actual = rendered(outputs.get(query));
      Path golden = GOLDEN.resolve(query + ".txt");
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, actual);
      }
      assertThat(golden)
          .as("golden file of %s (regenerate with -Dgolden.update=true)", query)
          .exists();
      if (!actual.equals(Files.readString(golden))) {
        mismatched.add(query);
      }
    }
    assertThat(mismatched).as("queries whose answer differs from their golden file").isEmpty();
  }

  @Test
  void theFixtureGivesEveryQueryRows() {
    for (Map.Entry<String, Dataset<Row>> output : outputs.entrySet()) {
      assertThat(output.getValue().count()).as(output.getKey()).isPositive();
    }
  }

  @Test
  void aQueryGivenOtherTablesThanItReadsIsRefused() {
    assertThatThrownBy(
            () ->
                ReportQueries.run(
                    session,
                    "report/denials_hourly.sql",
                    Map.of("run_denials", outputs.get("denial_events")),
                    Map.of("dates", new LocalDate[0])))
        .hasMessage("report/denials_hourly.sql reads [denial_events] but was given [run_denials]");
    assertThat(
            ReportQueries.tablesRead(
                session,
                "WITH recent AS (SELECT * FROM a WHERE x IN (SELECT x FROM b))"
                    + " SELECT * FROM recent JOIN c USING (x)"))
        .containsExactlyInAnyOrder("a", "b", "c");
  }

  /** Whether a plan's rows come out of a sort (under projections, limits and aliases). */
  private static boolean sorted(LogicalPlan plan) {
    if (plan instanceof Sort) {
      return true;
    }
    boolean passesOrderOn =
        plan instanceof Project
            || plan instanceof GlobalLimit
            || plan instanceof LocalLimit
            || plan instanceof SubqueryAlias
            || plan instanceof WithCTE;
    return passesOrderOn && sorted(plan.children().last());
  }

  /** The columns with their types, then the rows as CSV in a fixed order. */
  private static String rendered(Dataset<Row> result) throws IOException {
    Path csv = temporary.resolve("rendered.csv");
    long rows = ResultWriter.writeCsv(result, csv);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
    assertThat((long) body.size())
        .as("one line per row (no value holds a newline)")
        .isEqualTo(rows);
    // A query's own order is part of its answer; without one, the rows are sorted here.
    if (!sorted(result.queryExecution().analyzed())) {
      body.sort(null);
    }
    StringBuilder text = new StringBuilder();
    text.append("-- columns: ").append(result.schema().toDDL()).append('\n');
    text.append(lines.get(0)).append('\n');
    body.forEach(line -> text.append(line).append('\n'));
    // The archive's folder differs from run to run; its layout below does not.
    return text.toString().replace(archiveRoot, "<archive>");
  }
}
