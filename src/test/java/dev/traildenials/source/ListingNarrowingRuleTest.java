package dev.traildenials.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.query.ArchiveTables;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** Which conditions of a query narrow the scan's listing, and to what. */
class ListingNarrowingRuleTest {

  @TempDir static Path temporary;
  static SparkSession session;

  @BeforeAll
  static void registerAnArchive() throws Exception {
    session = SharedSpark.session();
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    ArchiveTables.register(
        session,
        ArchiveRead.listedByScans(
            session,
            new CloudTrailReadOptions(
                ArchiveRequest.everything("file:" + archive), false, 4, false)));
  }

  private static ListingNarrowing narrowingOf(String where) {
    LogicalPlan plan =
        session
            .sql("SELECT eventid FROM cloudtrail WHERE " + where)
            .queryExecution()
            .optimizedPlan();
    for (LogicalPlan leaf : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
      if (leaf instanceof DataSourceV2ScanRelation relation
          && relation.scan() instanceof CloudTrailScan scan) {
        return scan.narrowing();
      }
    }
    throw new AssertionError("no CloudTrail scan in " + plan);
  }

  @Test
  void aBetweenOnTheParsedEventTimeBoundsBothSides() {
    ListingNarrowing narrowing =
        narrowingOf(
            "from_iso8601_timestamp(eventtime) BETWEEN timestamp'2024-03-01 00:00:00'"
                + " AND timestamp'2024-03-01 00:15:00'");
    assertThat(narrowing.from()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(narrowing.to()).isEqualTo(Instant.parse("2024-03-01T00:15:01Z"));
    assertThat(narrowing.because()).anyMatch(c -> c.contains("from_iso8601_timestamp"));
  }

  @Test
  void aBoundRelativeToNowIsEvaluatedOnce() {
    Instant before = Instant.now();
    ListingNarrowing narrowing =
        narrowingOf("from_iso8601_timestamp(eventtime) >= now() - INTERVAL 7 DAYS");
    assertThat(narrowing.from())
        .isBetween(
            before.minus(Duration.ofDays(7)).minusSeconds(5),
            Instant.now().minus(Duration.ofDays(7)));
    assertThat(narrowing.to()).isNull();
  }

  @Test
  void textComparisonsEitherWayRound() {
    ListingNarrowing narrowing =
        narrowingOf("eventtime >= '2024-03-01T06:00:00Z' AND '2024-03-02' > eventtime");
    assertThat(narrowing.from()).isEqualTo(Instant.parse("2024-03-01T06:00:00Z"));
    assertThat(narrowing.to()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
    assertThat(narrowingOf("eventtime <= '2024-03-02'").to())
        .isEqualTo(Instant.parse("2024-03-03T00:00:00Z"));
  }

  @Test
  void accountsAndRegionsByEqualityOrIn() {
    ListingNarrowing narrowing =
        narrowingOf(
            "recipientaccountid IN ('111111111111', '222222222222') AND awsregion = 'us-east-1'");
    assertThat(narrowing.accounts()).containsExactlyInAnyOrder("111111111111", "222222222222");
    assertThat(narrowing.regions()).containsExactly("us-east-1");
  }

  @Test
  void whatItCannotProveNarrowsNothing() {
    assertThat(
            narrowingOf(
                    "from_iso8601_timestamp(eventtime) >= timestamp'2024-03-01 00:00:00'"
                        + " OR errorcode IS NOT NULL")
                .narrowsNothing())
        .isTrue();
    assertThat(narrowingOf("lower(eventtime) >= '2024-03-01'").narrowsNothing()).isTrue();
    assertThat(narrowingOf("eventtime >= 'yesterday'").narrowsNothing()).isTrue();
    assertThat(narrowingOf("awsregion = recipientaccountid").narrowsNothing()).isTrue();
  }

  @Test
  void aNarrowingNeverWidensNorEmptiesTheRequest() {
    ArchiveRequest request =
        new ArchiveRequest(
            "s3a://b",
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-10T00:00:00Z"),
            Set.of("111111111111"),
            Set.of(),
            Duration.ofDays(1));
    ArchiveRequest narrowed =
        new ListingNarrowing(
                Instant.parse("2024-02-01T00:00:00Z"),
                Instant.parse("2024-03-05T00:00:00Z"),
                Set.of("222222222222"),
                Set.of("eu-west-1"),
                java.util.List.of("x"))
            .applyTo(request);
    assertThat(narrowed.from()).isEqualTo(request.from());
    assertThat(narrowed.to()).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
    assertThat(narrowed.accounts()).containsExactly("111111111111");
    assertThat(narrowed.regions()).containsExactly("eu-west-1");
    ArchiveRequest disjoint =
        new ListingNarrowing(
                Instant.parse("2024-04-01T00:00:00Z"),
                null,
                Set.of(),
                Set.of(),
                java.util.List.of())
            .applyTo(request);
    assertThat(disjoint.from()).isEqualTo(request.from());
    assertThat(disjoint.to()).isEqualTo(request.to());
  }
}
