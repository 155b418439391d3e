package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.classify.PrincipalKind;
import dev.traildenials.testing.Cli;
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
 * Tables written before denial_events had principal_kind and slr_alarms raised_by_run_id: the next
 * run adds the columns, gives the earlier events their kind from the identity they hold, counts as
 * new only the alarm periods no earlier run raised, and ends with the tables of a run that always
 * had them.
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
    // The tables as an earlier version of the project wrote them.
    asWrittenBefore(session, format, events, "principal_kind");
    String alarms = upgraded.resolve("slr_alarms").toString();
    long alarmedBefore = session.read().format(format).load(alarms).count();
    asWrittenBefore(session, format, alarms, "raised_by_run_id");

    Cli.Result next =
        ReportFixtures.report(archive, upgraded, "2024-03-01", "2024-03-03", "--format", format);
    long alarmed = session.read().format(format).load(alarms).count();
    assertThat(alarmed).isGreaterThan(alarmedBefore);
    assertThat(next.err())
        .contains("; " + alarmed + " alarm periods (" + (alarmed - alarmedBefore) + " new);");
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

  /** Rewrites a table without one of its columns, as a version before that column wrote it. */
  private void asWrittenBefore(SparkSession session, String format, String table, String column) {
    Dataset<Row> older = session.read().format(format).load(table).drop(column);
    Path copy = temporary.resolve("older-" + format + "-" + Path.of(table).getFileName());
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
        .save(table);
    assertThat(session.read().format(format).load(table).columns()).doesNotContain(column);
  }
}
