package dev.traildenials.source;

import dev.traildenials.archive.SkippedPath;
import dev.traildenials.parse.EventTimeWindow;
import dev.traildenials.schema.Field;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/** Sent to the executors: what each task needs to read its log files. */
final class LogFileReaderFactory implements PartitionReaderFactory {

  private static final long serialVersionUID = 1L;

  private final List<Field> columns;
  private final EventTimeWindow window;
  private final boolean strict;
  private final Broadcast<SerializableConfiguration> hadoopConfiguration;
  private final CollectionAccumulator<SkippedPath> rejected;
  private final LongAccumulator filesRead;
  private final LongAccumulator recordsRead;
  private final LongAccumulator storeGets;
  private final LongAccumulator storeHeads;

  LogFileReaderFactory(
      List<Field> columns,
      EventTimeWindow window,
      boolean strict,
      Broadcast<SerializableConfiguration> hadoopConfiguration,
      CollectionAccumulator<SkippedPath> rejected,
      LongAccumulator filesRead,
      LongAccumulator recordsRead,
      LongAccumulator storeGets,
      LongAccumulator storeHeads) {
    this.columns = List.copyOf(columns);
    this.window = window;
    this.strict = strict;
    this.hadoopConfiguration = hadoopConfiguration;
    this.rejected = rejected;
    this.filesRead = filesRead;
    this.recordsRead = recordsRead;
    this.storeGets = storeGets;
    this.storeHeads = storeHeads;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new LogFilePartitionReader(
        ((LogFilePartition) partition).files(),
        columns,
        window,
        strict,
        hadoopConfiguration.value().value(),
        rejected,
        filesRead,
        recordsRead,
        storeGets,
        storeHeads);
  }
}
