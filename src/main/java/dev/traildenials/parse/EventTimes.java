package dev.traildenials.parse;

/** CloudTrail's event times ({@code 2023-07-10T12:32:49Z}), read without allocating. */
public final class EventTimes {

  /** What {@link #epochSecond} returns for text that is not such a time. */
  public static final long NOT_AN_EVENT_TIME = Long.MIN_VALUE;

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private EventTimes() {}

  /**
   * The epoch second of a time written exactly as CloudTrail writes it, or {@link
   * #NOT_AN_EVENT_TIME} for any other text (other ISO 8601 forms included) and impossible dates.
   */
  public static long epochSecond(String text) {
    if (text == null
        || text.length() != 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != 'Z') {
      return NOT_AN_EVENT_TIME;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_AN_EVENT_TIME;
    }
    return (daysFromCivil(year, month, day) * 24 + hour) * 3600L + minute * 60L + second;
  }

  private static int daysInMonth(int year, int month) {
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
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
