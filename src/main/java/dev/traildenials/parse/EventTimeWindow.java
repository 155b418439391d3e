package dev.traildenials.parse;

import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The half-open range {@code [from, to)} of event times a read keeps. Either end may be open.
 *
 * @param fromMillis first kept instant in epoch milliseconds, or {@link Long#MIN_VALUE}
 * @param toMillis first instant no longer kept, or {@link Long#MAX_VALUE}
 */
public record EventTimeWindow(long fromMillis, long toMillis) implements Serializable {

  public static final EventTimeWindow ALL = new EventTimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);

  public static EventTimeWindow of(Instant from, Instant to) {
    return new EventTimeWindow(
        from == null ? Long.MIN_VALUE : from.toEpochMilli(),
        to == null ? Long.MAX_VALUE : to.toEpochMilli());
  }

  public boolean isAll() {
    return fromMillis == Long.MIN_VALUE && toMillis == Long.MAX_VALUE;
  }

  /** Whether an {@code eventTime} value falls in the window; an unreadable time never does. */
  public boolean contains(String eventTime) {
    if (isAll()) {
      return true;
    }
    long millis = epochMillis(eventTime);
    return millis != Long.MIN_VALUE && millis >= fromMillis && millis < toMillis;
  }

  /**
   * Parses CloudTrail's {@code 2023-07-10T12:32:49Z} without allocating, and any other ISO 8601
   * instant the slow way. Returns {@link Long#MIN_VALUE} for text that is no instant.
   */
  static long epochMillis(String text) {
    if (text == null) {
      return Long.MIN_VALUE;
    }
    if (text.length() == 20
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 2);
      int day = digits(text, 8, 2);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 31
          && hour >= 0
          && hour < 24
          && minute >= 0
          && minute < 60
          && second >= 0
          && second < 60) {
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
      }
      return Long.MIN_VALUE;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  // Howard Hinnant's days-from-civil: days since 1970-01-01 of a proleptic Gregorian date.
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return (long) era * 146097 + dayOfEra - 719468;
  }
}
