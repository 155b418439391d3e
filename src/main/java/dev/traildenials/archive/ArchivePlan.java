package dev.traildenials.archive;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a run reads: the log files, what it passed over, and which folders it listed to know.
 *
 * @param files the log files to read, ordered by path
 * @param skipped paths under the archive that are not log files, ordered by path
 * @param listedFolders every folder listed while planning, in listing order per level
 */
public record ArchivePlan(
    List<LogFile> files, List<SkippedPath> skipped, List<String> listedFolders) {

  public ArchivePlan {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    listedFolders = List.copyOf(listedFolders);
  }

  /** The same plan without the files {@code leaveOut} accepts (files read by an earlier run). */
  public ArchivePlan leaveOut(Predicate<LogFile> leaveOut) {
    return new ArchivePlan(
        files.stream().filter(leaveOut.negate()).toList(), skipped, listedFolders);
  }

  public long totalBytes() {
    return files.stream().mapToLong(LogFile::size).sum();
  }
}
