package dev.traildenials.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
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
      throw new IllegalArgumentException("listing parallelism must be at least 1");
    }
    this.store = store;
    this.parallelism = parallelism;
    this.now = now;
  }

  public ArchivePlan plan(ArchiveRequest request) throws IOException {
    Planning planning = new Planning(request);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, ArchivePlanner::daemon);
    try {
      List<String> accountFolders = planning.accountFolders(request.root(), pool);
      List<String> regionFolders =
          flatten(inParallel(pool, accountFolders, planning::regionFolders));
      // With a range every day folder of every region is its own listing, so that a long range
      // over a few regions lists in parallel too.
      List<List<LogFile>> files =
          request.from() == null
              ? inParallel(pool, regionFolders, planning::allLogFiles)
              : inParallel(pool, planning.dayFolders(regionFolders), planning::logFilesOfDay);
      List<LogFile> all = new ArrayList<>(flatten(files));
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

    /** The account folders under the root, wherever in the layout the root points. */
    List<String> accountFolders(String root, ExecutorService pool) throws IOException {
      List<String> below = segmentsAfterAwsLogs(root);
      if (below == null) {
        Optional<ArchiveEntry> awsLogs =
            list(root).stream()
                .filter(
                    entry -> {
                      boolean isAwsLogs =
                          entry.directory() && entry.name().equals(ArchiveLayout.AWS_LOGS);
                      if (!isAwsLogs) {
                        skip(entry, "outside AWSLogs/, where CloudTrail delivers");
                      }
                      return isAwsLogs;
                    })
                .findFirst();
        if (awsLogs.isEmpty()) {
          throw new IllegalArgumentException(
              "No CloudTrail logs under "
                  + root
                  + ": it has no AWSLogs/ folder. Point --archive at the bucket or prefix your"
                  + " trail delivers to (the folder that holds AWSLogs/).");
        }
        return accountsUnderAwsLogs(root + "/" + ArchiveLayout.AWS_LOGS, pool);
      }
      if (below.isEmpty()) {
        return accountsUnderAwsLogs(root, pool);
      }
      String first = below.get(0);
      if (below.size() == 1 && ArchiveLayout.isOrganization(first)) {
        return accountsUnder(root);
      }
      // The root is an account folder or below it; the region level is reached from there.
      return List.of(root);
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

    /** The region folders of an account folder (or of a root that is already below one). */
    List<String> regionFolders(String accountOrBelow) throws IOException {
      List<String> below = segmentsAfterAwsLogs(accountOrBelow);
      String last = below == null || below.isEmpty() ? "" : below.get(below.size() - 1);
      if (last.equals(ArchiveLayout.CLOUD_TRAIL)) {
        return regionsUnder(accountOrBelow);
      }
      if (below != null
          && below.size() >= 2
          && below.get(below.size() - 2).equals(ArchiveLayout.CLOUD_TRAIL)) {
        return List.of(accountOrBelow); // the root is a region folder
      }
      return regionsUnder(accountOrBelow + "/" + ArchiveLayout.CLOUD_TRAIL);
    }

    private List<String> regionsUnder(String cloudTrail) throws IOException {
      if (!request.regions().isEmpty()) {
        return request.regions().stream()
            .sorted()
            .map(region -> cloudTrail + "/" + region)
            .toList();
      }
      List<String> regions = new ArrayList<>();
      for (ArchiveEntry entry : list(cloudTrail)) {
        if (entry.directory() && ArchiveLayout.isRegion(entry.name())) {
          regions.add(entry.path());
        } else {
          skip(entry, "not a region folder");
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
        if (day.isEmpty()) {
          skip(entry, "not in a YYYY/MM/DD day folder");
        } else if (!day.get().isAfter(lastDay())) {
          addIfLogFile(entry, regionFolder, day.get(), files);
        }
      }
      return files;
    }

    /** The day folders of each region that can hold events of the requested range. */
    List<DayFolder> dayFolders(List<String> regionFolders) {
      List<DayFolder> folders = new ArrayList<>();
      LocalDate first = request.from().atZone(ZoneOffset.UTC).toLocalDate();
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
          addIfLogFile(entry, folder.regionFolder(), folder.day(), files);
        }
      }
      return files;
    }

    /** The last day folder that can hold events of the range. */
    private LocalDate lastDay() {
      Instant end = request.to() == null ? now : request.to().minusMillis(1);
      return end.plus(request.maxDeliveryDelay()).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private void addIfLogFile(
        ArchiveEntry entry, String regionFolder, LocalDate day, List<LogFile> files) {
      String[] parts = regionFolder.split("/");
      String region = parts[parts.length - 1];
      String account = parts[parts.length - 3];
      Optional<String> whyNot = ArchiveLayout.whyNotALogFile(entry.name());
      if (whyNot.isPresent()) {
        skip(entry, whyNot.get());
      } else {
        files.add(
            new LogFile(
                entry.path(), entry.size(), entry.modificationTime(), account, region, day));
      }
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
    List<String> below = segments.subList(awsLogs + 1, segments.size());
    int depthOfRegion =
        below.indexOf(ArchiveLayout.CLOUD_TRAIL) < 0
            ? -1
            : below.indexOf(ArchiveLayout.CLOUD_TRAIL) + 1;
    if (depthOfRegion >= 0 && below.size() > depthOfRegion + 1) {
      throw new IllegalArgumentException(
          "The archive root "
              + path
              + " is below a region folder. Point --archive at the trail's prefix (or an"
              + " account, CloudTrail or region folder) and use --from/--to to pick days.");
    }
    return below;
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

  /** A day folder of a region folder. */
  private record DayFolder(String regionFolder, LocalDate day) {}

  @FunctionalInterface
  private interface ListingStep<I, O> {
    O apply(I input) throws IOException;
  }
}
