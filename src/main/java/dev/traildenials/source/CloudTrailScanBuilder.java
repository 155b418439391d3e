package dev.traildenials.source;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;

/** Takes the columns a query needs (nested fields included) so that only those are built. */
final class CloudTrailScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns {

  private final CloudTrailReadOptions options;
  private StructType requiredSchema = SparkSchema.table();

  CloudTrailScanBuilder(CloudTrailReadOptions options) {
    this.options = options;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.requiredSchema = requiredSchema;
  }

  @Override
  public Scan build() {
    return new CloudTrailScan(options, requiredSchema);
  }
}
