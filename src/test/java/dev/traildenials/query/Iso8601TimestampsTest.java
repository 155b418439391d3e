package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Iso8601TimestampsTest {

  @Test
  void readsCloudTrailTimesDatesAndOtherIsoForms() {
    assertThat(Iso8601Timestamps.parse("2023-07-10T12:32:49Z"))
        .isEqualTo(Instant.parse("2023-07-10T12:32:49Z"));
    assertThat(Iso8601Timestamps.parse("2024-02-29"))
        .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
    assertThat(Iso8601Timestamps.parse("2024-03-01T06:40:00.250Z"))
        .isEqualTo(Instant.parse("2024-03-01T06:40:00.250Z"));
    assertThat(Iso8601Timestamps.parse("2024-03-01T06:40:00+02:00"))
        .isEqualTo(Instant.parse("2024-03-01T04:40:00Z"));
    assertThat(Iso8601Timestamps.parse(null)).isNull();
  }

  @Test
  void aDayThatDoesNotExistIsNotMadeUp() {
    assertThatThrownBy(() -> Iso8601Timestamps.parse("2023-02-30T00:00:00Z"))
        .hasMessageContaining("not an ISO 8601 timestamp");
    assertThatThrownBy(() -> Iso8601Timestamps.parse("2023-02-30"))
        .hasMessageContaining("not an ISO 8601 timestamp");
    assertThatThrownBy(() -> Iso8601Timestamps.parse("yesterday"))
        .hasMessageContaining("'yesterday'");
  }
}
