package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeWindowTest {

  @Test
  void fastPathAgreesWithJavaTime() {
    for (String time :
        new String[] {
          "1970-01-01T00:00:00Z",
          "2023-07-10T12:32:49Z",
          "2024-02-29T23:59:59Z",
          "2000-03-01T00:00:00Z",
          "2100-12-31T10:11:12Z"
        }) {
      assertThat(EventTimeWindow.epochMillis(time))
          .as(time)
          .isEqualTo(Instant.parse(time).toEpochMilli());
    }
  }

  @Test
  void readsOtherIsoFormsAndRejectsNonsense() {
    assertThat(EventTimeWindow.epochMillis("2023-07-10T12:32:49.250Z"))
        .isEqualTo(Instant.parse("2023-07-10T12:32:49.250Z").toEpochMilli());
    assertThat(EventTimeWindow.epochMillis("2023-07-10T14:32:49+02:00"))
        .isEqualTo(Instant.parse("2023-07-10T12:32:49Z").toEpochMilli());
    assertThat(EventTimeWindow.epochMillis("2023-13-10T12:32:49Z")).isEqualTo(Long.MIN_VALUE);
    assertThat(EventTimeWindow.epochMillis("yesterday")).isEqualTo(Long.MIN_VALUE);
    assertThat(EventTimeWindow.epochMillis(null)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void windowIsHalfOpen() {
    EventTimeWindow window =
        EventTimeWindow.of(
            Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));
    assertThat(window.contains("2024-03-01T00:00:00Z")).isTrue();
    assertThat(window.contains("2024-03-01T23:59:59Z")).isTrue();
    assertThat(window.contains("2024-03-02T00:00:00Z")).isFalse();
    assertThat(window.contains("2024-02-29T23:59:59Z")).isFalse();
    assertThat(window.contains(null)).isFalse();
    assertThat(EventTimeWindow.ALL.contains(null)).isTrue();
  }
}
