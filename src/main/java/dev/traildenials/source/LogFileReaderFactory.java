package dev.traildenials.source;

import dev.traildenials.parse.DetailRule;
import dev.traildenials.parse.EventTimeWindow;
import dev.traildenials.schema.Field;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.util.SerializableConfiguration;

/** Sent to the executors: what each task needs to read its log files. */
final class LogFileReaderFactory implements PartitionReaderFactory {

  private static final long serialVersionUID = 1L;

  private final List<Field> columns;
  private final List<String> requiredColumns;
  private final DetailRule rule;
  private final EventTimeWindow window;
  private final boolean strict;
  private final Broadcast<SerializableConfiguration> hadoopConfiguration;
  private final ReadCounters counters;
  private final ReadAhead.Settings readAhead;

  LogFileReaderFactory(
      List<Field> columns,
      List<String> requiredColumns,
      DetailRule rule,
      EventTimeWindow window,
      boolean strict,
      Broadcast<SerializableConfiguration> hadoopConfiguration,
      ReadCounters counters,
      ReadAhead.Settings readAhead) {
    this.columns = List.copyOf(columns);
    this.requiredColumns = List.copyOf(requiredColumns);
    this.rule = rule;
    this.window = window;
    this.strict = strict;
    this.hadoopConfiguration = hadoopConfiguration;
    this.counters = counters;
    this.readAhead = readAhead;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new LogFilePartitionReader(
        ((LogFilePartition) partition).files(),
        columns,
        requiredColumns,
        rule,
        window,
        strict,
        hadoopConfiguration.value().value(),
        counters,
        readAhead);
  }
}
