package dev.traildenials.source;

import dev.traildenials.archive.LogFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a task's next log files while it parses the current one: on an object store every file
 * costs a round trip before its first byte, and a task that opened its files one after the other
 * would mostly wait. At most {@link Settings#files} fetches are in flight and at most {@link
 * Settings#bytes} compressed bytes are held, in the task's order; a file larger than what is left
 * of the bytes is not fetched ahead but read as a stream when its turn comes, so memory stays flat
 * whatever the files' sizes. Each file is still one GET.
 */
final class ReadAhead implements AutoCloseable {

  /**
   * How far a task reads ahead.
   *
   * @param files fetches in flight at once; 0 reads every file when its turn comes
   * @param bytes compressed bytes held at once by the files fetched ahead
   */
  record Settings(int files, long bytes) implements Serializable {
    static final Settings NONE = new Settings(0, 0);
  }

  /** Opens a file for one sequential read. */
  @FunctionalInterface
  interface Opener {
    Counted open(LogFile file) throws IOException;
  }

  /** An open file, and the requests it made, known once it is closed. */
  record Counted(InputStream in, java.util.function.Supplier<StoreRequests> requests) {}

  /** A file's bytes as fetched, or why the fetch failed, and the requests the fetch made. */
  record Fetched(byte[] bytes, IOException failure, StoreRequests requests) {}

  private record Pending(LogFile file, Future<Fetched> fetch) {}

  private final Iterator<LogFile> upcoming;
  private final Settings settings;
  private final Opener opener;
  private final ExecutorService fetchers;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private LogFile notAhead;
  private long bytesHeld;

  ReadAhead(List<LogFile> files, Settings settings, Opener opener) {
    this.upcoming = files.iterator();
    this.settings = settings;
    this.opener = opener;
    this.fetchers =
        settings.files() == 0
            ? null
            : Executors.newFixedThreadPool(
                settings.files(),
                runnable -> {
                  Thread thread = new Thread(runnable, "trail-denials-read-ahead");
                  thread.setDaemon(true);
                  return thread;
                });
    topUp();
  }

  /**
   * The bytes of the task's next file, {@code file}, if they were fetched ahead; empty when the
   * file is to be read as a stream. Files must be asked for in the task's order.
   */
  Optional<Fetched> take(LogFile file) throws InterruptedIOException {
    if (fetchers == null) {
      return Optional.empty();
    }
    // Files the task passed over without reading them (none today) are not waited for.
    while (!pending.isEmpty() && !pending.peekFirst().file().equals(file)) {
      Pending passed = pending.removeFirst();
      passed.fetch().cancel(true);
      bytesHeld -= passed.file().size();
    }
    Pending next = pending.peekFirst();
    if (next == null) {
      if (file.equals(notAhead)) {
        notAhead = null;
        topUp();
      }
      return Optional.empty();
    }
    pending.removeFirst();
    try {
      return Optional.of(next.fetch().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + file.path());
    } catch (ExecutionException | CancellationException e) {
      return Optional.of(
          new Fetched(null, new IOException("fetching ahead failed", e), StoreRequests.NONE));
    } finally {
      bytesHeld -= file.size();
      topUp();
    }
  }

  /** Starts fetches in order while the bounds allow; stops at a file too large to hold ahead. */
  private void topUp() {
    while (notAhead == null && pending.size() < settings.files() && upcoming.hasNext()) {
      LogFile file = upcoming.next();
      if (file.size() == 0) {
        continue; // rejected by the task without a request
      }
      if (file.size() > settings.bytes() - bytesHeld) {
        notAhead = file;
        return;
      }
      bytesHeld += file.size();
      pending.addLast(new Pending(file, fetchers.submit(() -> fetch(file))));
    }
  }

  private Fetched fetch(LogFile file) {
    Counted counted = null;
    try {
      counted = opener.open(file);
      byte[] bytes;
      try (InputStream in = counted.in()) {
        bytes = in.readAllBytes();
      }
      return new Fetched(bytes, null, counted.requests().get());
    } catch (IOException e) {
      return new Fetched(null, e, counted == null ? StoreRequests.NONE : counted.requests().get());
    }
  }

  /**
   * Stops the fetches still running and waits for them to end, so that no request is made after the
   * task.
   */
  @Override
  public void close() {
    if (fetchers == null) {
      return;
    }
    pending.forEach(waiting -> waiting.fetch().cancel(true));
    pending.clear();
    fetchers.shutdownNow();
    // A cancelled task is closed from an interrupted thread: wait all the same (the fetches end
    // at once, being interrupted), then keep the interrupt for the task.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean interrupted = false;
    while (!fetchers.isTerminated() && System.nanoTime() < deadline) {
      try {
        fetchers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
