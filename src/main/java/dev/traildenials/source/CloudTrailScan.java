package dev.traildenials.source;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.FilePacking;
import dev.traildenials.archive.LogFile;
import dev.traildenials.parse.EventTimeWindow;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Takes the files of its read's plan (or lists, on the driver, only the folders the request and the
 * query's conditions need), packs them into tasks by size and hands the executors a reader for the
 * required columns.
 */
final class CloudTrailScan implements Scan, Batch {

  private final ArchiveRead read;
  private final CloudTrailReadOptions options;
  private final StructType requiredSchema;
  private final List<String> requiredColumns;
  private final ListingNarrowing narrowing;
  private ArchivePlan plan;

  CloudTrailScan(ArchiveRead read, StructType requiredSchema, List<String> requiredColumns) {
    this(read, requiredSchema, requiredColumns, ListingNarrowing.NONE);
  }

  private CloudTrailScan(
      ArchiveRead read,
      StructType requiredSchema,
      List<String> requiredColumns,
      ListingNarrowing narrowing) {
    this.read = read;
    this.options = read.options();
    this.requiredSchema = requiredSchema;
    this.requiredColumns = List.copyOf(requiredColumns);
    this.narrowing = narrowing;
  }

  /** What the query's conditions narrow the listing to. */
  ListingNarrowing narrowing() {
    return narrowing;
  }

  /** Whether the scan lists the archive itself, so that a query's conditions can narrow it. */
  boolean narrowable() {
    return read.narrowable();
  }

  /** The same scan, listing only what the query's conditions allow. */
  CloudTrailScan narrowedBy(ListingNarrowing narrowing) {
    return new CloudTrailScan(read, requiredSchema, requiredColumns, narrowing);
  }

  @Override
  public StructType readSchema() {
    return requiredSchema;
  }

  @Override
  public String description() {
    return "CloudTrail archive "
        + options.request().root()
        + (options.request().from() == null ? "" : " from " + options.request().from())
        + (options.request().to() == null ? "" : " to " + options.request().to())
        + (requiredColumns.isEmpty()
            ? ""
            : ", records without " + String.join(", ", requiredColumns) + " skipped")
        + (narrowing.narrowsNothing() ? "" : ", listing narrowed to " + narrowing.describe());
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  private synchronized ArchivePlan plan() {
    if (plan == null) {
      plan = read.planFor(SparkSession.active(), narrowing);
    }
    return plan;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    SQLConf conf = SparkSession.active().sessionState().conf();
    List<List<LogFile>> tasks =
        FilePacking.pack(
            plan().files(),
            conf.filesMaxPartitionBytes(),
            conf.filesOpenCostInBytes(),
            SparkSession.active().sparkContext().defaultParallelism());
    read.recordReadTasks(narrowing, tasks.size());
    return tasks.stream().map(LogFilePartition::new).toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    SparkSession session = SparkSession.active();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
    return new LogFileReaderFactory(
        SparkSchema.select(requiredSchema),
        requiredColumns,
        options.wholeFiles()
            ? EventTimeWindow.ALL
            : EventTimeWindow.of(options.request().from(), options.request().to()),
        options.strict(),
        context.broadcast(new SerializableConfiguration(session.sessionState().newHadoopConf())),
        read.counters());
  }
}
