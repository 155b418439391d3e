package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.S3TestServer;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.SparkSubmitter;
import dev.traildenials.testing.TestArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report run whose s3a credentials are given as Spark settings (the S3 test server's keys) never
 * writes them anywhere: not to its output, its logs, Spark's event log, the runs table or the human
 * report. Spark redacts them by the key names (spark.redaction.regex).
 */
@Tag("slow")
class SecretsIT {

  @TempDir Path temporary;

  @Test
  void credentialsGivenToS3aAppearInNoOutput() throws Exception {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    SharedSpark.session();
    S3TestServer server = S3TestServer.shared();
    String bucket = server.newBucket("secrets");
    server.upload(archive, bucket, "trail/");
    Map<String, String> s3a = server.s3aSettings(bucket);
    List<String> secrets =
        s3a.entrySet().stream()
            .filter(
                setting ->
                    setting.getKey().endsWith(".access.key")
                        || setting.getKey().endsWith(".secret.key"))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(secrets).hasSize(2);

    Path events = Files.createDirectories(temporary.resolve("event-log"));
    SparkSubmitter submit =
        new SparkSubmitter(temporary)
            .conf("spark.eventLog.enabled", "true")
            .conf("spark.eventLog.dir", events.toUri().toString());
    s3a.forEach((key, value) -> submit.conf("spark.hadoop." + key, value));
    Path out = temporary.resolve("out");
    int exit =
        submit.run(
            "report",
            "report",
            "--archive",
            "s3a://" + bucket + "/trail",
            "--out",
            out.toString(),
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-02");
    String log = Files.readString(submit.log("report"), StandardCharsets.UTF_8);
    assertThat(exit).as(log).isZero();
    assertThat(log).contains("requests for the archive:");

    try (Stream<Path> files = Files.walk(temporary)) {
      List<Path> written =
          files.filter(Files::isRegularFile).filter(file -> !file.startsWith(archive)).toList();
      // The settings did reach the event log, by name, with their values redacted.
      String eventLog =
          Files.readString(
              written.stream().filter(file -> file.startsWith(events)).findFirst().orElseThrow(),
              StandardCharsets.UTF_8);
      assertThat(eventLog)
          .contains("fs.s3a.bucket." + bucket + ".secret.key")
          .contains("*********(redacted)");
      assertThat(written).anyMatch(file -> file.toString().endsWith("report.html"));
      for (Path file : written) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(text).as(file.toString()).doesNotContain(secret);
        }
      }
    }
    String runs =
        SharedSpark.session().read().format("delta").load(out + "/runs").collectAsList().toString();
    assertThat(runs).contains("succeeded");
    for (String secret : secrets) {
      assertThat(runs).doesNotContain(secret);
    }
  }
}
