package dev.traildenials.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.failure.Failure;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-ahead settings as a user writes them: Spark's byte sizes, and a clear word on a typo.
 */
class ReadAheadSettingsTest {

  @TempDir Path temporary;

  @AfterEach
  void unset() {
    SharedSpark.session().conf().unset(CloudTrailScan.READ_AHEAD_FILES);
    SharedSpark.session().conf().unset(CloudTrailScan.READ_AHEAD_BYTES);
  }

  @Test
  void aSizeWrittenAsSparkWritesOneGivesTheSameAnswerAsFileAfterFile() throws Exception {
    SparkSession session = SharedSpark.session();
    Path archive = archive();
    session.conf().set(CloudTrailScan.READ_AHEAD_FILES, "0");
    long fileAfterFile = denials(session, archive);
    session.conf().set(CloudTrailScan.READ_AHEAD_FILES, "4");
    session.conf().set(CloudTrailScan.READ_AHEAD_BYTES, "1m");
    assertThat(denials(session, archive)).isEqualTo(fileAfterFile).isPositive();
  }

  @Test
  void aSettingThatIsNotANumberIsTheUsersMistakeAndNamesTheSetting() throws Exception {
    SparkSession session = SharedSpark.session();
    Path archive = archive();
    session.conf().set(CloudTrailScan.READ_AHEAD_FILES, "eight");
    assertThatThrownBy(() -> denials(session, archive))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.USER_INPUT))
        .hasMessageContaining("spark.trail-denials.readAhead.files is 'eight'");
    session.conf().set(CloudTrailScan.READ_AHEAD_FILES, "8");
    session.conf().set(CloudTrailScan.READ_AHEAD_BYTES, "lots");
    assertThatThrownBy(() -> denials(session, archive))
        .isInstanceOf(Failure.class)
        .hasMessageContaining("spark.trail-denials.readAhead.bytes is 'lots'");
  }

  private Path archive() throws java.io.IOException {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    return archive;
  }

  private static long denials(SparkSession session, Path archive) {
    return ArchiveRead.listedByScans(
            session,
            new CloudTrailReadOptions(
                ArchiveRequest.everything(archive.toUri().toString()), false, 4, false))
        .load(session)
        .where("errorcode IS NOT NULL")
        .count();
  }
}
