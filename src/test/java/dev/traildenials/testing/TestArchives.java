package dev.traildenials.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.sample.SampleSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Where the test archives are, and a reader of them that does not use the project's parser. */
public final class TestArchives {

  private TestArchives() {}

  /** Real CloudTrail logs nobody on the project wrote, read in place from ../shared. */
  public static Path sigmaDataset() {
    Path shared = Path.of(System.getProperty("trail-denials.shared", "../shared"));
    Path dataset = shared.resolve("datasets/sigma-aws-cloudtrail").toAbsolutePath().normalize();
    assertThat(dataset.resolve("AWSLogs"))
        .as("the shared dataset beside the checkout")
        .isDirectory();
    return dataset;
  }

  /**
   * A small generated archive for golden files: one account of its own and one organization
   * account, one region, one file an hour of 8 records, from 2024-03-01 for the given days.
   */
  public static SampleSettings smallFixture(int days) {
    return new SampleSettings(
        LocalDate.of(2024, 3, 1),
        days,
        List.of("111111111111"),
        "o-exampleorg01",
        List.of("444444444444"),
        List.of("us-east-1"),
        1,
        8,
        11L,
        false);
  }

  /** The project's folder (for sql/ and conf/). */
  public static Path projectDirectory() {
    return Path.of(System.getProperty("trail-denials.basedir", ".")).toAbsolutePath();
  }

  /**
   * Every record of every {@code .json.gz} file under a folder, read with Jackson's tree model: an
   * independent reading to check the streaming parser against.
   */
  public static List<JsonNode> recordsUnder(Path root) {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json.gz")).sorted().toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          mapper.readTree(in).get("Records").forEach(records::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  /** The text of a JSON value as jq's {@code -r} would print it; null for missing or null. */
  public static String text(JsonNode node, String... path) {
    JsonNode current = node;
    for (String key : path) {
      current = current == null ? null : current.get(key);
    }
    return current == null || current.isNull() ? null : current.asText();
  }
}
