package dev.traildenials.classify;

import java.util.List;
import java.util.regex.Pattern;

/** ARN patterns as users write them: exact, or with {@code *} for any run of characters. */
public final class ArnPatterns {

  private ArnPatterns() {}

  /** The whole-string regular expression for a pattern; every other character is literal. */
  public static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder("^");
    int start = 0;
    int star;
    while ((star = pattern.indexOf('*', start)) >= 0) {
      if (star > start) {
        regex.append(Pattern.quote(pattern.substring(start, star)));
      }
      regex.append(".*");
      start = star + 1;
    }
    if (start < pattern.length()) {
      regex.append(Pattern.quote(pattern.substring(start)));
    }
    return regex.append('$').toString();
  }

  public static List<String> toRegexes(List<String> patterns) {
    return patterns.stream().map(ArnPatterns::toRegex).toList();
  }
}
