package dev.traildenials.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.archive.LogFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A task's next files fetched while it parses, within its bounds, in its order. */
class ReadAheadTest {

  private static LogFile file(String name, long size) {
    return new LogFile("s3a://bucket/" + name, size, 0, "111111111111", "us-east-1", null);
  }

  private static List<LogFile> files(int count, long size) {
    List<LogFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(file("f" + i, size));
    }
    return files;
  }

  /** Serves each file's name as its bytes, keeping count of fetches and of bytes held at once. */
  private static final class Store implements ReadAhead.Opener {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public ReadAhead.Counted open(LogFile file) throws IOException {
      opened.incrementAndGet();
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new IOException(e);
      } finally {
        inFlight.decrementAndGet();
      }
      if (file.path().endsWith("denied")) {
        throw new AccessDeniedException(file.path());
      }
      return new ReadAhead.Counted(
          new ByteArrayInputStream(file.path().getBytes(StandardCharsets.UTF_8)),
          () -> new StoreRequests(0, 1, 0, 0));
    }
  }

  @Test
  void everyFileComesInOrderWithinTheBoundOfFetchesInFlight() throws Exception {
    Store store = new Store();
    List<LogFile> files = files(40, 1_000);
    try (ReadAhead ahead = new ReadAhead(files, new ReadAhead.Settings(4, 1_000_000), store)) {
      for (LogFile file : files) {
        ReadAhead.Fetched fetched = ahead.take(file).orElseThrow();
        assertThat(new String(fetched.bytes(), StandardCharsets.UTF_8)).isEqualTo(file.path());
        assertThat(fetched.requests().get()).isEqualTo(1);
      }
    }
    assertThat(store.opened).hasValue(40);
    assertThat(store.mostInFlight.get()).isBetween(2, 4);
  }

  @Test
  void theBytesHeldStayWithinTheirBoundAndALargerFileIsLeftToStream() throws Exception {
    Store store = new Store();
    List<LogFile> files = new ArrayList<>(files(3, 400));
    files.add(1, file("large", 5_000));
    try (ReadAhead ahead = new ReadAhead(files, new ReadAhead.Settings(8, 1_000), store)) {
      // 1,000 bytes: the first 400-byte file ahead, then the large one stops the fetching.
      assertThat(store.opened.get()).isLessThanOrEqualTo(1);
      assertThat(ahead.take(files.get(0)).orElseThrow().bytes())
          .isEqualTo(files.get(0).path().getBytes(StandardCharsets.UTF_8));
      assertThat(ahead.take(files.get(1))).as("the large file is streamed").isEmpty();
      for (LogFile file : files.subList(2, 4)) {
        assertThat(ahead.take(file).orElseThrow().bytes())
            .isEqualTo(file.path().getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(store.opened).as("the large file is never fetched ahead").hasValue(3);
  }

  @Test
  void aFailedFetchIsHandedOverAndAnEmptyFileIsNotFetched() throws Exception {
    Store store = new Store();
    LogFile empty = file("empty", 0);
    LogFile denied = file("denied", 10);
    LogFile fine = file("fine", 10);
    try (ReadAhead ahead =
        new ReadAhead(List.of(empty, denied, fine), new ReadAhead.Settings(2, 100), store)) {
      Optional<ReadAhead.Fetched> failed = ahead.take(denied);
      assertThat(failed.orElseThrow().failure()).isInstanceOf(AccessDeniedException.class);
      assertThat(ahead.take(fine).orElseThrow().bytes()).isNotEmpty();
    }
    assertThat(store.opened).hasValue(2);
  }

  @Test
  void closingStopsTheFetchesAndNoneStartsAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger openedAfterClose = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    ReadAhead.Opener slow =
        file -> {
          if (closed.get() > 0) {
            openedAfterClose.incrementAndGet();
          }
          started.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            throw new IOException("cancelled", e);
          }
          throw new IOException("not reached");
        };
    ReadAhead ahead = new ReadAhead(files(20, 10), new ReadAhead.Settings(3, 1_000), slow);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long before = System.nanoTime();
    ahead.close();
    closed.incrementAndGet();
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before)).isLessThan(10);
    Thread.sleep(100);
    assertThat(openedAfterClose).hasValue(0);
  }

  @Test
  void withoutReadAheadEveryFileIsLeftToStream() throws Exception {
    Store store = new Store();
    List<LogFile> files = files(3, 10);
    try (ReadAhead ahead = new ReadAhead(files, ReadAhead.Settings.NONE, store)) {
      for (LogFile file : files) {
        assertThat(ahead.take(file)).isEmpty();
      }
    }
    assertThat(store.opened).hasValue(0);
  }
}
