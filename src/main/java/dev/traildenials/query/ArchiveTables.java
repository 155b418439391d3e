package dev.traildenials.query;

import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.source.CloudTrailTableProvider;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Registers an archive as the tables users' SQL names. */
public final class ArchiveTables {

  /** Our name for the table. */
  public static final String CLOUDTRAIL = "cloudtrail";

  /** The name AWS's documentation gives the table; its queries run unchanged. */
  public static final String CLOUDTRAIL_LOGS = "cloudtrail_logs";

  private ArchiveTables() {}

  public static Dataset<Row> register(SparkSession session, CloudTrailReadOptions options) {
    Dataset<Row> table =
        session.read().format(CloudTrailTableProvider.SHORT_NAME).options(options.toMap()).load();
    table.createOrReplaceTempView(CLOUDTRAIL);
    table.createOrReplaceTempView(CLOUDTRAIL_LOGS);
    return table;
  }
}
