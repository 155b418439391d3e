package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line refuses what would harm an archive, and says what it did not refuse. */
class HarmfulMistakesTest {

  @TempDir Path temporary;

  private Path smallArchive() throws Exception {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    return archive;
  }

  @Test
  void aReportWithItsTablesInsideTheArchiveIsRefusedAndWritesNothing() throws Exception {
    Path archive = smallArchive();
    long filesBefore = filesUnder(archive);

    Cli.Result inside =
        Cli.run(
            "report", "--archive", archive.toString(), "--out", archive.resolve("t").toString());
    assertThat(inside.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(inside.err())
        .contains("is inside the archive")
        .contains("Choose an --out outside --archive");

    Cli.Result same =
        Cli.run("nightly", "--archive", archive.toString(), "--out", archive.toString());
    assertThat(same.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(same.err()).contains("is the archive itself");

    assertThat(filesUnder(archive)).isEqualTo(filesBefore);
  }

  @Test
  void theSampleIsNotMixedIntoARealArchive() throws Exception {
    Path real = temporary.resolve("real");
    Path day =
        Files.createDirectories(
            real.resolve("AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10"));
    Files.write(
        day.resolve("218007301253_CloudTrail_us-east-1_20230710T1240Z_C1qUFaqvZS64BcIN.json.gz"),
        new byte[] {1});

    Cli.Result result = Cli.run("sample", "--out", real.toString());
    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(result.err())
        .contains("already holds CloudTrail log files the sample did not write");
    assertThat(filesUnder(real)).isEqualTo(1);

    // The sample written twice to its own folder is fine: the same options write the same bytes.
    Path sample = temporary.resolve("sample");
    assertThat(Cli.run("sample", "--out", sample.toString()).exitCode()).isZero();
    assertThat(Cli.run("sample", "--out", sample.toString()).exitCode()).isZero();
  }

  @Test
  void aQueryWithoutARangeSaysItReadsEveryDayFolder() throws Exception {
    Path archive = smallArchive();
    Cli.Result result =
        Cli.run("query", "--archive", archive.toString(), "-e", "SELECT count(*) FROM cloudtrail");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains(
            "trail-denials: reading every day folder (no --from/--to) that the query's conditions"
                + " on eventtime do not rule out under file:"
                + archive);

    Cli.Result bounded =
        Cli.run(
            "query",
            "--archive",
            archive.toString(),
            "--from",
            "2024-03-01",
            "-e",
            "SELECT count(*) FROM cloudtrail");
    assertThat(bounded.err()).doesNotContain("reading every day folder");
  }

  @Test
  void aMissingArchiveSaysItDoesNotExist() {
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            temporary.resolve("no-such-folder").toString(),
            "-e",
            "SELECT count(*) FROM cloudtrail");
    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(result.err()).contains("no-such-folder does not exist");
  }

  private static long filesUnder(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
