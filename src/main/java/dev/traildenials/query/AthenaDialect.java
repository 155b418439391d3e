package dev.traildenials.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * The session settings under which AWS's Athena queries read as Athena reads them: {@code "x"} is
 * an identifier ({@code AS "Identity ARN"}, which Spark allows only in ANSI mode), times are UTC,
 * timestamps come back as {@code Instant}. A choice of its own, apart from registering functions: a
 * session of this project's own takes it for good, a session someone else gave (a notebook's) has
 * it only while a report runs.
 */
public final class AthenaDialect {

  static final Map<String, String> SETTINGS =
      Map.of(
          "spark.sql.ansi.enabled", "true",
          "spark.sql.ansi.doubleQuotedIdentifiers", "true",
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.datetime.java8API.enabled", "true");

  private AthenaDialect() {}

  /** Sets the settings for the rest of the session's life. */
  public static void apply(SparkSession session) {
    SETTINGS.forEach(session.conf()::set);
  }

  /** Sets the settings until the scope is closed, then gives the session back what it had. */
  public static Scope applyWhile(SparkSession session) {
    RuntimeConfig conf = session.conf();
    Map<String, String> before = new LinkedHashMap<>();
    for (String key : SETTINGS.keySet()) {
      before.put(key, conf.contains(key) ? conf.get(key) : null);
    }
    apply(session);
    return new Scope(conf, before);
  }

  /** Settings applied for a while; closing restores the earlier ones. */
  public static final class Scope implements AutoCloseable {
    private final RuntimeConfig conf;
    private final Map<String, String> before;

    private Scope(RuntimeConfig conf, Map<String, String> before) {
      this.conf = conf;
      this.before = before;
    }

    @Override
    public void close() {
      before.forEach(
          (key, value) -> {
            if (value == null) {
              conf.unset(key);
            } else {
              conf.set(key, value);
            }
          });
    }
  }
}
