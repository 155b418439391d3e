package dev.traildenials.source;

import dev.traildenials.parse.DetailRule;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code cloudtrail} data source: a CloudTrail archive read as AWS's Athena CloudTrail table.
 *
 * <pre>
 * spark.read().format("cloudtrail").option("archive", "s3a://bucket/prefix")
 *     .option("from", "2024-03-01T00:00:00Z").load()
 * </pre>
 */
public final class CloudTrailTableProvider implements TableProvider, DataSourceRegister {

  public static final String SHORT_NAME = "cloudtrail";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SparkSchema.table();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    // A read nobody holds: its scans list the archive, and its counts go unread.
    return new ArchiveTable(
        ArchiveRead.listedByScans(
            SparkSession.active(),
            CloudTrailReadOptions.parse(new CaseInsensitiveStringMap(properties))));
  }

  /** The archive as a readable table: every scan of it records into one read. */
  static final class ArchiveTable implements SupportsRead {
    private final ArchiveRead read;

    ArchiveTable(ArchiveRead read) {
      this.read = read;
    }

    @Override
    public String name() {
      return "cloudtrail(" + read.options().request().root() + ")";
    }

    // Spark 3.5 still asks every table for schema(); columns() is derived from it.
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
      return SparkSchema.table();
    }

    @Override
    public Set<TableCapability> capabilities() {
      return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
      return new CloudTrailScanBuilder(
          read, DetailRule.named(scanOptions.get(ArchiveRead.DETAILS)));
    }
  }
}
