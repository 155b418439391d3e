package dev.traildenials.archive;

import dev.traildenials.failure.Failure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading the instants users type. */
public final class Times {

  private Times() {}

  /**
   * Parses {@code 2024-03-01T06:40:00Z}, an offset time, a local time (read as UTC) or a bare date
   * (its midnight UTC).
   *
   * @param what names the value in the error message
   */
  public static Instant parseInstant(String text, String what) {
    String trimmed = text.trim();
    try {
      return OffsetDateTime.parse(trimmed).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw Failure.userInput(
          e,
          what
              + " '"
              + text
              + "' is not an ISO 8601 time; write it like 2024-03-01T06:40:00Z or 2024-03-01");
    }
  }
}
