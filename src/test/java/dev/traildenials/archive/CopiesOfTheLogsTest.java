package dev.traildenials.archive;

import static dev.traildenials.testing.TestArchives.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real logs read from every shape a copy of them takes: CloudTrail's layout with region names no
 * pattern knows, a copy rooted at the region folders, a flat folder, one file. The expected answers
 * come from reading the files with Jackson's tree model, not with the project's parser.
 */
class CopiesOfTheLogsTest {

  private static final String DENIED_EVENT_IDS =
      "SELECT eventid FROM cloudtrail WHERE eventtype = 'AwsApiCall' AND"
          + " (lower(errorcode) LIKE '%accessdenied%' OR lower(errorcode) LIKE '%unauthorized%')";

  @TempDir Path temporary;

  /** The event ids AWS's troubleshooting predicate selects, read straight from the files. */
  private static Set<String> deniedEventIds(Path root) {
    Set<String> ids = new TreeSet<>();
    for (JsonNode record : TestArchives.recordsUnder(root)) {
      String code = text(record, "errorCode");
      String lower = code == null ? "" : code.toLowerCase(Locale.ROOT);
      if ("AwsApiCall".equals(text(record, "eventType"))
          && (lower.contains("accessdenied") || lower.contains("unauthorized"))) {
        ids.add(text(record, "eventID"));
      }
    }
    return ids;
  }

  private List<String> column(String archive, String sql, String... more) throws IOException {
    Path csv = temporary.resolve("result-" + System.nanoTime() + ".csv");
    List<String> arguments =
        new java.util.ArrayList<>(List.of("query", "--archive", archive, "-e", sql, "--csv"));
    arguments.add(csv.toString());
    arguments.addAll(List.of(more));
    Cli.Result result = Cli.run(arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
    try (Reader reader = Files.newBufferedReader(csv)) {
      return CSVFormat.RFC4180.builder().setHeader().build().parse(reader).stream()
          .map((CSVRecord row) -> row.get(0))
          .toList();
    }
  }

  @Test
  void logsOfRegionsNoPatternKnowsAreAllRead() throws IOException {
    Path stratus = TestArchives.stratusDataset();
    List<JsonNode> records = TestArchives.recordsUnder(stratus);
    Set<String> denied = deniedEventIds(stratus);
    assertThat(records).hasSize(310);
    assertThat(denied).hasSize(51);

    assertThat(column(stratus.toString(), "SELECT count(*) FROM cloudtrail"))
        .containsExactly("310");
    assertThat(column(stratus.toString(), DENIED_EVENT_IDS))
        .containsExactlyInAnyOrderElementsOf(denied);
    Set<String> regions =
        records.stream().map(record -> text(record, "awsRegion")).collect(Collectors.toSet());
    assertThat(column(stratus.toString(), "SELECT DISTINCT awsregion FROM cloudtrail"))
        .containsExactlyInAnyOrderElementsOf(regions);
  }

  @Test
  void aCopyRootedAtTheRegionFoldersGivesTheSameDenials() throws IOException {
    Path sigma = TestArchives.sigmaDataset();
    // aws s3 sync s3://bucket/AWSLogs/<account>/CloudTrail/ ./logs
    Path copy = temporary.resolve("logs");
    TestArchives.copyTree(sigma.resolve("AWSLogs/218007301253/CloudTrail"), copy);
    assertThat(copy.resolve("us-east-1/2023/07/10")).isDirectory();

    Set<String> denied = deniedEventIds(sigma);
    assertThat(denied).hasSize(60);
    assertThat(column(copy.toString(), DENIED_EVENT_IDS))
        .containsExactlyInAnyOrderElementsOf(denied);
    // Day pruning holds where the day folders are: the day before reads nothing.
    assertThat(
            column(
                copy.toString(),
                "SELECT count(*) FROM cloudtrail",
                "--from",
                "2023-07-08",
                "--to",
                "2023-07-09",
                "--max-delivery-delay",
                "PT0S"))
        .containsExactly("0");
    assertThat(
            column(copy.toString(), DENIED_EVENT_IDS, "--from", "2023-07-10", "--to", "2023-07-11"))
        .containsExactlyInAnyOrderElementsOf(denied);
  }

  @Test
  void aFlatFolderOfLogFilesAndOneFileAreReadToo() throws IOException {
    Path sigma = TestArchives.sigmaDataset();
    Path flat = Files.createDirectories(temporary.resolve("flat"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sigma.resolve("AWSLogs"))) {
      files = walk.filter(file -> file.toString().endsWith(".json.gz")).sorted().toList();
    }
    for (Path file : files) {
      Files.copy(file, flat.resolve(file.getFileName()));
    }

    assertThat(column(flat.toString(), DENIED_EVENT_IDS))
        .containsExactlyInAnyOrderElementsOf(deniedEventIds(sigma));

    // One file given as the archive: its records, counted from a folder holding only it.
    Path alone = Files.createDirectories(temporary.resolve("alone"));
    Path one = Files.copy(files.get(0), alone.resolve(files.get(0).getFileName()));
    assertThat(column(one.toString(), "SELECT count(*) FROM cloudtrail"))
        .containsExactly(String.valueOf(TestArchives.recordsUnder(alone).size()));
  }
}
