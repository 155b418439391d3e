package dev.traildenials.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packs log files into read tasks by size, as Spark does for its own file sources: each file costs
 * its size plus an open cost, a task holds up to a target cost, the target shrinks so that every
 * core gets work. Many small files share a task; a large file has one to itself.
 */
public final class FilePacking {

  private FilePacking() {}

  /**
   * @param maxTaskBytes the most bytes one task reads ({@code spark.sql.files.maxPartitionBytes})
   * @param openCostBytes what opening a file is worth in bytes ({@code
   *     spark.sql.files.openCostInBytes})
   * @param parallelism how many tasks can run at once
   */
  public static List<List<LogFile>> pack(
      List<LogFile> files, long maxTaskBytes, long openCostBytes, int parallelism) {
    long totalCost = 0;
    for (LogFile file : files) {
      totalCost += file.size() + openCostBytes;
    }
    long perCore = totalCost / Math.max(1, parallelism);
    long target = Math.min(maxTaskBytes, Math.max(openCostBytes, perCore));

    List<LogFile> bySizeDescending = new ArrayList<>(files);
    bySizeDescending.sort(Comparator.comparingLong(LogFile::size).reversed());
    List<List<LogFile>> tasks = new ArrayList<>();
    List<LogFile> current = new ArrayList<>();
    long currentCost = 0;
    for (LogFile file : bySizeDescending) {
      long cost = file.size() + openCostBytes;
      if (!current.isEmpty() && currentCost + cost > target) {
        tasks.add(current);
        current = new ArrayList<>();
        currentCost = 0;
      }
      current.add(file);
      currentCost += cost;
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    return tasks;
  }
}
