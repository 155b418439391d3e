package dev.traildenials.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.failure.Failure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlQueryTest {

  @Test
  void findsMarkersOutsideLiteralsIdentifiersAndComments() {
    SqlQuery query =
        SqlQuery.of(
            "-- :notThis\nSELECT x AS \":nor_this\", '06:40:00' /* :nope */ FROM t"
                + " WHERE a = :identity_arn AND b >= :from AND c = 'it''s :quoted' AND d < :to;");
    assertThat(query.parameterNames()).containsExactly("identity_arn", "from", "to");
    assertThat(query.text()).endsWith(":to");
  }

  @Test
  void bindsGivenValuesAndRangeDefaults() {
    SqlQuery query = SqlQuery.of("SELECT 1 WHERE a = :arn AND b >= :from");
    Map<String, Object> bound =
        query.bind(Map.of("arn", "x' OR '1'='1"), Map.of("from", "2024-03-01"));
    assertThat(bound)
        .containsExactly(Map.entry("arn", "x' OR '1'='1"), Map.entry("from", "2024-03-01"));
  }

  @Test
  void missingAndUnusedParametersAreErrors() {
    SqlQuery query = SqlQuery.of("SELECT 1 WHERE a = :arn");
    assertThatThrownBy(() -> query.bind(Map.of(), Map.of()))
        .hasMessageContaining("uses :arn but no value was given");
    assertThatThrownBy(() -> query.bind(Map.of("arn", "a", "typo", "b"), Map.of()))
        .hasMessageContaining("option 'param' typo names no :marker")
        .isInstanceOfSatisfying(
            Failure.class,
            failure ->
                assertThat(failure.messageNaming(Failure::flagName))
                    .startsWith("--param typo names no :marker"));
  }

  @Test
  void prestoDateFunctionsWithAStringUnitBecomeSparkOnes() {
    assertThat(
            SqlQuery.of(
                    "SELECT date_diff('hour', a, b), 'date_add(''day'', 1, x)' -- date_add('day', 1, y)\n"
                        + "FROM t WHERE ts > DATE_ADD( 'day' , -7, now())")
                .text())
        .isEqualTo(
            "SELECT timestampdiff(hour, a, b), 'date_add(''day'', 1, x)' -- date_add('day', 1, y)\n"
                + "FROM t WHERE ts > timestampadd(day, -7, now())");
  }
}
