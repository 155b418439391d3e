package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.source.CloudTrailReadOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which day folders a night reads, worked out from the command line alone. */
class NightlyWindowTest {

  private static CloudTrailReadOptions options(String... arguments) {
    NightlyCommand command = new NightlyCommand();
    new CommandLine(command).parseArgs(arguments);
    return command.readOptions();
  }

  @Test
  void aNightReadsWholeFilesOfTheLookBackUpToItsOwnDay() {
    CloudTrailReadOptions night =
        options("--archive", "/a", "--out", "/o", "--as-of", "2024-03-05T06:30:00Z");
    assertThat(night.wholeFiles()).isTrue();
    // P3D: the folders of March 2nd to 5th; none after the night's day.
    assertThat(night.request().from()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
    assertThat(night.request().to()).isEqualTo(Instant.parse("2024-03-05T06:30:00.001Z"));
    assertThat(night.request().maxDeliveryDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void theLookBackIsAnOption() {
    CloudTrailReadOptions night =
        options(
            "--archive",
            "/a",
            "--out",
            "/o",
            "--as-of",
            "2024-03-05T00:10:00Z",
            "--look-back",
            "P10D");
    assertThat(night.request().from()).isEqualTo(Instant.parse("2024-02-24T00:00:00Z"));
  }

  @Test
  void aBackfillReadsTheRangesFoldersWithTheDeliveryDelay() {
    CloudTrailReadOptions backfill =
        options("--archive", "/a", "--out", "/o", "--from", "2024-03-01", "--to", "2024-04-01");
    assertThat(backfill.wholeFiles()).isTrue();
    assertThat(backfill.request().from()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(backfill.request().to()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    assertThat(backfill.request().maxDeliveryDelay()).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> options("--archive", "/a", "--out", "/o", "--to", "2024-04-01"))
        .hasMessageContaining("--to needs --from");
  }
}
