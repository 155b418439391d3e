package dev.traildenials.source;

import dev.traildenials.archive.LogFile;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.parse.CloudTrailLogParser;
import dev.traildenials.parse.EventTimeWindow;
import dev.traildenials.parse.FieldSelection;
import dev.traildenials.parse.LogFileReader;
import dev.traildenials.parse.MalformedLogFileException;
import dev.traildenials.schema.CloudTrailSchema;
import dev.traildenials.schema.Field;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a task's log files one after the other, each completely before any of its rows is returned,
 * so that a file rejected half way contributes nothing.
 */
final class LogFilePartitionReader implements PartitionReader<InternalRow> {

  private static final Logger LOG = LoggerFactory.getLogger(LogFilePartitionReader.class);
  private static final int READ_ATTEMPTS = 2;

  private final Iterator<LogFile> files;
  private final LogFileReader fileReader;
  private final int sourceFileOrdinal;
  private final boolean strict;
  private final Configuration configuration;
  private final CollectionAccumulator<SkippedPath> rejected;
  private final LongAccumulator filesRead;
  private final LongAccumulator recordsRead;
  private final LongAccumulator storeGets;
  private final LongAccumulator storeHeads;

  private Iterator<Object[]> rows = java.util.Collections.emptyIterator();
  private InternalRow current;

  LogFilePartitionReader(
      List<LogFile> files,
      List<Field> columns,
      EventTimeWindow window,
      boolean strict,
      Configuration configuration,
      CollectionAccumulator<SkippedPath> rejected,
      LongAccumulator filesRead,
      LongAccumulator recordsRead,
      LongAccumulator storeGets,
      LongAccumulator storeHeads) {
    this.files = files.iterator();
    FieldSelection selection = new FieldSelection(columns);
    this.fileReader =
        new LogFileReader(new CloudTrailLogParser(selection, new SparkValues(), window));
    this.sourceFileOrdinal = selection.ordinalOfName(CloudTrailSchema.SOURCE_FILE);
    this.strict = strict;
    this.configuration = configuration;
    this.rejected = rejected;
    this.filesRead = filesRead;
    this.recordsRead = recordsRead;
    this.storeGets = storeGets;
    this.storeHeads = storeHeads;
  }

  @Override
  public boolean next() throws IOException {
    while (!rows.hasNext()) {
      if (!files.hasNext()) {
        return false;
      }
      rows = readFile(files.next());
    }
    current = new GenericInternalRow(rows.next());
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    // Each file's stream is closed as soon as it has been read.
  }

  private Iterator<Object[]> readFile(LogFile file) throws IOException {
    if (file.size() == 0) {
      return reject(file, "empty file (0 bytes)");
    }
    IOException lastFailure = null;
    for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      Path path = new Path(file.path());
      FSDataInputStream in = null;
      try {
        in = LogFileOpener.open(path.getFileSystem(configuration), file);
        LogFileReader.Contents contents;
        try (InputStream stream = in) {
          contents = fileReader.read(stream);
        }
        filesRead.add(1);
        recordsRead.add(contents.recordsInFile());
        if (sourceFileOrdinal >= 0) {
          UTF8String source = UTF8String.fromString(file.path());
          for (Object[] row : contents.records()) {
            row[sourceFileOrdinal] = source;
          }
        }
        return contents.records().iterator();
      } catch (MalformedLogFileException e) {
        return reject(file, e.reason());
      } catch (FileNotFoundException e) {
        return reject(file, "the file disappeared after the archive was listed");
      } catch (IOException e) {
        lastFailure = e;
        LOG.warn(
            "Reading {} failed (attempt {} of {}): {}",
            file.path(),
            attempt,
            READ_ATTEMPTS,
            e.toString());
      } finally {
        if (in != null) {
          StoreRequests requests = StoreRequests.of(in);
          storeGets.add(requests.get());
          storeHeads.add(requests.head());
        }
      }
    }
    return reject(file, "could not be read from storage: " + lastFailure);
  }

  private Iterator<Object[]> reject(LogFile file, String reason) {
    if (strict) {
      throw new RejectedLogFileException(file.path(), reason);
    }
    LOG.warn("Rejected log file {}: {}", file.path(), reason);
    rejected.add(new SkippedPath(file.path(), reason));
    return java.util.Collections.emptyIterator();
  }
}
