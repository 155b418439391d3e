package dev.traildenials.testing;

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
import org.junit.jupiter.api.Assumptions;

/** Where the test archives are, and a reader of them that does not use the project's parser. */
public final class TestArchives {

  private TestArchives() {}

  /** The system property that turns a missing dataset from a skip into a failure (CI sets it). */
  public static final String DATASETS_REQUIRED = "datasets.required";

  /**
   * Real CloudTrail logs nobody on the project wrote (one account, us-east-1, 2,900 records), read
   * in place from ../shared; the calling test is skipped when they are not there.
   */
  public static Path sigmaDataset() {
    return dataset("sigma-aws-cloudtrail");
  }

  /**
   * Real CloudTrail records of attack simulations (310 records, four accounts, invented region
   * names), read in place from ../shared; the calling test is skipped when they are not there.
   */
  public static Path stratusDataset() {
    return dataset("stratus-red-team-detonations");
  }

  /**
   * A dataset under ../shared/datasets. When it is missing the calling test is skipped with a
   * one-line reason, unless {@value #DATASETS_REQUIRED} is true: then it fails.
   */
  static Path dataset(String name) {
    Path shared = Path.of(System.getProperty("trail-denials.shared", "../shared"));
    Path dataset = shared.resolve("datasets").resolve(name).toAbsolutePath().normalize();
    if (!Files.isDirectory(dataset.resolve("AWSLogs"))) {
      String reason = missingDatasetReason(dataset);
      if (Boolean.getBoolean(DATASETS_REQUIRED)) {
        throw new AssertionError(reason + " (required: -D" + DATASETS_REQUIRED + "=true)");
      }
      Assumptions.abort(reason);
    }
    return dataset;
  }

  /** The one line a test that needs a missing dataset is skipped with. */
  static String missingDatasetReason(Path dataset) {
    return "skipped: needs the real CloudTrail logs of "
        + dataset
        + ", which are not there (they sit in ../shared/datasets beside the project's CI"
        + " checkout; -D"
        + DATASETS_REQUIRED
        + "=true makes this a failure)";
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
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".json.gz"))
              // Digest and Insights files sit beside the logs and hold no events of the table.
              .filter(f -> !f.getFileName().toString().matches(".*_CloudTrail-(Digest|Insight)_.*"))
              .sorted()
              .toList()) {
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

  /** Copies a folder and everything under it to {@code to}, which must not exist yet. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
