package dev.traildenials.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample --realistic}: logs that compress as little as real ones (checked against the real
 * logs of ../shared/datasets when they are there), with values that vary as real ones do, read here
 * with Jackson.
 */
class RealisticSampleTest {

  @TempDir Path temporary;

  /** A day of one account and region, in files of 300 records (an organization trail's size). */
  private static SampleSettings day() {
    return new SampleSettings(
        LocalDate.of(2024, 3, 1),
        1,
        List.of("111111111111"),
        "o-exampleorg01",
        List.of(),
        List.of("us-east-1"),
        1,
        300,
        2024L,
        false,
        true);
  }

  @Test
  void theLogsCompressAsLittleAsRealOnes() throws IOException {
    SampleArchive.Written written = new SampleArchive(day()).write(temporary);
    double uniform =
        new SampleArchive(day().withRealistic(false))
            .write(temporary.resolve("uniform"))
            .compressionRatio();

    assertThat(written.compressionRatio()).isBetween(5.0, 9.0);
    assertThat(uniform).as("the uniform sample, for contrast").isGreaterThan(11.0);
    // As the written counts say: the files' sizes, compressed and not.
    long compressed = 0;
    long json = 0;
    for (Path file : logFiles(temporary.resolve("AWSLogs"))) {
      compressed += Files.size(file);
      json += uncompressedSize(file);
    }
    assertThat(written.bytes()).isEqualTo(compressed);
    assertThat(written.jsonBytes()).isEqualTo(json);
  }

  @Test
  void theLogsCompressWithinTheRangeOfTheRealDatasets() throws IOException {
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (Path dataset : List.of(TestArchives.sigmaDataset(), TestArchives.stratusDataset())) {
      long compressed = 0;
      long json = 0;
      for (Path file : logFiles(dataset)) {
        compressed += Files.size(file);
        json += uncompressedSize(file);
      }
      double ratio = (double) json / compressed;
      lowest = Math.min(lowest, ratio);
      highest = Math.max(highest, ratio);
    }
    assertThat(new SampleArchive(day()).write(temporary).compressionRatio())
        .isBetween(lowest, highest);
  }

  @Test
  void valuesVaryAsARealAccountsDo() throws IOException {
    new SampleArchive(day()).write(temporary);
    ObjectMapper mapper = new ObjectMapper();
    Set<String> eventIds = new HashSet<>();
    Set<String> agents = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    Set<String> identities = new HashSet<>();
    int records = 0;
    int large = 0;
    int filesOutOfOrder = 0;
    for (Path file : logFiles(temporary.resolve("AWSLogs"))) {
      JsonNode list;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        list = mapper.readTree(in).get("Records");
      }
      Instant previous = Instant.MIN;
      boolean ordered = true;
      for (JsonNode record : list) {
        records++;
        eventIds.add(record.get("eventID").asText());
        agents.add(record.path("userAgent").asText());
        addresses.add(record.path("sourceIPAddress").asText());
        identities.add(record.path("userIdentity").path("arn").asText());
        if (record.toString().length() > 4_000) {
          large++;
        }
        Instant time = Instant.parse(record.get("eventTime").asText());
        ordered &= !time.isBefore(previous);
        previous = time;
      }
      if (!ordered) {
        filesOutOfOrder++;
      }
    }
    // One event id a record, but for the file the sample delivers twice, as CloudTrail can.
    assertThat(eventIds).as("event ids").hasSize(records - day().recordsPerFile());
    assertThat(agents.size()).as("user agents").isGreaterThan(50);
    assertThat(addresses.size()).as("source addresses").isGreaterThan(100);
    assertThat(identities.size()).as("callers and their sessions").isGreaterThan(100);
    assertThat(large).as("records of over 4 KB (policy documents)").isPositive();
    assertThat(filesOutOfOrder).as("files whose records are not in time order").isPositive();
  }

  private static List<Path> logFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(
              file -> file.getFileName().toString().matches(".*_CloudTrail_[^_]+_.*\\.json\\.gz"))
          .sorted()
          .toList();
    }
  }

  private static long uncompressedSize(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }
}
