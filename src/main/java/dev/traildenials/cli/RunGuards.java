package dev.traildenials.cli;

import dev.traildenials.archive.ArchiveLayout;
import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Refuses the mistakes that would harm an archive, and says what a run is about to read. */
final class RunGuards {

  private RunGuards() {}

  /**
   * Stops a run whose output location is the archive, inside it or holds it: the tables would be
   * written into the audit logs' prefix, or the next run would read them back as logs.
   *
   * @param archive the archive root, normalized ({@code file:/...} or {@code s3a://...})
   * @param out the output location, normalized the same way
   */
  static void refuseOverlap(String archive, String out) {
    String logs = comparable(archive);
    String tables = comparable(out);
    String problem = null;
    if (logs.equals(tables)) {
      problem = "is the archive itself";
    } else if (tables.startsWith(logs + "/")) {
      problem = "is inside the archive " + archive;
    } else if (logs.startsWith(tables + "/")) {
      problem = "holds the archive " + archive;
    }
    if (problem != null) {
      throw Failure.userInput(
          "--out "
              + out
              + " "
              + problem
              + ": the tables would be written among the CloudTrail logs. Choose an --out outside"
              + " --archive (for example a bucket or folder of its own for the tables).");
    }
  }

  /** One spelling per location: s3, s3a and s3n name the same bucket; no trailing slash. */
  static String comparable(String location) {
    String trimmed = location;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    for (String scheme : Set.of("s3n://", "s3://")) {
      if (lower.startsWith(scheme)) {
        return "s3a://" + trimmed.substring(scheme.length());
      }
    }
    if (lower.startsWith("file:")) {
      return "file:"
          + realPath(Path.of(trimmed.substring("file:".length()).replaceFirst("^//", "")));
    }
    return trimmed;
  }

  /** The path with symbolic links of its existing part resolved, so two spellings compare. */
  private static String realPath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute.toString();
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).toString();
    } catch (IOException e) {
      return absolute.toString();
    }
  }

  /** What to say before a run that reads every day folder, or empty when a range bounds it. */
  static Optional<String> wholeArchiveNotice(ArchiveRequest request) {
    return wholeArchiveNotice(request, false);
  }

  /**
   * @param sql whether a query's own conditions on the event time may still narrow the listing
   */
  static Optional<String> wholeArchiveNotice(ArchiveRequest request, boolean sql) {
    if (request.from() != null || request.to() != null) {
      return Optional.empty();
    }
    return Optional.of(
        "reading every day folder (no --from/--to)"
            + (sql ? " that the query's conditions on eventtime do not rule out" : "")
            + " under "
            + request.root()
            + "; give --from/--to to read only the days you need");
  }

  /**
   * Stops {@code sample} from writing into a folder that already holds CloudTrail log files of
   * accounts the sample does not write: synthetic logs would mix into a real archive. A folder
   * holding an earlier sample is rewritten (the same options write the same bytes).
   */
  static void refuseSampleInto(Path out, Set<String> sampleAccounts) {
    if (!Files.isDirectory(out)) {
      return;
    }
    try (Stream<Path> files = Files.walk(out)) {
      Optional<Path> foreign =
          files
              .filter(Files::isRegularFile)
              .filter(
                  file ->
                      ArchiveLayout.parseLogFileName(file.getFileName().toString())
                          .map(name -> !sampleAccounts.contains(name.account()))
                          .orElse(false))
              .findFirst();
      if (foreign.isPresent()) {
        throw Failure.userInput(
            "sample --out "
                + out.toAbsolutePath()
                + " already holds CloudTrail log files the sample did not write ("
                + foreign.get()
                + "): the sample's synthetic logs would mix into them. Write the sample to an"
                + " empty folder of its own.");
      }
    } catch (IOException e) {
      throw Failure.storage("Cannot look into " + out + ": " + e.getMessage(), e);
    }
  }
}
