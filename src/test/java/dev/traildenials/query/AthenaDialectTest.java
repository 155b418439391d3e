package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.SharedSpark;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The dialect is a choice of its own: registering functions leaves a session's settings alone. */
class AthenaDialectTest {

  @Test
  void aScopedDialectGivesTheSessionItsOwnSettingsBack() {
    SparkSession session = SharedSpark.session().newSession();
    RuntimeConfig conf = session.conf();
    conf.set("spark.sql.ansi.enabled", "false");
    conf.set("spark.sql.session.timeZone", "Europe/Paris");
    conf.unset("spark.sql.ansi.doubleQuotedIdentifiers");

    AthenaDialect.Scope scope = AthenaDialect.applyWhile(session);
    assertThat(conf.get("spark.sql.ansi.enabled")).isEqualTo("true");
    assertThat(conf.get("spark.sql.session.timeZone")).isEqualTo("UTC");
    assertThat(session.sql("SELECT 1 AS \"Identity ARN\"").columns())
        .containsExactly("Identity ARN");
    scope.close();

    assertThat(conf.get("spark.sql.ansi.enabled")).isEqualTo("false");
    assertThat(conf.get("spark.sql.session.timeZone")).isEqualTo("Europe/Paris");
    assertThat(conf.contains("spark.sql.ansi.doubleQuotedIdentifiers")).isFalse();
  }

  @Test
  void registeringTheFunctionsChangesNoSetting() {
    SparkSession session = SharedSpark.session().newSession();
    session.conf().set("spark.sql.ansi.enabled", "false");

    AthenaFunctions.register(session);

    assertThat(session.conf().get("spark.sql.ansi.enabled")).isEqualTo("false");
    assertThat(session.sql("SELECT strpos('abc', 'c') AS p").first().getInt(0)).isEqualTo(3);
  }
}
