package dev.traildenials.report;

import static dev.traildenials.report.ReportFixtures.report;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on the messy sample archive: answers checked against counts made without it. */
@Tag("slow")
class DenialReportTest {

  private static final Instant FROM = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2024-03-03T00:00:00Z");

  @TempDir static Path temporary;
  static Path archive;
  static Path out;

  @BeforeAll
  static void reportOnce() throws Exception {
    archive = temporary.resolve("messy");
    out = temporary.resolve("tables");
    new SampleArchive(SampleSettings.demo().withMessy(true)).write(archive);
    report(archive, out, "2024-03-01", "2024-03-03");
  }

  private static Dataset<Row> table(String name) {
    return SharedSpark.session().read().format("delta").load(out.resolve(name).toString());
  }

  @Test
  void theEventsKeepFileStatisticsOnTheColumnsReadersFilterByAndTheSummariesNone()
      throws Exception {
    Map<String, Object> events = firstFileStatistics("denial_events");
    assertThat(events).containsKey("numRecords");
    @SuppressWarnings("unchecked")
    Map<String, Object> minimum = (Map<String, Object>) events.get("minValues");
    assertThat(minimum)
        .containsKeys("event_id", "event_time", "account_id", "region", "event_name", "error_code")
        .doesNotContainKeys("principal_arn", "user_agent", "request_parameters");
    Map<String, Object> summary = firstFileStatistics("slr_activity");
    assertThat(summary).containsKey("numRecords").doesNotContainKey("minValues");
  }

