package dev.traildenials.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The log files of a benchmark corpus: CloudTrail's own, not digests. */
final class Corpus {

  /** The file names every contender reads; digest files are named _CloudTrail-Digest_. */
  static final String LOG_FILE_GLOB = "*_CloudTrail_*.json.gz";

  private Corpus() {}

  static List<Path> logFiles(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(path -> path.getFileName().toString().matches(".*_CloudTrail_.*\\.json\\.gz"))
          .sorted()
          .toList();
    }
  }
}
