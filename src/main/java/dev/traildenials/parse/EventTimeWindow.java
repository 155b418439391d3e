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
    long second = EventTimes.epochSecond(text);
    if (second != EventTimes.NOT_AN_EVENT_TIME) {
      return second * 1000L;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }
}
