package dev.traildenials.source;

import dev.traildenials.parse.DetailRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.types.StructType;

/**
 * Takes the columns a query needs (nested fields included) so that only those are built, and its
 * {@code IS NOT NULL} conditions on top-level columns so that records failing them are skipped
 * before their values are decoded.
 */
final class CloudTrailScanBuilder
    implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownFilters {

  private final ArchiveRead read;
  private StructType requiredSchema = SparkSchema.table();
  private Filter[] pushed = new Filter[0];
  private final List<String> requiredColumns = new ArrayList<>();

  private final DetailRule rule;

  CloudTrailScanBuilder(ArchiveRead read, DetailRule rule) {
    this.read = read;
    this.rule = rule;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.requiredSchema = requiredSchema;
  }

  /**
   * Keeps the {@code IS NOT NULL} conditions on top-level columns and returns every filter: the
   * reader only skips records these would drop, Spark still applies them all.
   */
  @Override
  public Filter[] pushFilters(Filter[] filters) {
    List<Filter> used = new ArrayList<>();
    requiredColumns.clear();
    for (Filter filter : filters) {
      if (filter instanceof IsNotNull notNull && !notNull.attribute().contains(".")) {
        used.add(filter);
        requiredColumns.add(notNull.attribute());
      }
    }
    pushed = used.toArray(new Filter[0]);
    return filters;
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed;
  }

  @Override
  public Scan build() {
    return new CloudTrailScan(read, requiredSchema, requiredColumns, rule);
  }
}
