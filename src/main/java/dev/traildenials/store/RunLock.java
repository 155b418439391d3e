package dev.traildenials.store;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per output location: {@code <out>/_lock}, created before a run writes and
 * removed after. Two runs writing the same tables at once could each compute a day's summaries
 * without the other's events, and on S3 Delta's log assumes a single writer.
 *
 * <p>The holder touches the lock every {@link #HEARTBEAT}; a lock untouched for {@link #STALE} was
 * left by a run that died (killed, machine lost) and is taken over, so an unattended schedule is
 * not blocked by last night's crash; so is, at once, the lock of a process of this machine that no
 * longer exists. Creation is atomic on local disks (O_EXCL) and HDFS; on S3 it is a check then a
 * write, which narrows the window but does not close it: schedule one writer.
 */
public final class RunLock implements AutoCloseable {

  static final Duration HEARTBEAT = Duration.ofSeconds(30);
  public static final Duration STALE = Duration.ofMinutes(5);

  private static final Pattern HOLDER = Pattern.compile("run \\S+ since \\S+ on (\\S+) pid (\\d+)");
  private static final String HOST = hostName();

  private final FileSystem fileSystem;
  private final Path path;
  private final ScheduledExecutorService heartbeat;

  private RunLock(FileSystem fileSystem, Path path, ScheduledExecutorService heartbeat) {
    this.fileSystem = fileSystem;
    this.path = path;
    this.heartbeat = heartbeat;
  }

  /**
   * Takes the lock of an output location, or fails with who holds it.
   *
   * @param notices told when a dead run's lock is taken over
   */
  public static RunLock acquire(
      Configuration hadoop, String out, String runId, Clock clock, Consumer<String> notices) {
    Path path = new Path(out + "/_lock");
    try {
      FileSystem fileSystem = path.getFileSystem(hadoop);
      String content =
          "run "
              + runId
              + " since "
              + clock.instant()
              + " on "
              + HOST
              + " pid "
              + ProcessHandle.current().pid()
              + "\n";
      if (!create(fileSystem, path, content)) {
        FileStatus held = fileSystem.getFileStatus(path);
        Instant touched = Instant.ofEpochMilli(held.getModificationTime());
        String holder = read(fileSystem, path);
        boolean dead =
            holderIsGone(
                holder,
                HOST,
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        if (!dead && Duration.between(touched, clock.instant()).compareTo(STALE) < 0) {
          throw Failure.storage(
              "Another run is writing the tables at "
                  + out
                  + " ("
                  + holder.strip()
                  + ", alive at "
                  + touched
                  + "). Runs of one location take turns: try again when it has finished.",
              null);
        }
        notices.accept(
            "taking over the lock of a run that stopped without releasing it ("
                + holder.strip()
                + ", last alive at "
                + touched
                + ")");
        fileSystem.delete(path, false);
        if (!create(fileSystem, path, content)) {
          throw Failure.storage(
              "Another run took the lock of " + out + " at the same moment; try again later.",
              null);
        }
      }
      ScheduledExecutorService beat =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "trail-denials-lock");
                thread.setDaemon(true);
                return thread;
              });
      long millis = HEARTBEAT.toMillis();
      beat.scheduleAtFixedRate(
          () -> touch(fileSystem, path, content), millis, millis, TimeUnit.MILLISECONDS);
      return new RunLock(fileSystem, path, beat);
    } catch (IOException e) {
      throw Failure.storage("Cannot take the lock " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a lock was left by a process of this machine that no longer runs: then it need not wait
   * for {@link #STALE} (a killed local run is re-run at once).
   */
  public static boolean holderIsGone(String holder, String thisHost, LongPredicate alive) {
    Matcher matcher = HOLDER.matcher(holder.strip());
    if (!matcher.matches() || !matcher.group(1).equals(thisHost)) {
      return false;
    }
    return !alive.test(Long.parseLong(matcher.group(2)));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  private static boolean create(FileSystem fileSystem, Path path, String content)
      throws IOException {
    if ("file".equals(fileSystem.getScheme())) {
      // Hadoop's local create(overwrite=false) checks, then creates: two runs could both win.
      java.nio.file.Path file = Paths.get(fileSystem.makeQualified(path).toUri());
      Files.createDirectories(file.getParent());
      try {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fileSystem.create(path, false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems say "already exists" with a plain IOException.
      if (fileSystem.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  private static String read(FileSystem fileSystem, Path path) {
    try (var in = fileSystem.open(path)) {
      return new String(in.readNBytes(1000), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  private static void touch(FileSystem fileSystem, Path path, String content) {
    // Written again rather than setTimes: S3 cannot change an object's time in place.
    try (OutputStream out = fileSystem.create(path, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The next beat tries again; a lock left unrenewed for STALE may be taken over.
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      fileSystem.delete(path, false);
    } catch (IOException e) {
      throw Failure.storage("Cannot release the lock " + path, e);
    }
  }
}
