package dev.traildenials.source;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.ArchivePlanner;
import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.LogFile;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Option;

/**
 * One read of a CloudTrail archive, held by the job that started it: what it planned, the files it
 * rejected and why, and its counts, there to be asked once Spark has run it.
 *
 * <p>The job either plans the read itself ({@link #planned}: the files are fixed before any query
 * runs, as a run that keeps a ledger needs) or leaves the listing to each scan ({@link
 * #listedByScans}: a query's own conditions narrow it). The read's table is handed to Spark as an
 * object ({@link #load}), so nothing is looked up by name. Rejected files are gathered from the
 * tasks with an accumulator; a retried task may add a file twice, so they are de-duplicated by path
 * when read.
 */
public final class ArchiveRead {

  private final CloudTrailReadOptions options;
  private final ReadCounters counters;
  private final boolean plannedByJob;
  // One entry per distinct listing: a query whose scans are narrowed differently (a union of two
  // time ranges) lists each; planning the same listing again replaces its entry.
  private final Map<ArchiveRequest, Listing> listings = new ConcurrentHashMap<>();

  private ArchiveRead(SparkSession session, CloudTrailReadOptions options, boolean plannedByJob) {
    this.options = options;
    this.counters = new ReadCounters(session.sparkContext());
    this.plannedByJob = plannedByJob;
  }

  /** A read whose scans list the archive when Spark plans them, narrowed by their conditions. */
  public static ArchiveRead listedByScans(SparkSession session, CloudTrailReadOptions options) {
    return new ArchiveRead(session, options, false);
  }

  /**
   * A read of the files listed now, leaving out those {@code leaveOut} accepts (files an earlier
   * run has read already); no scan lists again.
   */
  public static ArchiveRead planned(
      SparkSession session, CloudTrailReadOptions options, Predicate<LogFile> leaveOut) {
    ArchiveRead read = new ArchiveRead(session, options, true);
    ArchiveRequest request = options.listing(ListingNarrowing.NONE);
    Listed listed = list(session, request, options);
    ArchivePlan kept = listed.plan().leaveOut(leaveOut);
    read.listings.put(
        request,
        new Listing(
            kept, listed.requests(), "", listed.plan().files().size() - kept.files().size(), 0));
    return read;
  }

  /** The archive as a table whose scans record into this read. */
  public Dataset<Row> load(SparkSession session) {
    return load(session, options.toMap());
  }

  /**
   * The archive as a table whose records that are not notable by {@code rule} hold only the rule's
   * summary columns (the others null). Same read: its listing, counters and files.
   */
  public Dataset<Row> loadDetailing(SparkSession session, String rule) {
    Map<String, String> withRule = new HashMap<>(options.toMap());
    withRule.put(DETAILS, rule);
    return load(session, withRule);
  }

  private Dataset<Row> load(SparkSession session, Map<String, String> tableOptions) {
    return Dataset.ofRows(
        session,
        DataSourceV2Relation.create(
            new CloudTrailTableProvider.ArchiveTable(this),
            Option.empty(),
            Option.empty(),
            new CaseInsensitiveStringMap(tableOptions)));
  }

  /** The table option that names a {@link dev.traildenials.parse.DetailRule}. */
  static final String DETAILS = "details";

  public CloudTrailReadOptions options() {
    return options;
  }

  /** Whether a scan may list less than the read's request because its query asks for less. */
  boolean narrowable() {
    return !plannedByJob;
  }

  /** What a listing found and what it cost. */
  private record Listed(ArchivePlan plan, StoreRequests requests) {}

  private static Listed list(
      SparkSession session, ArchiveRequest request, CloudTrailReadOptions options) {
    try (HadoopArchiveStore store =
        new HadoopArchiveStore(session.sessionState().newHadoopConf())) {
      ArchivePlan plan =
          new ArchivePlanner(store, options.listingParallelism(), Instant.now()).plan(request);
      return new Listed(plan, store.requests());
    } catch (IOException e) {
      throw Failure.storage(
          "Could not list the archive " + request.root() + ": " + e.getMessage(), e);
    }
  }

  /** The files a scan narrowed this way reads: the job's plan, or a listing made now. */
  ArchivePlan planFor(SparkSession session, ListingNarrowing narrowing) {
    ArchiveRequest request = listing(narrowing);
    if (plannedByJob) {
      return listings.get(request).plan();
    }
    Listed listed = list(session, request, options);
    // Planning the same listing again keeps the task count its first planning recorded.
    listings.merge(
        request,
        new Listing(
            listed.plan(),
            listed.requests(),
            narrowing.narrowsNothing() ? "" : narrowing.describe(),
            0,
            0),
        (earlier, now) -> now.withTasks(earlier.tasks()));
    return listed.plan();
  }

  void recordReadTasks(ListingNarrowing narrowing, int tasks) {
    listings.computeIfPresent(listing(narrowing), (key, planned) -> planned.withTasks(tasks));
  }

  private ArchiveRequest listing(ListingNarrowing narrowing) {
    return options.listing(plannedByJob ? ListingNarrowing.NONE : narrowing);
  }

  ReadCounters counters() {
    return counters;
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

  /** Planned files left out as read by earlier runs. */
  public long filesExcluded() {
    return listings.values().stream().mapToLong(Listing::excluded).sum();
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

  /** How many tasks the files were packed into (one pass of every scan over its files). */
  public int readTasks() {
    return listings.values().stream().mapToInt(Listing::tasks).sum();
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
    Set<String> folders = new LinkedHashSet<>();
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
