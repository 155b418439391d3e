package dev.traildenials.archive;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Works out which log files a request must read, listing only the folders it needs.
 *
 * <p>With a time range it does not list years or months: it lists exactly the day folders that can
 * hold events of the range, from the day of {@code from} to the day of {@code to} plus the maximum
 * delivery delay, because CloudTrail delivers an event into a day folder at or after its event
 * time. Without a range it lists each region folder recursively (one flat listing on S3). Accounts
 * and regions named in the request are not discovered by listing at all.
 *
 * <p>Listings at each level run in parallel on a bounded pool.
 */
public final class ArchivePlanner {

  private final ArchiveStore store;
  private final int parallelism;
  private final Instant now;

  /**
   * @param parallelism how many listings may run at once
   * @param now the current time, which bounds a range that has no end
   */
  public ArchivePlanner(ArchiveStore store, int parallelism, Instant now) {
    if (parallelism < 1) {
      throw Failure.userInput("listing parallelism must be at least 1");
    }
    this.store = store;
    this.parallelism = parallelism;
    this.now = now;
  }

  public ArchivePlan plan(ArchiveRequest request) throws IOException {
    Planning planning = new Planning(request);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, ArchivePlanner::daemon);
    try {
      Located located = planning.locate(request.root(), pool);
      // With a range every day folder of every region is its own listing, so that a long range
      // over a few regions lists in parallel too.
      List<List<LogFile>> files =
          request.from() == null
              ? inParallel(pool, located.regionFolders(), planning::allLogFiles)
              : inParallel(
                  pool, planning.dayFolders(located.regionFolders()), planning::logFilesOfDay);
      List<LogFile> all = new ArrayList<>(flatten(files));
      for (ArchiveEntry loose : located.looseFiles()) {
        planning.addIfLogFile(loose, Optional.empty(), all);
      }
      if (all.isEmpty() && planning.skipped.isEmpty()) {
        planning.refuseAMissingRoot(request.root());
      }
      all.sort(Comparator.comparing(LogFile::path));
      List<SkippedPath> skipped = new ArrayList<>(planning.skipped);
      skipped.sort(Comparator.comparing(SkippedPath::path));
      return new ArchivePlan(all, skipped, planning.listed);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "archive-listing");
    thread.setDaemon(true);
    return thread;
  }

  /** The state of one planning run; the lists are shared by the listing threads. */
  private final class Planning {
    private final ArchiveRequest request;
    private final List<SkippedPath> skipped = Collections.synchronizedList(new ArrayList<>());
    private final List<String> listed = Collections.synchronizedList(new ArrayList<>());

    Planning(ArchiveRequest request) {
      this.request = request;
    }

    private List<ArchiveEntry> list(String folder) throws IOException {
      listed.add(folder);
      return store.list(folder);
    }

    /**
     * The region folders and loose log files of the root, wherever the root points: a trail's
     * prefix, a folder of CloudTrail's layout below it, a copy rooted elsewhere in that layout (a
     * region, CloudTrail or account folder copied on its own), a folder of log files, or one file.
     */
    Located locate(String root, ExecutorService pool) throws IOException {
      List<String> below = segmentsAfterAwsLogs(root);
      if (below != null) {
        return locateInsideAwsLogs(root, below, pool);
      }
      List<ArchiveEntry> entries = list(root);
      if (entries.stream()
          .anyMatch(e -> e.directory() && e.name().equals(ArchiveLayout.AWS_LOGS))) {
        for (ArchiveEntry entry : entries) {
          if (!(entry.directory() && entry.name().equals(ArchiveLayout.AWS_LOGS))) {
            skip(entry, "outside AWSLogs/, where CloudTrail delivers");
          }
        }
        return inRegions(
            regionFoldersOf(accountsUnderAwsLogs(root + "/" + ArchiveLayout.AWS_LOGS, pool), pool));
      }
      if (entries.isEmpty()) {
        return singleFile(root);
      }
      if (entries.stream()
          .anyMatch(e -> e.directory() && e.name().equals(ArchiveLayout.CLOUD_TRAIL))) {
        // An account folder copied on its own: its CloudTrail/ folder holds the regions.
        List<ArchiveEntry> loose = new ArrayList<>();
        for (ArchiveEntry entry : entries) {
          if (!entry.name().equals(ArchiveLayout.CLOUD_TRAIL)) {
            looseOrSkipped(entry, "outside CloudTrail/ (digest, Insights or other logs)", loose);
          }
        }
        return new Located(regionsUnder(root + "/" + ArchiveLayout.CLOUD_TRAIL), loose);
      }
      if (holdsYears(entries)) {
        return new Located(List.of(root), nonYearLogFiles(entries));
      }
      // A copy rooted at the region folders, a folder of log files, or something else: each
      // folder is a region folder when it holds years, else searched for log files at any depth.
      List<String> regionFolders = new ArrayList<>();
      List<ArchiveEntry> loose = new ArrayList<>();
      List<String> others = new ArrayList<>();
      for (ArchiveEntry entry : entries) {
        if (entry.directory()) {
          others.add(entry.path());
        } else {
          looseOrSkipped(entry, "not a CloudTrail log file name", loose);
        }
      }
      for (Located child : inParallel(pool, others, this::locateBelow)) {
        regionFolders.addAll(child.regionFolders());
        loose.addAll(child.looseFiles());
      }
      if (regionFolders.isEmpty() && loose.isEmpty()) {
        throw Failure.userInput(
            "No CloudTrail log files under "
                + root
                + ": none of its "
                + entries.size()
                + " entries is a log file (<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>.json.gz)"
                + " or a folder of CloudTrail's layout (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD)."
                + " Point the archive at the bucket or prefix your trail delivers to, or at a copy of"
                + " its log files.");
      }
      return new Located(regionFolders, loose);
    }

    /** A folder of a copy: a region folder when it holds years, else searched for log files. */
    private Located locateBelow(String folder) throws IOException {
      if (!request.regions().isEmpty() && request.regions().contains(name(folder))) {
        return new Located(List.of(folder), List.of());
      }
      List<ArchiveEntry> entries = list(folder);
      if (holdsYears(entries)) {
        return new Located(
            wantedRegion(name(folder)) ? List.of(folder) : List.of(), nonYearLogFiles(entries));
      }
      List<ArchiveEntry> loose = new ArrayList<>();
      listed.add(folder + " (recursive)");
      for (ArchiveEntry entry : store.listFilesRecursively(folder)) {
        looseOrSkipped(entry, "not a CloudTrail log file name", loose);
      }
      return new Located(List.of(), loose);
    }

    private Located locateInsideAwsLogs(String root, List<String> below, ExecutorService pool)
        throws IOException {
      if (below.isEmpty()) {
        return inRegions(regionFoldersOf(accountsUnderAwsLogs(root, pool), pool));
      }
      int cloudTrail = below.indexOf(ArchiveLayout.CLOUD_TRAIL);
      if (cloudTrail < 0) {
        if (below.size() == 1 && ArchiveLayout.isOrganization(below.get(0))) {
          return inRegions(regionFoldersOf(accountsUnder(root), pool));
        }
        // An account folder (of an account's or an organization's trail).
        return inRegions(regionsUnder(root + "/" + ArchiveLayout.CLOUD_TRAIL));
      }
      int depthBelowCloudTrail = below.size() - 1 - cloudTrail;
      if (depthBelowCloudTrail == 0) {
        return inRegions(regionsUnder(root));
      }
      if (depthBelowCloudTrail == 1) {
        return inRegions(List.of(root));
      }
      // A year, month or day folder, or a file, below a region folder: its log files are read,
      // each dated by its name.
      List<ArchiveEntry> entries = store.listFilesRecursively(root);
      listed.add(root + " (recursive)");
      if (entries.isEmpty()) {
        return singleFile(root);
      }
      List<ArchiveEntry> loose = new ArrayList<>();
      for (ArchiveEntry entry : entries) {
        looseOrSkipped(entry, "not a CloudTrail log file name", loose);
      }
      return new Located(List.of(), loose);
    }

    /** The root as one file, when it listed nothing: a log file, or an error that says why not. */
    private Located singleFile(String root) throws IOException {
      Optional<ArchiveEntry> status = store.status(root);
      if (status.isPresent() && !status.get().directory()) {
        Optional<String> whyNot = ArchiveLayout.whyNotALogFile(status.get().name());
        if (whyNot.isPresent()) {
          throw Failure.userInput(
              "The archive " + root + " is one file that is not read: " + whyNot.get() + ".");
        }
        return new Located(List.of(), List.of(status.get()));
      }
      refuseAMissingRoot(root);
      throw Failure.userInput(
          "No CloudTrail log files under "
              + root
              + ": the folder is empty. Point the archive at the bucket or prefix your trail"
              + " delivers to, or at a copy of its log files.");
    }

    /** Stops with "does not exist" when nothing is at the root. */
    void refuseAMissingRoot(String root) throws IOException {
      if (store.status(root).isEmpty()) {
        throw Failure.userInput(
            "The archive "
                + root
                + " does not exist. Check the path (and for s3a:// the bucket and prefix); it"
                + " should be the bucket or prefix your trail delivers to, a folder below it, or a"
                + " copy of its log files.");
      }
    }

    private Located inRegions(List<String> regionFolders) {
      return new Located(regionFolders, List.of());
    }

    private List<String> regionFoldersOf(List<String> accountFolders, ExecutorService pool)
        throws IOException {
      return flatten(
          inParallel(
              pool,
              accountFolders,
              account -> regionsUnder(account + "/" + ArchiveLayout.CLOUD_TRAIL)));
    }

    private boolean holdsYears(List<ArchiveEntry> entries) {
      return entries.stream().anyMatch(e -> e.directory() && ArchiveLayout.isYearFolder(e.name()));
    }

    /** The log files beside a region folder's years; other entries there are skipped. */
    private List<ArchiveEntry> nonYearLogFiles(List<ArchiveEntry> entries) {
      List<ArchiveEntry> loose = new ArrayList<>();
      for (ArchiveEntry entry : entries) {
        if (!(entry.directory() && ArchiveLayout.isYearFolder(entry.name()))) {
          looseOrSkipped(entry, "beside the year folders of a region folder", loose);
        }
      }
      return loose;
    }

    /** A log file found outside the day folders is read; anything else is skipped with a reason. */
    private void looseOrSkipped(ArchiveEntry entry, String reason, List<ArchiveEntry> loose) {
      if (!entry.directory() && ArchiveLayout.parseLogFileName(entry.name()).isPresent()) {
        loose.add(entry);
      } else if (!entry.directory()) {
        skip(entry, ArchiveLayout.whyNotALogFile(entry.name()).orElse(reason));
      } else {
        skip(entry, reason);
      }
    }

    private List<String> accountsUnderAwsLogs(String awsLogs, ExecutorService pool)
        throws IOException {
      List<String> accounts = new ArrayList<>();
      List<String> organizations = new ArrayList<>();
      for (ArchiveEntry entry : list(awsLogs)) {
        if (entry.directory() && ArchiveLayout.isAccount(entry.name())) {
          if (wanted(entry.name())) {
            accounts.add(entry.path());
          }
        } else if (entry.directory() && ArchiveLayout.isOrganization(entry.name())) {
          organizations.add(entry.path());
        } else {
          skip(entry, "not an account or organization folder");
        }
      }
      accounts.addAll(flatten(inParallel(pool, organizations, this::accountsUnder)));
      return accounts;
    }

    private List<String> accountsUnder(String organization) throws IOException {
      List<String> accounts = new ArrayList<>();
      for (ArchiveEntry entry : list(organization)) {
        if (entry.directory() && ArchiveLayout.isAccount(entry.name())) {
          if (wanted(entry.name())) {
            accounts.add(entry.path());
          }
        } else {
          skip(entry, "not an account folder of the organization trail");
        }
      }
      return accounts;
    }

    private boolean wanted(String account) {
      return request.accounts().isEmpty() || request.accounts().contains(account);
    }

    private boolean wantedRegion(String region) {
      return request.regions().isEmpty() || request.regions().contains(region);
    }

    /**
     * The region folders of a {@code CloudTrail} folder: every folder in it, whatever its name (the
     * files' names say which region they are of).
     */
    private List<String> regionsUnder(String cloudTrail) throws IOException {
      if (!request.regions().isEmpty()) {
        return request.regions().stream()
            .sorted()
            .map(region -> cloudTrail + "/" + region)
            .toList();
      }
      List<String> regions = new ArrayList<>();
      for (ArchiveEntry entry : list(cloudTrail)) {
        if (entry.directory()) {
          regions.add(entry.path());
        } else {
          skip(
              entry,
              ArchiveLayout.whyNotALogFile(entry.name())
                  .orElse("a file beside the region folders"));
        }
      }
      return regions;
    }

    /** Every log file of a region folder, for a request without a range. */
    List<LogFile> allLogFiles(String regionFolder) throws IOException {
      List<LogFile> files = new ArrayList<>();
      listed.add(regionFolder);
      for (ArchiveEntry entry : store.listFilesRecursively(regionFolder)) {
        String relative = entry.path().substring(regionFolder.length() + 1);
        int lastSlash = relative.lastIndexOf('/');
        Optional<LocalDate> day =
            lastSlash < 0
                ? Optional.empty()
                : ArchiveLayout.parseDayFolder(relative.substring(0, lastSlash));
        if (day.isEmpty() && ArchiveLayout.parseLogFileName(entry.name()).isEmpty()) {
          skip(entry, "not in a YYYY/MM/DD day folder");
        } else {
          addIfLogFile(entry, day, files);
        }
      }
      return files;
    }

    /** The day folders of each region that can hold events of the requested range. */
    List<DayFolder> dayFolders(List<String> regionFolders) {
      List<DayFolder> folders = new ArrayList<>();
      LocalDate first = firstDay();
      for (String regionFolder : regionFolders) {
        for (LocalDate day = first; !day.isAfter(lastDay()); day = day.plusDays(1)) {
          folders.add(new DayFolder(regionFolder, day));
        }
      }
      return folders;
    }

    /** The log files of one day folder. */
    List<LogFile> logFilesOfDay(DayFolder folder) throws IOException {
      List<LogFile> files = new ArrayList<>();
      String path = folder.regionFolder() + "/" + ArchiveLayout.dayFolder(folder.day());
      for (ArchiveEntry entry : list(path)) {
        if (entry.directory()) {
          skip(entry, "a folder inside a day folder");
        } else {
          addIfLogFile(entry, Optional.of(folder.day()), files);
        }
      }
      return files;
    }

    /** The last day folder that can hold events of the range. */
    private LocalDate lastDay() {
      Instant end = request.to() == null ? now : request.to().minusMillis(1);
      return end.plus(request.maxDeliveryDelay()).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Adds a log file of the request's accounts, regions and days, which its name gives (a file in
     * a day folder is of that folder's day; one outside, of the day its name says it was
     * delivered).
     */
    void addIfLogFile(ArchiveEntry entry, Optional<LocalDate> dayFolder, List<LogFile> files) {
      Optional<ArchiveLayout.LogFileName> name = ArchiveLayout.parseLogFileName(entry.name());
      if (name.isEmpty()) {
        skip(entry, ArchiveLayout.whyNotALogFile(entry.name()).orElseThrow());
        return;
      }
      LocalDate day = dayFolder.orElse(name.get().deliveryDay());
      if (!wanted(name.get().account())
          || !wantedRegion(name.get().region())
          || day.isAfter(lastDay())
          || (request.from() != null && day.isBefore(firstDay()))
          || deliveredBeforeTheRange(name.get())) {
        return;
      }
      files.add(
          new LogFile(
              entry.path(),
              entry.size(),
              entry.modificationTime(),
              name.get().account(),
              name.get().region(),
              day));
    }

    /** Whether the file's name says it was delivered before any event of the range happened. */
    private boolean deliveredBeforeTheRange(ArchiveLayout.LogFileName name) {
      if (request.from() == null || request.fileTimeMargin() == null) {
        return false;
      }
      // Delivered within the name's minute; its records are older than that, give or take the
      // margin.
      Instant latestRecord =
          name.delivered().plus(Duration.ofMinutes(1)).plus(request.fileTimeMargin());
      return !latestRecord.isAfter(request.from());
    }

    private LocalDate firstDay() {
      return request.from().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private void skip(ArchiveEntry entry, String reason) {
      skipped.add(new SkippedPath(entry.path(), reason));
    }
  }

  /**
   * The path segments after the last {@code AWSLogs} segment, or null when the path has none (it is
   * the prefix above {@code AWSLogs/}).
   */
  static List<String> segmentsAfterAwsLogs(String path) {
    List<String> segments = Arrays.asList(path.split("/"));
    int awsLogs = segments.lastIndexOf(ArchiveLayout.AWS_LOGS);
    if (awsLogs < 0) {
      return null;
    }
    return segments.subList(awsLogs + 1, segments.size());
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static <T> List<T> flatten(List<List<T>> lists) {
    List<T> all = new ArrayList<>();
    lists.forEach(all::addAll);
    return all;
  }

  /** Applies a listing step to every input on the pool, keeping the inputs' order. */
  private static <I, O> List<O> inParallel(
      ExecutorService pool, List<I> inputs, ListingStep<I, O> step) throws IOException {
    Function<I, O> unchecked =
        input -> {
          try {
            return step.apply(input);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    List<Future<O>> futures = new ArrayList<>();
    for (I input : inputs) {
      futures.add(pool.submit(() -> unchecked.apply(input)));
    }
    List<O> outputs = new ArrayList<>();
    for (Future<O> future : futures) {
      try {
        outputs.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while listing the archive", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException unchecked2) {
          throw unchecked2.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IOException(cause);
      }
    }
    return outputs;
  }

  /** Where a root's log files are: region folders (with day folders) and files found loose. */
  private record Located(List<String> regionFolders, List<ArchiveEntry> looseFiles) {}

  /** A day folder of a region folder. */
  private record DayFolder(String regionFolder, LocalDate day) {}

  @FunctionalInterface
  private interface ListingStep<I, O> {
    O apply(I input) throws IOException;
  }
}
