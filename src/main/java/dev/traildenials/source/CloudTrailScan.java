package dev.traildenials.source;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.FilePacking;
import dev.traildenials.archive.LogFile;
import dev.traildenials.failure.Failure;
import dev.traildenials.parse.DetailRule;
import dev.traildenials.parse.EventTimeWindow;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.network.util.JavaUtils;
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
  private final DetailRule rule;
  private final ListingNarrowing narrowing;
  private ArchivePlan plan;

  CloudTrailScan(
      ArchiveRead read, StructType requiredSchema, List<String> requiredColumns, DetailRule rule) {
    this(read, requiredSchema, requiredColumns, rule, ListingNarrowing.NONE);
  }

  private CloudTrailScan(
      ArchiveRead read,
      StructType requiredSchema,
      List<String> requiredColumns,
      DetailRule rule,
      ListingNarrowing narrowing) {
    this.read = read;
    this.options = read.options();
    this.requiredSchema = requiredSchema;
    this.requiredColumns = List.copyOf(requiredColumns);
    this.rule = rule;
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
    return new CloudTrailScan(read, requiredSchema, requiredColumns, rule, narrowing);
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
        + (rule == null ? "" : ", details only of records notable by the rule " + rule.name())
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

  /** Spark setting: log files a task fetches ahead while it parses (0: none). */
  static final String READ_AHEAD_FILES = "spark.trail-denials.readAhead.files";

  /** Spark setting: compressed bytes a task holds of the files it fetched ahead. */
  static final String READ_AHEAD_BYTES = "spark.trail-denials.readAhead.bytes";

  /** Fetches in flight per task on an object store, unless set. */
  static final int DEFAULT_READ_AHEAD_FILES = 8;

  static final long DEFAULT_READ_AHEAD_BYTES = 32L << 20;

  /**
   * How far each task reads ahead: on an object store by default, where every file waits a round
   * trip for its first byte; not on a local disk, where it would only copy the bytes once more.
   */
  private ReadAhead.Settings readAhead(SQLConf conf) {
    boolean local = options.request().root().startsWith("file:");
    String filesText =
        conf.getConfString(
            READ_AHEAD_FILES, local ? "0" : Integer.toString(DEFAULT_READ_AHEAD_FILES));
    String bytesText =
        conf.getConfString(READ_AHEAD_BYTES, Long.toString(DEFAULT_READ_AHEAD_BYTES));
    long files =
        number(
            READ_AHEAD_FILES,
            filesText,
            Integer::parseInt,
            "how many log files a task fetches ahead, as a whole number (0: none)");
    long bytes =
        number(
            READ_AHEAD_BYTES,
            bytesText,
            JavaUtils::byteStringAsBytes,
            "the bytes a task may hold of files fetched ahead, such as 33554432 or 32m");
    return files <= 0 ? ReadAhead.Settings.NONE : new ReadAhead.Settings((int) files, bytes);
  }

  private static long number(
      String key, String text, ToLongFunction<String> parse, String whatToWrite) {
    try {
      return parse.applyAsLong(text.strip());
    } catch (NumberFormatException e) {
      throw Failure.userInput(
          e, "The Spark setting " + key + " is '" + text + "': write " + whatToWrite + ".");
    }
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    SparkSession session = SparkSession.active();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
    return new LogFileReaderFactory(
        SparkSchema.select(requiredSchema),
        requiredColumns,
        rule,
        options.wholeFiles()
            ? EventTimeWindow.ALL
            : EventTimeWindow.of(options.request().from(), options.request().to()),
        options.strict(),
        context.broadcast(new SerializableConfiguration(session.sessionState().newHadoopConf())),
        read.counters(),
        readAhead(session.sessionState().conf()));
  }
}
