package dev.traildenials.report;

import static dev.traildenials.report.ReportFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What services did on the account's behalf: slr_activity, principal_activity and
 * service_linked_roles, each against its own count of the raw files with Jackson, on the sample
 * archive (its service-linked-role story included) and on the real logs.
 */
@Tag("slow")
class ServiceActivityTest {

  private static final Pattern SERVICE_ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d+:role/aws-service-role/([^/]+)/.+");

  @TempDir static Path temporary;
  static Path archive;
  static Path out;

  @BeforeAll
  static void reportTheWholeSample() throws Exception {
    archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
    out = temporary.resolve("tables");
    report(archive, out, null, null);
  }

  @Test
  void slrActivityCountsEveryCallOfEveryServiceLinkedRole() {
    assertSlrActivity(archive, out);
  }

  @Test
  void principalActivityIsEveryPrincipalsLastUseOfEachService() {
    assertPrincipalActivity(archive, out);
  }

  @Test
  void serviceLinkedRolesTellEachRolesStoryAndItsReadiness() {
    Map<String, Row> roles = new TreeMap<>();
    for (Row row : table(out, ReportTables.SERVICE_LINKED_ROLES).collectAsList()) {
      roles.put(row.<String>getAs("account_id") + "|" + row.<String>getAs("role_name"), row);
    }
    String account = TestArchives.smallFixture(2).accounts().get(0);
    Row beanstalk = roles.get(account + "|AWSServiceRoleForElasticBeanstalk");
    assertThat(beanstalk.<String>getAs("created_by")).isEqualTo(aliceOf(account));
    assertThat(beanstalk.<String>getAs("created_through_service")).isNull();
    assertThat(beanstalk.<String>getAs("aws_service_name"))
        .isEqualTo("elasticbeanstalk.amazonaws.com");
    assertThat(beanstalk.<String>getAs("last_deletion_status")).isEqualTo("SUCCEEDED");
    assertThat(beanstalk.<String>getAs("deletion_readiness")).isEqualTo("deleted");
    assertThat(list(beanstalk, "deletion_requests")).hasSize(1);

    Row inspector = roles.get(account + "|AWSServiceRoleForAmazonInspector2");
    assertThat(inspector.<String>getAs("created_through_service"))
        .isEqualTo("inspector2.amazonaws.com");
    assertThat(inspector.<String>getAs("role_arn"))
        .isEqualTo(
            "arn:aws:iam::"
                + account
                + ":role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2");
    assertThat(inspector.<Long>getAs("calls_succeeded")).isEqualTo(4L);
    assertThat(list(inspector, "services_called"))
        .containsExactly("ec2.amazonaws.com", "kms.amazonaws.com");
    assertThat(inspector.<String>getAs("deletion_readiness")).isEqualTo("in use");

    Row macie = roles.get(account + "|AWSServiceRoleForAmazonMacie");
    assertThat(macie.<String>getAs("deletion_readiness")).isEqualTo("deletion failed");
    assertThat(macie.<String>getAs("deletion_failure_reason")).contains("still enabled");
    assertThat(list(macie, "resources_using_role"))
        .singleElement()
        .asString()
        .startsWith("arn:aws:macie2:");

    Row support = roles.get(account + "|AWSServiceRoleForSupport");
    assertThat(support.<Integer>getAs("days_idle")).isGreaterThanOrEqualTo(90);
    assertThat(support.<String>getAs("deletion_readiness")).isEqualTo("idle");

    // Every service-linked role that made a call: its calls as counted from the raw records.
    Map<String, Long> succeeded = new TreeMap<>();
    Map<String, Long> denied = new TreeMap<>();
    for (JsonNode record : ReportFixtures.readableRecords(archive)) {
      String issuer =
          TestArchives.text(record, "userIdentity", "sessionContext", "sessionIssuer", "arn");
      if (issuer == null
          || !SERVICE_ROLE.matcher(issuer).matches()
          || TestArchives.text(record, "eventTime") == null) {
        continue;
      }
      String key = account(record) + "|" + issuer.substring(issuer.lastIndexOf('/') + 1);
      String outcome = outcome(record);
      succeeded.merge(key, outcome.equals("succeeded") ? 1L : 0L, Long::sum);
      denied.merge(key, outcome.equals("denied") ? 1L : 0L, Long::sum);
    }
    assertThat(succeeded).isNotEmpty();
    succeeded.forEach(
        (key, calls) -> {
          assertThat(roles).containsKey(key);
          assertThat(roles.get(key).<Long>getAs("calls_succeeded")).as(key).isEqualTo(calls);
          assertThat(roles.get(key).<Long>getAs("calls_denied")).as(key).isEqualTo(denied.get(key));
        });
  }

