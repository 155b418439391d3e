package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.classify.PrincipalKind;
import dev.traildenials.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tables written before denial_events had principal_kind: the next run adds the column, gives the
 * earlier events theirs from the identity they hold, and ends with the tables of a run that always
 * had it.
 */
@Tag("slow")
class PrincipalKindUpgradeTest {

  @TempDir Path temporary;

  @ParameterizedTest
  @ValueSource(strings = {"delta", "parquet"})
  void anOlderTableGainsTheColumnAndEveryEarlierEventItsKind(String format) throws Exception {
    SparkSession session = SharedSpark.session();
    Path archive = ReportFixtures.sharedArchive();
    Path upgraded = temporary.resolve("upgraded-" + format);
    ReportFixtures.report(archive, upgraded, "2024-03-01", "2024-03-02", "--format", format);
    String events = upgraded.resolve("denial_events").toString();
    // The table as an earlier version of the project wrote it: no principal_kind.
    Dataset<Row> older = session.read().format(format).load(events).drop("principal_kind");
    Path copy = temporary.resolve("older-" + format);
    older.write().format(format).partitionBy("event_date").save(copy.toString());
    session
        .read()
        .format(format)
        .load(copy.toString())
        .write()
        .format(format)
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .partitionBy("event_date")
        .save(events);
    assertThat(session.read().format(format).load(events).columns())
        .doesNotContain("principal_kind");

    ReportFixtures.report(archive, upgraded, "2024-03-01", "2024-03-03", "--format", format);
    // A run that always had the column: the shared report in Delta, a run of its own in Parquet.
    Map<String, List<String>> fresh;
    if (format.equals("delta")) {
      fresh = ReportFixtures.sharedReportSnapshot();
    } else {
      Path parquet = temporary.resolve("fresh-" + format);
      ReportFixtures.report(archive, parquet, "2024-03-01", "2024-03-03", "--format", format);
      fresh = ReportFixtures.snapshot(parquet, format);
    }

    List<Row> rows =
        session
            .read()
            .format(format)
            .load(events)
            .selectExpr(
                "event_date",
                "principal_kind",
                "identity_type",
                "identity_arn",
                "session_issuer_arn",
                "invoked_by")
            .collectAsList();
    assertThat(rows.stream().map(row -> row.get(0).toString()).distinct())
        .as("both days")
        .hasSize(2);
    for (Row row : rows) {
      assertThat(row.getString(1))
          .as("%s", row)
          .isEqualTo(
              PrincipalKind.of(
                      row.getString(2), row.getString(3), row.getString(4), row.getString(5))
                  .label());
    }
    assertThat(ReportFixtures.snapshot(upgraded, format)).isEqualTo(fresh);
  }
}
