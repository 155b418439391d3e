package dev.traildenials.query;

import dev.traildenials.failure.Failure;
import dev.traildenials.parse.EventTimes;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * Athena's {@code from_iso8601_timestamp}. CloudTrail's {@code 2023-07-10T12:32:49Z} and a bare
 * date are read by hand; anything else the way Spark casts text to a timestamp (UTC unless the text
 * says otherwise).
 *
 * <p>Spark's own cast resolves the zone of every value through two regular expressions, which made
 * it the largest single cost of a query over the archive in a profile.
 */
final class Iso8601Timestamps {

  private Iso8601Timestamps() {}

  static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    long second = EventTimes.epochSecond(text);
    if (second != EventTimes.NOT_AN_EVENT_TIME) {
      return Instant.ofEpochSecond(second);
    }
    // A date alone, as --from and --to are often given: its midnight UTC. A query's parameters
    // are parsed once per row (a function call is never folded into a constant), so this path
    // must be as cheap as the one above.
    long midnight = EventTimes.epochSecondOfDate(text);
    if (midnight != EventTimes.NOT_AN_EVENT_TIME) {
      return Instant.ofEpochSecond(midnight);
    }
    Option<Object> micros =
        DateTimeUtils.stringToTimestamp(UTF8String.fromString(text), ZoneOffset.UTC);
    if (micros.isEmpty()) {
      throw Failure.userInput(
          "from_iso8601_timestamp: '" + text + "' is not an ISO 8601 timestamp");
    }
    long value = (Long) micros.get();
    return Instant.ofEpochSecond(
        Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
  }
}
