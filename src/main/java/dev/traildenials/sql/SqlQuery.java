package dev.traildenials.sql;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Athena-dialect SQL statement and the {@code :name} parameter markers it uses.
 *
 * <p>Markers are found outside string literals, quoted identifiers and comments, so that {@code
 * '06:40:00'} is not a parameter. Values are bound by the engine as literals; they are never pasted
 * into the SQL text.
 */
public final class SqlQuery {

  private final String text;
  private final Set<String> parameterNames;

  private static final Pattern PRESTO_DATE_UNIT_CALL =
      Pattern.compile("(?i)\\b(date_add|date_diff)\\s*\\(\\s*'([a-z]+)'\\s*,");

  private SqlQuery(String text) {
    this.text = athenaToSpark(stripTrailingSemicolon(text));
    this.parameterNames = findParameters(this.text);
    if (this.text.isBlank()) {
      throw Failure.userInput("The SQL is empty.");
    }
  }

  public static SqlQuery of(String text) {
    return new SqlQuery(text);
  }

  public static SqlQuery load(Path file) throws IOException {
    return new SqlQuery(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * One of the project's own queries, packaged in the jar from {@code sql/} (e.g. {@code
   * report/denial_events.sql}), so a job on a cluster runs the same SQL users read.
   */
  public static SqlQuery resource(String name) {
    String path = "sql/" + name;
    try (InputStream in = SqlQuery.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw Failure.internal(path + " is missing from the classpath; rebuild the jar");
      }
      return new SqlQuery(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Failure.internal("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public String text() {
    return text;
  }

  /** The parameter names, in the order they first appear. */
  public Set<String> parameterNames() {
    return parameterNames;
  }

  /**
   * Pairs the query's markers with values.
   *
   * @param given values by name ({@code --param name=value})
   * @param defaults values used for markers that {@code given} lacks (the run's --from/--to)
   * @throws IllegalArgumentException for a marker without a value, or a value for no marker
   */
  public Map<String, Object> bind(Map<String, String> given, Map<String, String> defaults) {
    Set<String> unused = new TreeSet<>(given.keySet());
    unused.removeAll(parameterNames);
    if (!unused.isEmpty()) {
      throw Failure.userInput(
          "{param} "
              + String.join(", ", unused)
              + " names no :marker in the SQL; its parameters are "
              + (parameterNames.isEmpty() ? "none" : ":" + String.join(", :", parameterNames)),
          "param");
    }
    Map<String, Object> bound = new LinkedHashMap<>();
    Set<String> missing = new TreeSet<>();
    for (String name : parameterNames) {
      String value = given.containsKey(name) ? given.get(name) : defaults.get(name);
      if (value == null) {
        missing.add(name);
      } else {
        bound.put(name, value);
      }
    }
    if (!missing.isEmpty()) {
      throw Failure.userInput(
          "The SQL uses :"
              + String.join(", :", missing)
              + " but no value was given; add {param} "
              + missing.iterator().next()
              + "=<value> for each.",
          "param");
    }
    return bound;
  }

  /**
   * Pairs the query's markers with typed values (arrays, numbers, instants), as the job binds them.
   *
   * @throws IllegalArgumentException for a marker without a value, or a value for no marker
   */
  public Map<String, Object> bindValues(Map<String, ?> values) {
    Set<String> unused = new TreeSet<>(values.keySet());
    unused.removeAll(parameterNames);
    Set<String> missing = new TreeSet<>(parameterNames);
    missing.removeAll(values.keySet());
    if (!unused.isEmpty() || !missing.isEmpty()) {
      throw Failure.userInput(
          "The query's markers are :"
              + String.join(", :", parameterNames)
              + (missing.isEmpty() ? "" : "; no value for :" + String.join(", :", missing))
              + (unused.isEmpty() ? "" : "; no marker for " + String.join(", ", unused)));
    }
    Map<String, Object> bound = new LinkedHashMap<>();
    for (String name : parameterNames) {
      bound.put(name, values.get(name));
    }
    return bound;
  }

  /**
   * Presto's {@code date_add('day', -7, now())} and {@code date_diff('hour', a, b)} name the unit
   * as a string, which Spark's parser refuses; Spark's {@code timestampadd(day, ...)} and {@code
   * timestampdiff(hour, ...)} mean the same. Text inside literals and comments is left alone.
   */
  static String athenaToSpark(String sql) {
    boolean[] code = codeMask(sql);
    Matcher matcher = PRESTO_DATE_UNIT_CALL.matcher(sql);
    StringBuilder rewritten = new StringBuilder(sql.length());
    int copied = 0;
    while (matcher.find()) {
      if (!code[matcher.start()]) {
        continue;
      }
      String function =
          matcher.group(1).equalsIgnoreCase("date_add") ? "timestampadd" : "timestampdiff";
      rewritten.append(sql, copied, matcher.start()).append(function).append('(');
      rewritten.append(matcher.group(2)).append(',');
      copied = matcher.end();
    }
    return rewritten.append(sql.substring(copied)).toString();
  }

  /** Which characters are SQL code rather than a literal, quoted identifier or comment. */
  private static boolean[] codeMask(String sql) {
    boolean[] code = new boolean[sql.length() + 1];
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int newline = sql.indexOf('\n', i);
        end = newline < 0 ? sql.length() : newline + 1;
      } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? sql.length() : close + 2;
      } else {
        code[i] = true;
        i++;
        continue;
      }
      i = Math.min(end, sql.length());
    }
    return code;
  }

  private static String stripTrailingSemicolon(String sql) {
    String trimmed = sql.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    return trimmed;
  }

  private static Set<String> findParameters(String sql) {
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    int length = sql.length();
    while (i < length) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
        int newline = sql.indexOf('\n', i);
        i = newline < 0 ? length : newline + 1;
      } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? length : end + 2;
      } else if (c == ':'
          && i + 1 < length
          && Character.isJavaIdentifierStart(sql.charAt(i + 1))
          && (i == 0 || sql.charAt(i - 1) != ':')) {
        int end = i + 1;
        while (end < length && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        i = end;
      } else {
        i++;
      }
    }
    return names;
  }

  /** The index after a quoted span; a doubled quote or a backslash escape stays inside. */
  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return i;
  }
}
