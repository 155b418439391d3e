package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
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

  @Test
  void datesAreReadAsTheirMidnightUtc() {
    for (LocalDate day = LocalDate.of(1899, 12, 25);
        day.isBefore(LocalDate.of(2101, 1, 5));
        day = day.plusDays(1)) {
      assertThat(EventTimes.epochSecondOfDate(day.toString()))
          .as(day.toString())
          .isEqualTo(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    }
    for (String text :
        new String[] {null, "2023-02-29", "2024-13-01", "2024-3-01", "2024-03-01Z"}) {
      assertThat(EventTimes.epochSecondOfDate(text))
          .as(text)
          .isEqualTo(EventTimes.NOT_AN_EVENT_TIME);
    }
  }

  @Test
  void formatsWholeSecondsAsInstantDoes() {
    SplittableRandom random = new SplittableRandom(7);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long second = random.nextLong(first, last + 1);
      assertThat(EventTimes.format(second)).isEqualTo(Instant.ofEpochSecond(second).toString());
    }
    assertThat(EventTimes.format(first)).isEqualTo("0000-01-01T00:00:00Z");
    assertThat(EventTimes.format(last)).isEqualTo("9999-12-31T23:59:59Z");
    assertThat(EventTimes.format(first - 1)).isNull();
    assertThat(EventTimes.format(last + 1)).isNull();
  }
}
