package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.AlertReceiver;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nights on a growing archive: night 1 sees most of March 1st; night 2 gets March 1st's late
 * files, March 2nd and 3rd, and one of night 1's files delivered again under another name; night 3
 * runs night 2 again. The tables must then equal one report over the final archive; night 1, the
 * first on its output, is the baseline and alerts nothing, and each later night alerts exactly the
 * alarm periods it raised.
 */
@Tag("slow")
class NightlyRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NIGHT_1 = "2024-03-02T00:30:00Z";
  private static final String NIGHT_2 = "2024-03-03T00:30:00Z";

  @TempDir static Path temporary;
  static Path full;
  static Path growing;
  static Path nightlyOut;
  static Path singleOut;
  static AlertReceiver receiver;
  static final List<Cli.Result> nights = new ArrayList<>();
  static final List<Set<String>> alarmsAfterNight = new ArrayList<>();
  static final List<Long> watchedAfterNight = new ArrayList<>();
  private static final String WATCHED = "arn:aws:iam::*:role/aws-service-role/*";
  static final Map<String, Long> versionsAfterNight2 = new HashMap<>();
  static Path redelivered;
  static String latestPageAfterNight2;

  @BeforeAll
  static void playThreeNights() throws Exception {
    full = temporary.resolve("full");
    growing = temporary.resolve("growing");
    nightlyOut = temporary.resolve("nightly");
    singleOut = temporary.resolve("single");
    new SampleArchive(TestArchives.smallFixture(2)).write(full);
    receiver = new AlertReceiver();
    // The sample's file from months before is behind every night's look-back: the nights never
    // see it, and the archive they grow leaves it out.
    List<Path> files = logFiles(full).stream().filter(NightlyRunTest::deliveredInMarch).toList();
    String accessKey = System.setProperty("aws.accessKeyId", "test-only-key-id");
    String secretKey = System.setProperty("aws.secretKey", "test-only-secret");
    try {
      List<Path> dayOne = files.stream().filter(NightlyRunTest::deliveredMarchFirst).toList();
      // Night 1: March 1st's folders without their last hours, which arrive after midnight.
      List<Path> late = dayOne.stream().filter(NightlyRunTest::afterTwentyHundred).toList();
      assertThat(late).isNotEmpty();
      for (Path file : dayOne) {
        if (!late.contains(file)) {
          copy(file);
        }
      }
      night(NIGHT_1);
      // Night 2: everything else, and a file of night 1 delivered again under a name that sorts
      // first, so that the copy the tables keep changes.
      for (Path file : files) {
        if (!Files.exists(growing.resolve(full.relativize(file)))) {
          copy(file);
        }
      }
      // The copy is of a file that holds denials, so that the kept copy shows in denial_events.
      String withDenials =
          SharedSpark.session()
              .read()
              .format("delta")
              .load(nightlyOut.resolve("denial_events").toString())
              .selectExpr("min(source_file)")
              .first()
              .getString(0);
      Path original = Path.of(withDenials.substring("file:".length()));
      String name = original.getFileName().toString();
      redelivered =
          original.resolveSibling(
              name.substring(0, name.lastIndexOf('_') + 1) + "0000000000000000.json.gz");
      Files.copy(original, redelivered);
      night(NIGHT_2);
      for (String table : DenialReport.tableNames()) {
        if (!table.equals(ReportTables.RUNS)) {
          versionsAfterNight2.put(table, ReportFixtures.version(nightlyOut, table));
        }
      }
      latestPageAfterNight2 = Files.readString(nightlyOut.resolve("reports/latest.html"));
      night(NIGHT_2);
    } finally {
      restore("aws.accessKeyId", accessKey);
      restore("aws.secretKey", secretKey);
    }
    assertThat(logFiles(growing)).hasSize(files.size() + 1);
    ReportFixtures.report(growing, singleOut, null, null);
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private static void night(String asOf) {
    Cli.Result result =
        Cli.run(
            "nightly",
            "--archive",
            growing.toString(),
            "--out",
            nightlyOut.toString(),
            "--as-of",
            asOf,
            "--look-back",
            "P2D",
            "--webhook-url",
            receiver.webhookUrl(),
            "--sns-topic",
            "arn:aws:sns:us-east-1:111111111111:trail-denials-alerts",
            "--sns-endpoint",
            receiver.snsEndpoint(),
            "--watch-identity",
            WATCHED,
            "--fail-on-alarm");
    nights.add(result);
    alarmsAfterNight.add(alarmKeys(nightlyOut));
    watchedAfterNight.add(
        SharedSpark.session()
            .read()
            .format("delta")
            .load(nightlyOut.resolve("denial_events").toString())
            .filter("principal_arn LIKE 'arn:aws:iam::%:role/aws-service-role/%'")
            .count());
  }

  @Test
  void afterThreeNightsTheTablesEqualOneReportOverTheFinalArchive() {
    Map<String, List<String>> nightly = ReportFixtures.snapshot(nightlyOut, "delta");
    Map<String, List<String>> single = ReportFixtures.snapshot(singleOut, "delta");
    assertThat(nightly.get("denial_events")).hasSizeGreaterThan(50);
    assertThat(nightly.get("slr_alarms")).isNotEmpty();
    assertThat(nightly.get("new_denials")).isNotEmpty();
    assertThat(nightly).containsExactlyEntriesOf(single);
  }

  @Test
  void theRedeliveredFileAddsNoEventButItsCopyIsTheOneKept() {
    String copy = "file:" + redelivered;
    List<Row> fromCopy =
        SharedSpark.session()
            .read()
            .format("delta")
            .load(nightlyOut.resolve("denial_events").toString())
            .filter(org.apache.spark.sql.functions.col("source_file").equalTo(copy))
            .collectAsList();
    assertThat(fromCopy).isNotEmpty();
    assertThat(nights.get(1).err()).contains("denial_events");
  }

  @Test
  void theLedgerHoldsEveryFileOnceAndTheRerunReadsNothing() throws IOException {
    List<Row> ledger =
        SharedSpark.session()
            .read()
            .format("delta")
            .load(nightlyOut.resolve("processed_files").toString())
            .collectAsList();
    Set<String> expected = new TreeSet<>();
    for (Path file : logFiles(growing)) {
      expected.add("file:" + file);
    }
    List<String> paths = ledger.stream().map(row -> row.<String>getAs("path")).toList();
    assertThat(paths).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(paths)).isEqualTo(expected);
    assertThat(ledger).allMatch(row -> row.getAs("status").equals("read"));
    Set<String> runs = new LinkedHashSet<>();
    ledger.forEach(row -> runs.add(row.getAs("run_id")));
    assertThat(runs).hasSize(2);

    String rerun = nights.get(2).err();
    assertThat(rerun).contains("read 0 log files").contains("tables changed: none");
    assertThat(rerun).contains(expected.size() + " files left out, read by earlier runs");
    for (Map.Entry<String, Long> table : versionsAfterNight2.entrySet()) {
      assertThat(ReportFixtures.version(nightlyOut, table.getKey()))
          .as(table.getKey())
          .isEqualTo(table.getValue());
    }
  }

  @Test
  void theFirstNightIsTheBaselineAndEachLaterOneAlertsExactlyWhatItRaised() throws IOException {
    Set<String> night1 = alarmsAfterNight.get(0);
    Set<String> night2 = new TreeSet<>(alarmsAfterNight.get(1));
    night2.removeAll(night1);
    assertThat(night1).isNotEmpty();
    assertThat(night2).isNotEmpty();
    assertThat(alarmsAfterNight.get(2)).isEqualTo(alarmsAfterNight.get(1));
    long watched1 = watchedAfterNight.get(0);
    long watched2 = watchedAfterNight.get(1) - watched1;
    assertThat(watched1).isPositive();
    assertThat(watched2).isPositive();

    // Night 1, the first on its output, records its findings as the baseline and sends nothing;
    // --fail-on-alarm: exit 3 for the night that alerted, 0 for the baseline and the re-run.
    assertThat(nights.stream().map(Cli.Result::exitCode)).containsExactly(0, 3, 0);
    assertThat(nights.get(0).err())
        .contains("recorded as the baseline and not sent: " + night1.size() + " new service-linked")
        .contains(watched1 + " denials of watched identities")
        .doesNotContain("ALERT");
    assertThat(nights.get(2).err()).contains("no alerts");
    // The re-run changed no table: its own page is written, latest still shows night 2's findings.
    assertThat(nights.get(2).err())
        .contains("no table changed, so reports/latest.* still shows the last run that changed");
    Matcher rerun =
        Pattern.compile("nightly ([0-9a-f-]{36}) succeeded").matcher(nights.get(2).err());
    assertThat(rerun.find()).as("the re-run's summary line").isTrue();
    assertThat(nightlyOut.resolve("reports/" + rerun.group(1) + "/report.html")).exists();
    assertThat(Files.readString(nightlyOut.resolve("reports/latest.html")))
        .isEqualTo(latestPageAfterNight2);

    JsonNode file =
        JSON.readTree(
            nightlyOut.resolve("alerts/" + runId(nights.get(1).err()) + ".json").toFile());
    assertThat(alarmKeys(file)).isEqualTo(night2);
    // The watched service-linked roles: every denial the night added, the first 100 listed.
    assertThat(file.get("watched_denials_total").asLong()).isEqualTo(watched2);
    assertThat(file.get("watched_denials")).hasSize((int) Math.min(100, watched2));
    assertThat(watchedAfterNight.get(2)).isEqualTo(watchedAfterNight.get(1));
    try (Stream<Path> alerts = Files.list(nightlyOut.resolve("alerts"))) {
      assertThat(alerts.filter(f -> f.getFileName().toString().matches("[0-9a-f-]+\\.json")))
          .hasSize(1);
    }

    List<String> posts = receiver.webhookBodies();
    assertThat(posts).hasSize(1);
    JsonNode slack = JSON.readTree(posts.get(0));
    assertThat(slack.get("text").asText())
        .startsWith("trail-denials: " + night2.size() + " new service-linked-role alarm period");
    assertThat(slack.get("blocks").get(1).get("text").get("text").asText())
        .contains(file.get("new_alarms").get(0).get("period_start").asText());

    List<Map<String, String>> published = receiver.snsRequests();
    assertThat(published).hasSize(1);
    assertThat(published.get(0))
        .containsEntry("Action", "Publish")
        .containsEntry("TopicArn", "arn:aws:sns:us-east-1:111111111111:trail-denials-alerts");
    assertThat(JSON.readTree(published.get(0).get("Message"))).isEqualTo(file);
    assertThat(published.get(0).get("Subject")).hasSizeLessThanOrEqualTo(100);
  }

  private static Set<String> alarmKeys(Path out) {
    Set<String> keys = new TreeSet<>();
    for (Row row :
        SharedSpark.session()
            .read()
            .format("delta")
            .load(out.resolve("slr_alarms").toString())
            .selectExpr("CAST(period_start AS STRING) || 'Z'", "account_id", "region")
            .collectAsList()) {
      keys.add(row.getString(0).replace(' ', 'T') + " " + row.getString(1) + " " + row.get(2));
    }
    return keys;
  }

  private static Set<String> alarmKeys(JsonNode alert) {
    Set<String> keys = new TreeSet<>();
    for (JsonNode alarm : alert.get("new_alarms")) {
      keys.add(
          alarm.get("period_start").asText()
              + " "
              + alarm.get("account_id").asText()
              + " "
              + alarm.get("region").asText());
    }
    return keys;
  }

  private static String runId(String err) {
    int at = err.indexOf("alerts/") + "alerts/".length();
    return err.substring(at, err.indexOf(".json", at));
  }

  private static boolean deliveredMarchFirst(Path file) {
    return file.getParent().endsWith(Path.of("2024", "03", "01"));
  }

  private static boolean deliveredInMarch(Path file) {
    return file.getParent().getParent().endsWith(Path.of("2024", "03"));
  }

  private static boolean afterTwentyHundred(Path file) {
    // <account>_CloudTrail_<region>_20240301T2105Z_<id>.json.gz
    String name = file.getFileName().toString();
    int time = name.indexOf("20240301T");
    return time >= 0 && name.charAt(time + 9) == '2';
  }

  private static void copy(Path file) throws IOException {
    Path target = growing.resolve(full.relativize(file));
    Files.createDirectories(target.getParent());
    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
  }

  private static List<Path> logFiles(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> path.getFileName().toString().endsWith(".json.gz"))
          .filter(path -> path.toString().contains("/CloudTrail/"))
          .sorted()
          .toList();
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
