package dev.traildenials.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The floor: decompress every log file of a corpus on all cores and do nothing with the bytes. No
 * reader of gzip files can be faster on this machine.
 *
 * <p>Usage: {@code GunzipFloor <corpus> <threads>}. Prints {@code RESULT json_bytes=<n> files=<n>}.
 */
public final class GunzipFloor {

  private GunzipFloor() {}

  public static void main(String[] arguments) throws Exception {
    List<Path> files = Corpus.logFiles(Path.of(arguments[0]));
    int threads = Integer.parseInt(arguments[1]);
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                byte[] buffer = new byte[1 << 16];
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                  bytes.addAndGet(inflate(files.get(i), buffer));
                }
              });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("RESULT json_bytes=" + bytes.get() + " files=" + files.size());
  }

  private static long inflate(Path file, byte[] buffer) {
    long total = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }
}
