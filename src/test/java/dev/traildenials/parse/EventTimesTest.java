package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  @Test
  void readsCloudTrailsFormExactly() {
    assertThat(EventTimes.epochSecond("2023-07-10T12:32:49Z"))
        .isEqualTo(Instant.parse("2023-07-10T12:32:49Z").getEpochSecond());
    assertThat(EventTimes.epochSecond("2024-02-29T23:59:59Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59Z").getEpochSecond());
    assertThat(EventTimes.epochSecond("1969-12-31T23:59:59Z")).isEqualTo(-1);
  }

  @Test
  void anythingElseIsNotAnEventTime() {
    for (String text :
        new String[] {
          null,
          "2023-02-29T00:00:00Z",
          "2023-04-31T00:00:00Z",
          "2023-07-10T24:00:00Z",
          "2023-07-10T12:32:49.5Z",
          "2023-07-10 12:32:49Z",
          "2023-07-10",
          "2023-0x-10T12:32:49Z"
        }) {
      assertThat(EventTimes.epochSecond(text)).as(text).isEqualTo(EventTimes.NOT_AN_EVENT_TIME);
    }
  }
}
