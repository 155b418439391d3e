package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --redact: the same denials, without the addresses, user agents and request parameters. */
@Tag("slow")
class RedactedReportTest {

  private static final String KEY = "trail-denials test key, 40 bytes long...";

  @TempDir static Path temporary;
  static Path plain;
  static Path hashed;
  static Path dropped;
  static Cli.Result hashedRun;

  @BeforeAll
  static void reportThreeWays() throws Exception {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(2)).write(archive);
    Path keyFile = temporary.resolve("redaction.key");
    Files.writeString(keyFile, KEY + "\n", StandardCharsets.UTF_8);
    plain = temporary.resolve("plain");
    hashed = temporary.resolve("hashed");
    dropped = temporary.resolve("dropped");
    ReportFixtures.report(archive, plain, null, null);
    hashedRun =
        ReportFixtures.report(
            archive, hashed, null, null, "--redact", "--redaction-key-file", keyFile.toString());
    ReportFixtures.report(archive, dropped, null, null, "--redact");
  }

  private static Dataset<Row> events(Path out) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out.resolve("denial_events").toString());
  }

  @Test
  void theSameDenialsAreThereWithTheSensitiveFieldsRedacted() {
    Map<String, String> plainIps = new HashMap<>();
    for (Row row : events(plain).select("event_id", "source_ip").collectAsList()) {
      plainIps.put(row.getString(0), row.getString(1));
    }
    assertThat(plainIps).hasSizeGreaterThan(50);
    assertThat(plainIps.values()).anyMatch(ip -> ip != null && ip.matches("[0-9.:a-f]+"));
    assertThat(events(plain).filter("user_agent IS NOT NULL").count()).isPositive();
    assertThat(events(plain).filter("request_parameters IS NOT NULL").count()).isPositive();

    Map<String, String> hashOfIp = new HashMap<>();
    List<Row> redacted = events(hashed).collectAsList();
    assertThat(redacted).hasSize(plainIps.size());
    for (Row row : redacted) {
      String eventId = row.getAs("event_id");
      assertThat(plainIps).containsKey(eventId);
      String ip = plainIps.get(eventId);
      String hash = row.getAs("source_ip");
      if (ip == null) {
        assertThat(hash).isNull();
      } else {
        assertThat(hash).matches("hmac-sha256:[0-9a-f]{32}");
        // One address, one hash: the redacted table still groups by caller.
        String earlier = hashOfIp.putIfAbsent(ip, hash);
        assertThat(earlier == null || earlier.equals(hash)).isTrue();
      }
      assertThat(row.<String>getAs("user_agent")).isNull();
      assertThat(row.<String>getAs("request_parameters")).isNull();
    }
    assertThat(hashOfIp.values().stream().distinct().count()).isEqualTo(hashOfIp.size());

    assertThat(events(dropped).count()).isEqualTo(plainIps.size());
    assertThat(
            events(dropped)
                .filter(
                    "source_ip IS NOT NULL OR user_agent IS NOT NULL"
                        + " OR request_parameters IS NOT NULL")
                .count())
        .isZero();
    // What is not sensitive is classified from the full record all the same.
    assertThat(ReportFixtures.rows(hashed, "blocked_resources", "delta"))
        .isEqualTo(ReportFixtures.rows(plain, "blocked_resources", "delta"));
  }

  @Test
  void noAddressOrKeyReachesTheReportsTheRunsTableOrTheOutput() throws IOException {
    List<String> addresses = new ArrayList<>();
    for (Row row : events(plain).select("source_ip").distinct().collectAsList()) {
      // An AWS service's records give its name as the source (guardduty.amazonaws.com): the
      // report names services, and a name is no address.
      if (row.getString(0) != null && row.getString(0).matches("[0-9a-fA-F:.]+")) {
        addresses.add(row.getString(0));
      }
    }
    List<String> texts = new ArrayList<>();
    texts.add(hashedRun.out() + hashedRun.err());
    try (Stream<Path> files = Files.walk(hashed.resolve("reports"))) {
      for (Path file : files.filter(file -> file.toString().matches(".*\\.(md|html)")).toList()) {
        texts.add(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    texts.add(
        SharedSpark.session()
            .read()
            .format("delta")
            .load(hashed.resolve("runs").toString())
            .toJSON()
            .collectAsList()
            .toString());
    for (String text : texts) {
      assertThat(text).doesNotContain(KEY.substring(0, 20));
      for (String address : addresses) {
        assertThat(text).doesNotContain("\"" + address + "\"").doesNotContain(" " + address + " ");
      }
    }
    assertThat(texts.get(texts.size() - 1)).contains("redacted, source IPs hashed with a key");
  }
}
