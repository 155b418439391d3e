package dev.traildenials.query;

import static dev.traildenials.testing.TestArchives.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.TestArchives;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's troubleshooting query for denied calls (Athena) over real CloudTrail logs gives what the
 * same article's jq command gives on the same files. The expected rows come from Jackson's tree
 * model applying jq's filter, not from the project's parser.
 */
class SeedQueryOnRealLogsTest {

  private static final List<String> HEADER =
      List.of("Time", "Identity ARN", "Event ID", "Service", "Action", "Error", "Message");

  @TempDir Path temporary;

  /** jq's select(...) | [.eventTime, .userIdentity.arn, ...] for an optional identity. */
  private static List<List<String>> jqAnswer(String identityArn) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode record : TestArchives.recordsUnder(TestArchives.sigmaDataset())) {
      String errorCode = text(record, "errorCode");
      boolean denied =
          "AwsApiCall".equals(text(record, "eventType"))
              && errorCode != null
              && (errorCode.toLowerCase(Locale.ROOT).contains("accessdenied")
                  || errorCode.toLowerCase(Locale.ROOT).contains("unauthorized"));
      if (denied
          && (identityArn == null || identityArn.equals(text(record, "userIdentity", "arn")))) {
        rows.add(
            java.util.Arrays.asList(
                text(record, "eventTime"),
                text(record, "userIdentity", "arn"),
                text(record, "eventID"),
                text(record, "eventSource"),
                text(record, "eventName"),
                errorCode,
                text(record, "errorMessage")));
      }
    }
    // Athena's ORDER BY eventTime desc; the shipped files break ties by event id.
    rows.sort(
        Comparator.comparing((List<String> row) -> row.get(0))
            .reversed()
            .thenComparing(row -> row.get(2)));
    return rows;
  }

  /** Runs {@code query} over the real logs for the day 2023-07-10, with the given arguments. */
  private static Cli.Result queryRealLogsOfTheDay(String... arguments) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "query",
                "--archive",
                TestArchives.sigmaDataset().toString(),
                "--from",
                "2023-07-10",
                "--to",
                "2023-07-11"));
    all.addAll(List.of(arguments));
    return Cli.run(all.toArray(String[]::new));
  }

  private static List<List<String>> readCsv(Path file) throws Exception {
    try (Reader reader = Files.newBufferedReader(file)) {
      List<CSVRecord> records =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(reader)
              .getRecords();
      assertThat(records.isEmpty() ? HEADER : records.get(0).getParser().getHeaderNames())
          .isEqualTo(HEADER);
      return records.stream()
          .map(
              r ->
                  r.stream()
                      .map(value -> value.isEmpty() ? null : value)
                      .collect(Collectors.toList()))
          .collect(Collectors.toList());
    }
  }

  @Test
  void theSeedQueryAsAwsWritesItReturnsWhatJqReturns() throws Exception {
    Path csv = temporary.resolve("seed.csv");
    String seedQuery =
        "SELECT from_iso8601_timestamp(eventTime) AS \"Time\", useridentity.arn AS \"Identity ARN\","
            + " eventID AS \"Event ID\", eventsource AS \"Service\", eventname AS \"Action\","
            + " errorCode AS \"Error\", errorMessage AS \"Message\" FROM cloudtrail_logs WHERE"
            + " from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2023-07-10T00:00:00Z')"
            + " AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp('2023-07-11T00:00:00Z')"
            + " AND eventType = 'AwsApiCall' AND errorCode is not null AND (lower(errorCode) LIKE"
            + " '%accessdenied%' OR lower(errorCode) LIKE '%unauthorized%') ORDER BY eventTime desc";
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            TestArchives.sigmaDataset().toString(),
            "--csv",
            csv.toString(),
            "-e",
            seedQuery);

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<List<String>> expected = jqAnswer(null);
    assertThat(expected).hasSize(60);
    List<List<String>> actual = readCsv(csv);
    // Same rows, and the same order as far as the query orders them (by time, newest first).
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(actual.stream().map(row -> row.get(0)).toList())
        .isEqualTo(expected.stream().map(row -> row.get(0)).toList());
    assertThat(result.err())
        .contains("read 55 log files")
        .contains("2900 records")
        .contains("0 rejected");
  }

  @Test
  void theShippedQueriesAnswerForAllIdentitiesAndForOne() throws Exception {
    Path sql = TestArchives.projectDirectory().resolve("sql");
    Path all = temporary.resolve("all.csv");
    Cli.Result result =
        queryRealLogsOfTheDay(
            "--sql", sql.resolve("denied_calls.sql").toString(), "--csv", all.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(readCsv(all)).isEqualTo(jqAnswer(null));

    Map<String, Long> byIdentity =
        jqAnswer(null).stream()
            .collect(
                Collectors.groupingBy(row -> String.valueOf(row.get(1)), Collectors.counting()));
    String identity =
        byIdentity.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElseThrow();
    Path one = temporary.resolve("one.csv");
    result =
        queryRealLogsOfTheDay(
            "--sql",
            sql.resolve("denied_calls_for_identity.sql").toString(),
            "--param",
            "identity_arn=" + identity,
            "--csv",
            one.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    List<List<String>> subset = readCsv(one);
    assertThat(subset).isEqualTo(jqAnswer(identity)).hasSizeLessThan(60).isNotEmpty();
  }

  @Test
  void aParameterValueIsBoundAsAValueAndCannotChangeTheQuery() throws Exception {
    Path sql = TestArchives.projectDirectory().resolve("sql/denied_calls_for_identity.sql");
    for (String hostile :
        List.of(
            "x' OR '1'='1",
            "x' OR 1=1 --",
            "x'; DROP TABLE cloudtrail; --",
            "\\' OR 1=1 --",
            "ünïcödé ' \" ; --")) {
      Path csv = temporary.resolve("hostile.csv");
      Cli.Result result =
          queryRealLogsOfTheDay(
              "--sql",
              sql.toString(),
              "--param",
              "identity_arn=" + hostile,
              "--csv",
              csv.toString());
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(readCsv(csv)).as(hostile).isEmpty();
    }
  }

  @Test
  void theTimeRangeKeepsExactlyTheEventsInsideIt() throws Exception {
    Path csv = temporary.resolve("range.csv");
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            TestArchives.sigmaDataset().toString(),
            "--from",
            "2023-07-10T12:10:00Z",
            "--to",
            "2023-07-10T12:20:00Z",
            "--csv",
            csv.toString(),
            "-e",
            "SELECT eventid AS \"Event ID\", eventtime AS \"Time\" FROM cloudtrail ORDER BY eventid");
    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> expected =
        TestArchives.recordsUnder(TestArchives.sigmaDataset()).stream()
            .filter(
                r ->
                    text(r, "eventTime").compareTo("2023-07-10T12:10:00Z") >= 0
                        && text(r, "eventTime").compareTo("2023-07-10T12:20:00Z") < 0)
            .map(r -> text(r, "eventID"))
            .sorted()
            .toList();
    List<String> actual;
    try (Reader reader = Files.newBufferedReader(csv)) {
      actual =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(reader)
              .stream()
              .map(record -> record.get(0))
              .toList();
    }
    assertThat(actual).isEqualTo(expected).isNotEmpty();
  }
}
