package dev.traildenials.report;

import static dev.traildenials.report.ReportFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report over the real logs of ../shared/datasets, read in place, the whole archive. */
@Tag("slow")
class RealLogsReportTest {

  @TempDir static Path temporary;
  static Path out;

  @BeforeAll
  static void reportTheWholeArchive() {
    out = temporary.resolve("tables");
    report(TestArchives.sigmaDataset(), out, null, null);
  }

  private static Dataset<Row> table(String name) {
    return SharedSpark.session().read().format("delta").load(out.resolve(name).toString());
  }

  @Test
  void whatEveryPrincipalAndServiceLinkedRoleDidEqualsTheCountOfTheRawRecords() {
    ServiceActivityTest.assertSlrActivity(TestArchives.sigmaDataset(), out);
    ServiceActivityTest.assertPrincipalActivity(TestArchives.sigmaDataset(), out);
    // The six calls of service-linked roles in these logs.
    assertThat(
            ServiceActivityTest.table(out, "slr_activity")
                .agg(org.apache.spark.sql.functions.sum("calls"))
                .first()
                .getLong(0))
        .isEqualTo(6L);
  }

  /** target/screenshots/report-page-real-logs.png is the page's top. */
  @Test
  void thePageShowsWhatNeedsAttentionFirstInABrowser() throws Exception {
    RenderedPage.check(out, "delta", temporary, "report-page-real-logs");
  }

  @Test
  void denialEventsHoldWhatAwsTroubleshootingQueryFinds() {
    Map<String, Integer> seed =
        ReportFixtures.seedDenials(TestArchives.sigmaDataset(), Instant.EPOCH, Instant.MAX);
    List<String> ids = ReportFixtures.seedPredicateIds(out);
    assertThat(seed).hasSize(60);
    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seed.keySet());
  }

  @Test
  void theRealDenialsAreClassifiedByTheirMessages() {
    Map<String, Long> kinds = new HashMap<>();
    for (Row row : table("denial_events").groupBy("deny_kind").count().collectAsList()) {
      kinds.put(row.getString(0), row.getLong(1));
    }
    // 44 EC2 encoded messages, 1 implicit identity-based deny, 15 messages that name no reason.
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(Map.of("encoded", 44L, "implicit", 1L, "unknown", 15L));
    assertThat(
            table("denial_events")
                .filter("deny_kind = 'implicit'")
                .select("policy_type", "denied_action", "principal_arn")
                .first()
                .toString())
        .isEqualTo(
            "[identity-based policy,organizations:LeaveOrganization,"
                + "arn:aws:iam::123837392027:role/stratus-red-team-leave-org-role]");
  }

  @Test
  void noServiceLinkedRoleWasDeniedSoTheMetricIsEmptyLikeTheDirectCount() {
    assertThat(ReportFixtures.seedMetric(TestArchives.sigmaDataset(), Instant.EPOCH, Instant.MAX))
        .isEmpty();
    assertThat(table("slr_metric_hourly").count()).isZero();
    assertThat(table("slr_alarms").count()).isZero();
    assertThat(table("denial_events").filter("is_service_linked_role").count()).isZero();
  }

  @Test
  void aSecondRunChangesNoTable() {
    Map<String, List<String>> before = ReportFixtures.snapshot(out, "delta");
    String printed = report(TestArchives.sigmaDataset(), out, null, null).err();
    assertThat(printed).contains("tables changed: none");
    assertThat(ReportFixtures.snapshot(out, "delta")).isEqualTo(before);
  }
}