  @Test
  void aSecondRunChangesNoneOfTheTables() {
    Map<String, Long> before = versions(out);
    report(archive, out, null, null);
    assertThat(versions(out)).isEqualTo(before);
  }

  @Test
  void anHourARangeCutsIsLeftToTheRunThatReadsItWhole() {
    Path cut = temporary.resolve("cut");
    report(archive, cut, "2024-03-01T10:30:00Z", "2024-03-02", "--format", "parquet");
    report(archive, cut, "2024-03-01", "2024-03-01T10:30:00Z", "--format", "parquet");
    Dataset<Row> hours =
        SharedSpark.session()
            .read()
            .parquet(cut.resolve(ReportTables.ACTIVITY_BY_FILE).toString())
            .select("event_hour")
            .distinct();
    assertThat(hours.filter("hour(event_hour) = 10").count()).isZero();
    assertThat(hours.count()).isEqualTo(23);
    // The whole day read once more: its counts equal those of the run over the whole archive.
    report(archive, cut, "2024-03-01", "2024-03-02", "--format", "parquet");
    for (String table : List.of(ReportTables.ACTIVITY_BY_FILE, ReportTables.SLR_ACTIVITY)) {
      assertThat(
              ReportFixtures.sortedLines(
                  SharedSpark.session()
                      .read()
                      .parquet(cut.resolve(table).toString())
                      .filter("event_date = DATE'2024-03-01'")))
          .as(table)
          .isEqualTo(
              ReportFixtures.sortedLines(
                  table(out, table).filter("event_date = DATE'2024-03-01'")));
    }
  }

  private static Map<String, Long> versions(Path tables) {
    Map<String, Long> versions = new TreeMap<>();
    for (String name :
        List.of(
            ReportTables.ACTIVITY_BY_FILE,
            ReportTables.SLR_ACTIVITY,
            ReportTables.PRINCIPAL_ACTIVITY,
            ReportTables.SERVICE_LINKED_ROLES)) {
      versions.put(name, ReportFixtures.version(tables, name));
    }
    return versions;
  }

  /** slr_activity under {@code tables} equals its count over the raw files of the archive. */
  static void assertSlrActivity(Path rawArchive, Path tables) {
    Map<String, Long> expected =
        count(
            rawArchive,
            record -> {
              String issuer =
                  TestArchives.text(
                      record, "userIdentity", "sessionContext", "sessionIssuer", "arn");
              if (issuer == null || !SERVICE_ROLE.matcher(issuer).matches()) {
                return null;
              }
              return String.join(
                  "|",
                  TestArchives.text(record, "eventTime").substring(0, 10),
                  account(record),
                  TestArchives.text(record, "awsRegion"),
                  issuer,
                  TestArchives.text(record, "eventSource"),
                  TestArchives.text(record, "eventName"),
                  outcome(record));
            });
    Map<String, Long> actual = new TreeMap<>();
    for (Row row : table(tables, ReportTables.SLR_ACTIVITY).collectAsList()) {
      actual.put(
          String.join(
              "|",
              row.getAs("event_date").toString(),
              row.getAs("account_id"),
              row.getAs("region"),
              row.getAs("role_arn"),
              row.getAs("event_source"),
              row.getAs("event_name"),
              row.getAs("outcome")),
          row.getAs("calls"));
    }
    assertThat(actual).isEqualTo(expected);
  }

