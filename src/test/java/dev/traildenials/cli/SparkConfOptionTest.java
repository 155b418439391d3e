package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --conf setting reaches the session the command runs in. */
class SparkConfOptionTest {

  private static final String KEY = "spark.sql.shuffle.partitions";

  private final String before = SharedSpark.session().conf().get(KEY);

  @AfterEach
  void restoreTheSharedSession() {
    SharedSpark.session().conf().set(KEY, before);
  }

  @Test
  void aConfSettingIsTheSessionsForTheRun(@TempDir Path folder) throws Exception {
    Path archive = folder.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    Path csv = folder.resolve("set.csv");
    Cli.Result result =
        Cli.queryToCsv(
            archive.toString(),
            csv,
            "--from",
            "2024-03-01",
            "--conf",
            KEY + "=7",
            "-e",
            "SET " + KEY);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(csv)).containsExactly("key,value", KEY + ",7");
    assertThat(before).isNotEqualTo("7");
  }
}
