package dev.traildenials.parse;

/**
 * CloudTrail's event times ({@code 2023-07-10T12:32:49Z}) and bare dates, read and written without
 * java.time's general (and, per row, costly) parsers and formatters.
 */
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

  /**
   * The epoch second of midnight UTC of a date written {@code YYYY-MM-DD}, or {@link
   * #NOT_AN_EVENT_TIME} for any other text and impossible dates.
   */
  public static long epochSecondOfDate(String text) {
    if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return NOT_AN_EVENT_TIME;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return NOT_AN_EVENT_TIME;
    }
    return daysFromCivil(year, month, day) * 86_400L;
  }

  /**
   * An epoch second written as CloudTrail writes times (as {@link java.time.Instant#toString} does
   * for whole seconds of the years 0 to 9999); null outside those years.
   */
  public static String format(long epochSecond) {
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    // Howard Hinnant's civil-from-days.
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    int dayOfEra = (int) (z - era * 146097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int monthIndex = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return null;
    }
    char[] text = new char[20];
    put(text, 0, (int) year, 4);
    text[4] = '-';
    put(text, 5, month, 2);
    text[7] = '-';
    put(text, 8, day, 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    text[19] = 'Z';
    return new String(text);
  }

  private static void put(char[] text, int start, int value, int count) {
    for (int i = start + count - 1; i >= start; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
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
