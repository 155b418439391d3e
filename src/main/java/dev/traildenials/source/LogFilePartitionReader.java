package dev.traildenials.source;

import dev.traildenials.archive.LogFile;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.parse.CloudTrailLogParser;
import dev.traildenials.parse.DetailRule;
import dev.traildenials.parse.EventTimeWindow;
import dev.traildenials.parse.FieldSelection;
import dev.traildenials.parse.LogFileReader;
import dev.traildenials.parse.MalformedLogFileException;
import dev.traildenials.schema.CloudTrailSchema;
import dev.traildenials.schema.Field;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AccessDeniedException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a task's log files one after the other, each checked to its end before any of its rows is
 * returned, so that a file rejected half way contributes nothing.
 */
final class LogFilePartitionReader implements PartitionReader<InternalRow> {

  private static final Logger LOG = LoggerFactory.getLogger(LogFilePartitionReader.class);
  private static final int READ_ATTEMPTS = 2;
  private static final String JVM = ManagementFactory.getRuntimeMXBean().getName();

  private final Iterator<LogFile> files;
  private final LogFileReader fileReader;
  private final int sourceFileOrdinal;
  private final boolean strict;
  private final Configuration configuration;
  private final ReadCounters counters;
  // Filled by the fetching threads too.
  private final Map<FileSystem, StoreRequests> countersAtStart =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final ReadAhead readAhead;

  private LogFileReader.Rows rows;
  private UTF8String source;
  private InternalRow current;

  LogFilePartitionReader(
      List<LogFile> files,
      List<Field> columns,
      List<String> requiredColumns,
      DetailRule rule,
      EventTimeWindow window,
      boolean strict,
      Configuration configuration,
      ReadCounters counters,
      ReadAhead.Settings readAheadSettings) {
    this.files = files.iterator();
    FieldSelection selection = new FieldSelection(columns);
    this.fileReader =
        new LogFileReader(
            new CloudTrailLogParser(selection, new SparkValues(), window, requiredColumns, rule));
    this.sourceFileOrdinal = selection.ordinalOfName(CloudTrailSchema.SOURCE_FILE);
    this.strict = strict;
    this.configuration = configuration;
    this.counters = counters;
    this.readAhead = new ReadAhead(files, readAheadSettings, this::openCountedLater);
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      Object[] row = rows == null ? null : rows.next();
      if (row != null) {
        if (sourceFileOrdinal >= 0) {
          row[sourceFileOrdinal] = source;
        }
        current = new GenericInternalRow(row);
        return true;
      }
      closeRows();
      if (!files.hasNext()) {
        return false;
      }
      LogFile file = files.next();
      rows = readFile(file);
      source = UTF8String.fromString(file.path());
    }
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() throws IOException {
    readAhead.close();
    closeRows();
    countersAtStart.forEach(
        (fileSystem, atStart) ->
            counters.retrySamples.add(
                new RetrySample(
                    JVM + "/" + System.identityHashCode(fileSystem),
                    atStart,
                    StoreRequests.of(fileSystem))));
    countersAtStart.clear();
  }

  private void closeRows() throws IOException {
    if (rows != null) {
      rows.close();
      rows = null;
    }
  }

  private LogFileReader.Rows readFile(LogFile file) throws IOException {
    if (file.size() == 0) {
      return reject(file, "empty file (0 bytes)");
    }
    Optional<ReadAhead.Fetched> fetched = readAhead.take(file);
    fetched.ifPresent(ahead -> countRequests(ahead.requests()));
    IOException lastFailure = null;
    for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      try {
        LogFileReader.Rows contents =
            fileReader.read(
                attempt == 1 && fetched.isPresent() ? held(fetched.get()) : () -> open(file));
        counters.filesRead.add(1);
        counters.recordsRead.add(contents.recordsInFile());
        if (contents.readTwice()) {
          LOG.info(
              "{} holds {} records, too many to hold: checked to its end, now read again one"
                  + " record at a time",
              file.path(),
              contents.recordsInFile());
        }
        return contents;
      } catch (MalformedLogFileException e) {
        return reject(file, e.reason());
      } catch (FileNotFoundException e) {
        return reject(file, "the file disappeared after the archive was listed");
      } catch (InterruptedIOException e) {
        // The task is being cancelled: no second attempt, no reject.
        throw e;
      } catch (AccessDeniedException e) {
        // Permanent until someone changes a policy: reading again would be denied again.
        return reject(file, "access denied by the store: " + e.getMessage());
      } catch (IOException e) {
        lastFailure = e;
        if (attempt < READ_ATTEMPTS) {
          counters.filesReadAgain.add(1);
        }
        LOG.warn(
            "Reading {} failed (attempt {} of {}): {}",
            file.path(),
            attempt,
            READ_ATTEMPTS,
            e.toString());
      }
    }
    return reject(file, "could not be read from storage: " + lastFailure);
  }

  /** A file fetched ahead, as a source: its bytes, or the failure of its fetch. */
  private static LogFileReader.Source held(ReadAhead.Fetched fetched) {
    return () -> {
      if (fetched.failure() != null) {
        throw fetched.failure();
      }
      return new ByteArrayInputStream(fetched.bytes());
    };
  }

  /** Counts requests, on the task's thread (accumulators are not for other threads). */
  private void countRequests(StoreRequests requests) {
    counters.storeGets.add(requests.get());
    counters.storeHeads.add(requests.head());
  }

  /** Opens a file and counts the requests its stream made once it is closed. */
  private InputStream open(LogFile file) throws IOException {
    return openCounted(file, this::countRequests);
  }

  /**
   * Opens a file for a fetch ahead (on another thread, where accumulators are not to be touched):
   * its requests are returned with its bytes and counted when the task takes them.
   */
  private ReadAhead.Counted openCountedLater(LogFile file) throws IOException {
    StoreRequests[] made = {StoreRequests.NONE};
    InputStream in = openCounted(file, requests -> made[0] = requests);
    return new ReadAhead.Counted(in, () -> made[0]);
  }

  private InputStream openCounted(LogFile file, java.util.function.Consumer<StoreRequests> made)
      throws IOException {
    FileSystem fileSystem = new Path(file.path()).getFileSystem(configuration);
    countersAtStart.computeIfAbsent(fileSystem, StoreRequests::of);
    FSDataInputStream in = LogFileOpener.open(fileSystem, file);
    return new FilterInputStream(in) {
      private boolean closed;

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          super.close();
        } finally {
          made.accept(StoreRequests.of(in));
        }
      }
    };
  }

  private LogFileReader.Rows reject(LogFile file, String reason) {
    if (strict) {
      throw new RejectedLogFileException(file.path(), reason);
    }
    LOG.warn("Rejected log file {}: {}", file.path(), reason);
    counters.rejected.add(new SkippedPath(file.path(), reason));
    return null;
  }
}
