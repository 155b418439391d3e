package dev.traildenials.cli;

import dev.traildenials.source.ArchiveRead;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints how far a long run has got, every interval: files read of the planned, records, rejected
 * files and the time left at the rate so far. Counts come from the tasks' accumulators, so they
 * move as tasks finish, on a cluster too.
 */
final class Progress implements AutoCloseable {

  private final PrintWriter err;
  private final Supplier<ArchiveRead> read;
  private final long startedNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private boolean allRead;

  private Progress(PrintWriter err, Supplier<ArchiveRead> read, ScheduledExecutorService timer) {
    this.err = err;
    this.read = read;
    this.timer = timer;
  }

  /**
   * Starts printing; an interval of zero prints nothing.
   *
   * @param read the run's read once it is planned; null before
   */
  static Progress start(PrintWriter err, Supplier<ArchiveRead> read, Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      return new Progress(err, read, null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "trail-denials-progress");
              thread.setDaemon(true);
              return thread;
            });
    Progress progress = new Progress(err, read, timer);
    long millis = interval.toMillis();
    timer.scheduleAtFixedRate(progress::print, millis, millis, TimeUnit.MILLISECONDS);
    return progress;
  }

  private void print() {
    ArchiveRead read = this.read.get();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    if (read == null || read.plan().isEmpty()) {
      line("listing the archive, " + duration(elapsed) + " so far");
      return;
    }
    // Every scan's own files: a file two scans plan is read twice.
    long planned = read.plannedFileReads();
    long rejected = read.rejectedFiles().size();
    long done = Math.min(planned, read.filesRead() + rejected);
    if (allRead) {
      line("writing the tables, " + duration(elapsed) + " so far");
      return;
    }
    allRead = done == planned;
    line(describe(done, planned, read.recordsRead(), rejected, elapsed));
  }

  /** One progress line, e.g. "read 1,200 of 4,800 files (25%), ..., about 3 min left". */
  static String describe(long done, long planned, long records, long rejected, Duration elapsed) {
    String left;
    if (done == planned) {
      left = "all read";
    } else if (done == 0) {
      left = "time left not known yet";
    } else {
      long nanosLeft = (long) ((double) elapsed.toNanos() / done * (planned - done));
      left = "about " + duration(Duration.ofNanos(nanosLeft)) + " left";
    }
    return String.format(
        Locale.ROOT,
        "read %,d of %,d files (%d%%), %,d records, %d rejected, %s elapsed, %s",
        done,
        planned,
        planned == 0 ? 100 : done * 100 / planned,
        records,
        rejected,
        duration(elapsed),
        left);
  }

  /** A duration for people: "42 s", "3 min 5 s", "1 h 2 min". */
  static String duration(Duration duration) {
    long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  private void line(String text) {
    err.println("trail-denials: " + text);
    err.flush();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
