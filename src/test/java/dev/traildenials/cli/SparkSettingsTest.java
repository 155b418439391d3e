package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source of a Spark setting wins: --conf, then -Dspark.*, then the defaults file. */
class SparkSettingsTest {

  private static final Map<String, String> FILE =
      Map.of(
          "spark.sql.shuffle.partitions", "1",
          "spark.ui.showConsoleProgress", "true",
          "spark.sql.files.openCostInBytes", "1048576");

  @Test
  void commandLineWinsOverSystemPropertiesWhichWinOverTheDefaultsFile() {
    Map<String, String> settings =
        SparkSettings.resolve(
            Map.of("spark.sql.shuffle.partitions", "4", "spark.driver.memory", "2g"),
            FILE,
            Map.of("spark.sql.shuffle.partitions", "8"),
            true);

    assertThat(settings)
        .containsEntry("spark.sql.shuffle.partitions", "8")
        .containsEntry("spark.driver.memory", "2g")
        .containsEntry("spark.sql.files.openCostInBytes", "1048576")
        .containsEntry("spark.master", "local[*]")
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    assertThat(
            SparkSettings.resolve(
                Map.of("spark.sql.shuffle.partitions", "4"), FILE, Map.of(), true))
        .containsEntry("spark.sql.shuffle.partitions", "4");
    assertThat(SparkSettings.resolve(Map.of(), FILE, Map.of(), true))
        .containsEntry("spark.sql.shuffle.partitions", "1");
  }

  @Test
  void aClusterKeepsItsOwnSettingsAndIgnoresTheLocalFile() {
    Map<String, String> settings =
        SparkSettings.resolve(
            Map.of("spark.master", "yarn", "spark.sql.extensions", "com.example.Ext"),
            FILE,
            Map.of(),
            false);

    assertThat(settings)
        .containsEntry("spark.master", "yarn")
        .containsEntry("spark.sql.extensions", "com.example.Ext")
        .doesNotContainKeys("spark.sql.shuffle.partitions", "spark.ui.showConsoleProgress");
    assertThat(SparkSettings.isLocal(settings)).isFalse();
    assertThat(
            SparkSettings.isLocal(
                SparkSettings.resolve(
                    Map.of(), FILE, Map.of("spark.master", "spark://host:7077"), true)))
        .isFalse();
  }

  @Test
  void theProgressBarIsDrawnOnlyOnATerminalUnlessAskedFor() {
    assertThat(SparkSettings.resolve(Map.of(), FILE, Map.of(), true))
        .containsEntry(SparkSettings.PROGRESS_BAR, "true");
    assertThat(SparkSettings.resolve(Map.of(), FILE, Map.of(), false))
        .containsEntry(SparkSettings.PROGRESS_BAR, "false");
    assertThat(
            SparkSettings.resolve(
                Map.of(), FILE, Map.of(SparkSettings.PROGRESS_BAR, "true"), false))
        .containsEntry(SparkSettings.PROGRESS_BAR, "true");
  }

  @Test
  void theDefaultsFileIsReadInSparkSubmitsFormat(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("spark-defaults.conf");
    Files.writeString(
        file, "# a comment\n\nspark.ui.enabled   false\nspark.sql.warehouse.dir ${user.home}/w\n");
    assertThat(SparkSettings.readDefaultsFile(file))
        .containsExactly(
            Map.entry("spark.ui.enabled", "false"),
            Map.entry("spark.sql.warehouse.dir", System.getProperty("user.home") + "/w"));
  }

  @Test
  void theShippedDefaultsFileParsesAndKeepsItsPinnedValues() {
    Map<String, String> shipped =
        SparkSettings.readDefaultsFile(
            dev.traildenials.testing.TestArchives.projectDirectory()
                .resolve("conf/spark-defaults.conf"));
    assertThat(shipped)
        .containsEntry("spark.sql.shuffle.partitions", "1")
        .containsEntry("spark.sql.files.openCostInBytes", "1048576")
        .containsEntry(SparkSettings.PROGRESS_BAR, "true");
  }
}
