package dev.traildenials.source;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.LogFile;
import dev.traildenials.archive.SkippedPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.spark.SparkContext;

/**
 * What a read of the archive did: its plan, the files it rejected and why, and its counts.
 *
 * <p>Reads find their report by the {@link CloudTrailReadOptions#REPORT_ID} option, so that the job
 * that started a read can tell the user about every bad file after Spark has run it. Rejected files
 * are gathered from the tasks with an accumulator; a retried task may add a file twice, so they are
 * de-duplicated by path when read.
 */
public final class ReadReport {

  private static final Map<String, ReadReport> REPORTS = new ConcurrentHashMap<>();

  // One entry per distinct listing: a query whose scans are narrowed differently (a union of two
  // time ranges) lists each; planning the same listing again replaces its entry.
  private final Map<ArchiveRequest, Listing> listings = new ConcurrentHashMap<>();
  private volatile Predicate<LogFile> excluded = file -> false;
  private final ReadCounters counters;

  private ReadReport(SparkContext sparkContext) {
    counters = new ReadCounters(sparkContext);
  }

  /** The report of this id, created on first use. */
  public static ReadReport forId(SparkContext sparkContext, String reportId) {
    return REPORTS.computeIfAbsent(reportId, id -> new ReadReport(sparkContext));
  }

  /** A report nobody looks up (a read without a report id): not kept in the registry. */
  static ReadReport unregistered(SparkContext sparkContext) {
    return new ReadReport(sparkContext);
  }

  /** The report of this id, if a read has recorded into it. */
  public static Optional<ReadReport> find(String reportId) {
    return Optional.ofNullable(REPORTS.get(reportId));
  }

  /** Forgets a report once its job has used it. */
  public static void release(String reportId) {
    REPORTS.remove(reportId);
  }

  /**
   * Makes the read leave out the planned files this predicate accepts (files an earlier run has
   * read already). Set before the read is planned.
   */
  public void excludeFiles(Predicate<LogFile> alreadyRead) {
    this.excluded = alreadyRead;
  }

  ArchivePlan withoutExcludedFiles(ArchivePlan planned) {
    Predicate<LogFile> leaveOut = excluded;
    List<LogFile> kept = planned.files().stream().filter(leaveOut.negate()).toList();
    return new ArchivePlan(kept, planned.skipped(), planned.listedFolders());
  }

  /** Planned files left out because {@link #excludeFiles} accepted them, over every listing. */
  public long filesExcluded() {
    return listings.values().stream().mapToLong(Listing::excluded).sum();
  }

  /**
   * One listing of the archive: what it planned, the requests it took, its narrowing, the files
   * left out as read by earlier runs, and the tasks its files were packed into.
   */
  private record Listing(
      ArchivePlan plan, StoreRequests requests, String narrowing, long excluded, int tasks) {
    Listing withTasks(int packed) {
      return new Listing(plan, requests, narrowing, excluded, packed);
    }
  }

  /**
   * What the query's own conditions narrowed the listing to, one description per narrowed scan;
   * empty when nothing was narrowed. A scan listed without narrowing is said too when another was
   * narrowed.
   */
  public String narrowing() {
    List<String> narrowed =
        listings.values().stream()
            .map(Listing::narrowing)
            .filter(description -> !description.isEmpty())
            .distinct()
            .sorted()
            .toList();
    if (narrowed.isEmpty()) {
      return "";
    }
    boolean alsoWhole = listings.values().stream().anyMatch(l -> l.narrowing().isEmpty());
    return String.join("; ", narrowed)
        + (alsoWhole ? "; another scan of the query listed the whole requested range" : "");
  }

  void recordPlan(
      ArchiveRequest listing,
      ArchivePlan planned,
      ArchivePlan plan,
      StoreRequests listingRequests,
      String narrowing) {
    // Planning the same listing again keeps the task count its first planning recorded.
    listings.merge(
        listing,
        new Listing(
            plan, listingRequests, narrowing, planned.files().size() - plan.files().size(), 0),
        (earlier, now) -> now.withTasks(earlier.tasks()));
  }

  void recordReadTasks(ArchiveRequest listing, int tasks) {
    listings.computeIfPresent(listing, (key, planned) -> planned.withTasks(tasks));
  }

  /** How many tasks the files were packed into (one pass of every scan over its files). */
  public int readTasks() {
    return listings.values().stream().mapToInt(Listing::tasks).sum();
  }

  ReadCounters counters() {
    return counters;
  }

  /**
   * The files of every listing the read planned (a file two scans planned once), if one has been
   * planned.
   */
  public Optional<ArchivePlan> plan() {
    if (listings.size() <= 1) {
      return listings.values().stream().findFirst().map(Listing::plan);
    }
    Map<String, LogFile> files = new LinkedHashMap<>();
    Map<String, SkippedPath> skipped = new LinkedHashMap<>();
    java.util.Set<String> folders = new java.util.LinkedHashSet<>();
    for (Listing listing : listings.values()) {
      listing.plan().files().forEach(file -> files.putIfAbsent(file.path(), file));
      listing.plan().skipped().forEach(path -> skipped.putIfAbsent(path.path(), path));
      folders.addAll(listing.plan().listedFolders());
    }
    return Optional.of(
        new ArchivePlan(
            List.copyOf(files.values()), List.copyOf(skipped.values()), List.copyOf(folders)));
  }

  /** Planned files summed over the listings: one pass of every scan over its own files. */
  public long plannedFileReads() {
    return listings.values().stream().mapToLong(l -> l.plan().files().size()).sum();
  }

  /** Rejected files, one per path, ordered by path. */
  public List<SkippedPath> rejectedFiles() {
    Map<String, SkippedPath> byPath = new LinkedHashMap<>();
    for (SkippedPath file : counters.rejected.value()) {
      byPath.putIfAbsent(file.path(), file);
    }
    List<SkippedPath> files = new ArrayList<>(byPath.values());
    files.sort(Comparator.comparing(SkippedPath::path));
    return files;
  }

  /** Log files read completely (not counting rejected ones). */
  public long filesRead() {
    return counters.filesRead.value();
  }

  /**
   * The object-store requests the read made for the archive: the driver's listing plus every task's
   * opening of log files (all passes, retries included), and the retries and throttling answers
   * among them. None on a local file system.
   */
  public StoreRequests archiveRequests() {
    StoreRequests listing =
        listings.values().stream()
            .map(Listing::requests)
            .reduce(StoreRequests.NONE, StoreRequests::plus);
    return listing
        .plus(new StoreRequests(0, counters.storeGets.value(), counters.storeHeads.value(), 0))
        .plus(RetrySample.total(counters.retrySamples.value()));
  }

  /** Log files read again from their start because the storage failed while they were read. */
  public long filesReadAgain() {
    return counters.filesReadAgain.value();
  }

  /** Records in the files read completely, before the event-time window. */
  public long recordsRead() {
    return counters.recordsRead.value();
  }
}
