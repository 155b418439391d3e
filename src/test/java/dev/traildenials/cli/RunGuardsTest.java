package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.archive.ArchiveRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harmful mistakes a run refuses, and the notice before a run over the whole archive. */
class RunGuardsTest {

  @TempDir Path temporary;

  @Test
  void tablesAreNotWrittenIntoTheArchiveNorTheArchiveIntoTheTables() {
    assertThatThrownBy(() -> RunGuards.refuseOverlap("file:/data/trail", "file:/data/trail/"))
        .hasMessage(
            "--out file:/data/trail/ is the archive itself: the tables would be written among"
                + " the CloudTrail logs. Choose an --out outside --archive (for example a bucket"
                + " or folder of its own for the tables).");
    assertThatThrownBy(
            () -> RunGuards.refuseOverlap("s3a://audit/trail", "s3://audit/trail/denials"))
        .hasMessageStartingWith("--out s3://audit/trail/denials is inside the archive");
    assertThatThrownBy(() -> RunGuards.refuseOverlap("s3a://audit/trail/AWSLogs", "s3a://audit"))
        .hasMessageStartingWith("--out s3a://audit holds the archive s3a://audit/trail/AWSLogs");
    assertThatCode(() -> RunGuards.refuseOverlap("s3a://audit/trail", "s3a://audit/trail-tables"))
        .doesNotThrowAnyException();
    assertThatCode(() -> RunGuards.refuseOverlap("file:/data/trail", "file:/data/denials"))
        .doesNotThrowAnyException();
  }

  @Test
  void twoSpellingsOfOneFolderAreTheSameFolder() throws Exception {
    Path archive = Files.createDirectories(temporary.resolve("archive"));
    Path link = Files.createSymbolicLink(temporary.resolve("link"), archive);
    assertThatThrownBy(
            () -> RunGuards.refuseOverlap("file:" + archive, "file:" + link.resolve("out")))
        .hasMessageContaining("is inside the archive");
  }

  @Test
  void aRunOverTheWholeArchiveSaysSoBeforeItStarts() {
    assertThat(RunGuards.wholeArchiveNotice(ArchiveRequest.everything("s3a://b/p")))
        .hasValue(
            "reading every day folder (no --from/--to) under s3a://b/p; give --from/--to to read"
                + " only the days you need");
    assertThat(
            RunGuards.wholeArchiveNotice(
                new ArchiveRequest(
                    "s3a://b/p",
                    Instant.parse("2024-03-01T00:00:00Z"),
                    null,
                    Set.of(),
                    Set.of(),
                    Duration.ofDays(1))))
        .isEmpty();
  }

  @Test
  void theSampleIsNotWrittenIntoAFolderHoldingOtherLogs() throws Exception {
    Path real = Files.createDirectories(temporary.resolve("real/us-east-1/2023/07/10"));
    Files.write(
        real.resolve("218007301253_CloudTrail_us-east-1_20230710T1240Z_C1qUFaqvZS64BcIN.json.gz"),
        new byte[] {1});
    assertThatThrownBy(
            () -> RunGuards.refuseSampleInto(temporary.resolve("real"), Set.of("111111111111")))
        .hasMessageStartingWith(
            "sample --out " + temporary.resolve("real") + " already holds CloudTrail log files")
        .hasMessageContaining("218007301253_CloudTrail_us-east-1")
        .hasMessageEndingWith("Write the sample to an empty folder of its own.");

    Path earlierSample = Files.createDirectories(temporary.resolve("sample/x"));
    Files.write(
        earlierSample.resolve("111111111111_CloudTrail_us-east-1_20240301T0010Z_abc.json.gz"),
        new byte[] {1});
    assertThatCode(
            () -> RunGuards.refuseSampleInto(temporary.resolve("sample"), Set.of("111111111111")))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> RunGuards.refuseSampleInto(temporary.resolve("none"), Set.of("111111111111")))
        .doesNotThrowAnyException();
  }
}
