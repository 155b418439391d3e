package dev.traildenials.source;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.ArchivePlanner;
import dev.traildenials.archive.FilePacking;
import dev.traildenials.archive.LogFile;
import dev.traildenials.parse.EventTimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
 * Plans the archive on the driver (listing only the folders the request needs), packs the files
 * into tasks by size and hands the executors a reader for the required columns.
 */
final class CloudTrailScan implements Scan, Batch {

  private final CloudTrailReadOptions options;
  private final StructType requiredSchema;
  private final List<String> requiredColumns;
  private final ReadReport report;
  private final ListingNarrowing narrowing;
  private ArchivePlan plan;

  CloudTrailScan(
      CloudTrailReadOptions options, StructType requiredSchema, List<String> requiredColumns) {
    this(options, requiredSchema, requiredColumns, ListingNarrowing.NONE);
  }

  private CloudTrailScan(
      CloudTrailReadOptions options,
      StructType requiredSchema,
      List<String> requiredColumns,
      ListingNarrowing narrowing) {
    this.options = options;
    this.requiredSchema = requiredSchema;
    this.requiredColumns = List.copyOf(requiredColumns);
    this.narrowing = narrowing;
    SparkSession session = SparkSession.active();
    this.report =
        options.reportId().isEmpty()
            ? ReadReport.unregistered(session.sparkContext())
            : ReadReport.forId(session.sparkContext(), options.reportId());
  }

  /**
   * What to list: the request, narrowed by the query's conditions. A read of whole files keeps
   * every file of its day folders, whatever the time in its name.
   */
  private dev.traildenials.archive.ArchiveRequest listing() {
    dev.traildenials.archive.ArchiveRequest listing = narrowing.applyTo(options.request());
    return options.wholeFiles() ? listing.withFileTimeMargin(null) : listing;
  }

  /** What the query's conditions narrow the listing to. */
  ListingNarrowing narrowing() {
    return narrowing;
  }

  /** The same scan, listing only what the query's conditions allow. */
  CloudTrailScan narrowedBy(ListingNarrowing narrowing) {
    return new CloudTrailScan(options, requiredSchema, requiredColumns, narrowing);
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
      SparkSession session = SparkSession.active();
      try (HadoopArchiveStore store =
          new HadoopArchiveStore(session.sessionState().newHadoopConf())) {
        ArchivePlan planned =
            new ArchivePlanner(store, options.listingParallelism(), Instant.now()).plan(listing());
        plan = report.withoutExcludedFiles(planned);
        report.recordPlan(
            listing(),
            planned,
            plan,
            store.requests(),
            narrowing.narrowsNothing() ? "" : narrowing.describe());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not list the archive " + options.request().root() + ": " + e.getMessage(), e);
      }
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
    report.recordReadTasks(listing(), tasks.size());
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
        report.counters());
  }
}