  /** principal_activity under {@code tables}: calls and last success, as the raw files say. */
  static void assertPrincipalActivity(Path rawArchive, Path tables) {
    Map<String, Long> expected =
        count(
            rawArchive,
            record ->
                String.join(
                    "|",
                    account(record),
                    String.valueOf(principal(record)),
                    TestArchives.text(record, "eventSource"),
                    outcome(record)));
    Map<String, Instant> lastSucceeded = new TreeMap<>();
    for (JsonNode record : ReportFixtures.readableRecords(rawArchive)) {
      String time = TestArchives.text(record, "eventTime");
      if (time != null && outcome(record).equals("succeeded")) {
        lastSucceeded.merge(
            String.join(
                "|",
                account(record),
                String.valueOf(principal(record)),
                TestArchives.text(record, "eventSource")),
            Instant.parse(time).truncatedTo(ChronoUnit.MILLIS),
            (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    Map<String, Long> actual = new TreeMap<>();
    Map<String, Instant> actualLast = new TreeMap<>();
    for (Row row : table(tables, ReportTables.PRINCIPAL_ACTIVITY).collectAsList()) {
      String key =
          String.join(
              "|",
              row.getAs("account_id"),
              String.valueOf(row.<String>getAs("principal_arn")),
              row.getAs("event_source"));
      for (String outcome : List.of("succeeded", "denied", "failed")) {
        long calls = row.<Long>getAs("calls_" + outcome);
        if (calls > 0) {
          actual.put(key + "|" + outcome, calls);
        }
      }
      Object last = row.getAs("last_succeeded");
      if (last != null) {
        actualLast.put(
            key, last instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) last);
      }
      assertThat(row.<String>getAs("access"))
          .isEqualTo(
              row.<Long>getAs("calls_succeeded") > 0
                  ? "used"
                  : row.<Long>getAs("calls_denied") > 0 ? "attempted but denied" : "failed only");
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actualLast).isEqualTo(lastSucceeded);
  }

  /** Records with an event time, counted by the key the function gives (null: not counted). */
  private static Map<String, Long> count(Path rawArchive, Function<JsonNode, String> key) {
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode record : ReportFixtures.readableRecords(rawArchive)) {
      if (TestArchives.text(record, "eventTime") == null) {
        continue;
      }
      String value = key.apply(record);
      if (value != null) {
        counts.merge(value, 1L, Long::sum);
      }
    }
    return counts;
  }

  private static String account(JsonNode record) {
    String recipient = TestArchives.text(record, "recipientAccountId");
    return recipient != null ? recipient : TestArchives.text(record, "userIdentity", "accountId");
  }

  /** The principal as the seed's readers name it: a role session's role, else who called. */
  private static String principal(JsonNode record) {
    String issuer =
        TestArchives.text(record, "userIdentity", "sessionContext", "sessionIssuer", "arn");
    if ("AssumedRole".equals(TestArchives.text(record, "userIdentity", "type")) && issuer != null) {
      return issuer;
    }
    String arn = TestArchives.text(record, "userIdentity", "arn");
    if (arn != null) {
      return arn;
    }
    String invokedBy = TestArchives.text(record, "userIdentity", "invokedBy");
    return invokedBy != null ? invokedBy : TestArchives.text(record, "userIdentity", "principalId");
  }

  /** conf/denial-codes.conf read by hand: what counts as a denial. */
  private static String outcome(JsonNode record) {
    String code = TestArchives.text(record, "errorCode");
    if (code == null) {
      return "succeeded";
    }
    String lower = code.toLowerCase(Locale.ROOT);
    boolean denied =
        lower.contains("accessdenied")
            || lower.contains("unauthorized")
            || List.of("AuthFailure", "Client.AuthFailure", "AuthorizationError").contains(code);
    return denied ? "denied" : "failed";
  }

  private static List<Object> list(Row row, String column) {
    return row.getList(row.fieldIndex(column));
  }

  private static String aliceOf(String account) {
    return "arn:aws:iam::" + account + ":user/alice";
  }

  static Dataset<Row> table(Path tables, String name) {
    return SharedSpark.session().read().format("delta").load(tables.resolve(name).toString());
  }
}
