package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void theTimeLeftIsTheRateSoFarOverTheFilesLeft() {
    assertThat(Progress.describe(1200, 4800, 360_000, 2, Duration.ofSeconds(60)))
        .isEqualTo(
            "read 1,200 of 4,800 files (25%), 360,000 records, 2 rejected, 1 min 0 s elapsed,"
                + " about 3 min 0 s left");
    assertThat(Progress.describe(0, 10, 0, 0, Duration.ofSeconds(5)))
        .endsWith("time left not known yet");
    assertThat(Progress.describe(10, 10, 50, 0, Duration.ofSeconds(5))).endsWith("all read");
    assertThat(Progress.describe(0, 0, 0, 0, Duration.ZERO)).startsWith("read 0 of 0 files (100%)");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(Progress.duration(Duration.ofMillis(42_400))).isEqualTo("42 s");
    assertThat(Progress.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    assertThat(Progress.duration(Duration.ofMinutes(62))).isEqualTo("1 h 2 min");
  }
}