  /** The statistics the table's first commit keeps of its first data file. */
  private static Map<String, Object> firstFileStatistics(String table) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line :
        Files.readAllLines(out.resolve(table).resolve("_delta_log/00000000000000000000.json"))) {
      JsonNode action = json.readTree(line);
      if (action.has("add")) {
        return json.readValue(
            action.get("add").get("stats").asText(), new TypeReference<Map<String, Object>>() {});
      }
    }
    throw new AssertionError(table + " has no data file in its first commit");
  }

  @Test
  void denialEventsHoldWhatAwsTroubleshootingQueryFindsEachEventOnce() {
    Map<String, Integer> seed = ReportFixtures.seedDenials(archive, FROM, TO);
    List<String> ids = ReportFixtures.seedPredicateIds(out);

    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(seed.keySet());
    // The archive re-delivers a file: the raw files hold some events twice.
    assertThat(seed.values()).contains(2);
  }

  @Test
  void theMetricEqualsACountWithAwsMetricFilter() {
    Map<String, Long> expected = ReportFixtures.seedMetric(archive, FROM, TO);
    Map<String, Long> metric = new TreeMap<>();
    for (Row row : table("slr_metric_hourly").collectAsList()) {
      metric.put(
          row.getAs("hour") + "|" + row.getAs("account_id") + "|" + row.getAs("region"),
          row.getAs("value"));
    }
    assertThat(expected).isNotEmpty();
    assertThat(metric).isEqualTo(expected);

    // The alarm: every period whose Sum is at least 1, and no other.
    Map<String, Long> alarms = new HashMap<>();
    for (Row row : table("slr_alarms").collectAsList()) {
      assertThat((String) row.getAs("state")).isEqualTo("ALARM");
      alarms.put(
          row.getAs("period_start") + "|" + row.getAs("account_id") + "|" + row.getAs("region"),
          row.getAs("value"));
    }
    assertThat(alarms).isEqualTo(expected);
  }

  @Test
  void aSecondRunOfTheSameRangeChangesNoTable() {
    Map<String, List<String>> before = ReportFixtures.snapshot(out, "delta");
    Map<String, Long> versions = new HashMap<>();
    for (String name : before.keySet()) {
      versions.put(name, ReportFixtures.version(out, name));
    }
    long runs = table("runs").count();

    String printed = report(archive, out, "2024-03-01", "2024-03-03").err();

    assertThat(printed).contains("tables changed: none");
    assertThat(ReportFixtures.snapshot(out, "delta")).isEqualTo(before);
    for (String name : before.keySet()) {
      assertThat(ReportFixtures.version(out, name)).as(name).isEqualTo(versions.get(name));
    }
    assertThat(table("runs").count()).isEqualTo(runs + 1);
  }

  @Test
  void rejectedFilesAndRunsAreRecorded() {
    List<Row> rejected = table("rejected_files").collectAsList();
    assertThat(rejected).hasSize(8);
    assertThat(rejected)
        .extracting(row -> (String) row.getAs("reason"))
        .contains("empty file (0 bytes)", "Records is a JSON object, not an array");

    Row run = table("runs").orderBy(col("started_at")).first();
    assertThat((String) run.getAs("status")).isEqualTo("succeeded");
    assertThat((Long) run.getAs("files_rejected")).isEqualTo(8L);
    assertThat((Long) run.getAs("denials")).isEqualTo(table("denial_events").count());
  }

  @Test
  void serviceLinkedRolesAreTheirPathNotTheirName() {
    SparkSession session = SharedSpark.session();
    table("denial_events").createOrReplaceTempView("messy_denial_events");
    List<Row> roles =
        session
            .sql(
                "SELECT DISTINCT session_issuer_arn, is_service_linked_role, linked_service"
                    + " FROM messy_denial_events WHERE session_issuer_arn LIKE '%AWSServiceRoleFor%'"
                    + " ORDER BY session_issuer_arn")
            .collectAsList();
    assertThat(roles)
        .extracting(Row::toString)
        .contains(
            "[arn:aws:iam::111111111111:role/AWSServiceRoleForBackups,false,null]",
            "[arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/"
                + "AWSServiceRoleForConfig,true,config.amazonaws.com]");
    // The role named like a service-linked role never counts in the metric.
    assertThat(
            table("slr_alarms")
                .filter(
                    "array_contains(principals, 'arn:aws:iam::111111111111:role/AWSServiceRoleForBackups')")
                .count())
        .isZero();
  }

  @Test
  void theHumanReportIsWritten() throws Exception {
    // As read: the places where long values may wrap are not part of the text.
    String html = Files.readString(out.resolve("reports/latest.html")).replace("<wbr>", "");
    assertThat(html)
        .contains("Chart.js v4", "id=\"denials-per-hour\"", "animation: false")
        .contains("<th>Identity ARN</th>", "<th>Deny</th>", "<th>Policy type</th>")
        .doesNotContain("<script src", "<link ");
    // What needs attention first, then the chart, principals and resources, the raw list last.
    List<Integer> sections =
        List.of(
                "New denials",
                "Alarms",
                "Services that were blocked",
                "Denials per hour",
                "Top blocked resources",
                "Top principals",
                "Denied calls")
            .stream()
            .map(title -> html.indexOf("<h2>" + title + "</h2>"))
            .toList();
    assertThat(sections).doesNotContain(-1).isSorted();
    // An encoded authorization failure message is shown as how to decode it, not as its text.
    List<String> encoded =
        table("denial_events")
            .filter("error_message LIKE '%Encoded authorization failure message: %'")
            .selectExpr("substring_index(error_message, 'failure message: ', -1)")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(encoded).isNotEmpty();
    assertThat(encoded).allSatisfy(text -> assertThat(html).doesNotContain(text));
    assertThat(html).contains("decode it with aws sts decode-authorization-message");
    assertThat(html)
        .doesNotContain("<td>false</td>")
        .doesNotMatch("(?s).*\\d \\d\\d:\\d\\d:\\d\\d\\.\\d.*");
    String markdown = Files.readString(out.resolve("reports/latest.md"));
    assertThat(markdown)
        .contains(
            "| Time | Identity ARN | Action | Resource | Error | Deny | Policy type | Policy ARN |"
                + " Message | Event ID |")
        .contains("CorruptGzip00001.json.gz | corrupt gzip data");
  }
}
