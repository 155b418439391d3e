package dev.traildenials.query;

import dev.traildenials.source.ArchiveRead;
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

  /** Names the archive of this read; every query of these names records into the read. */
  public static Dataset<Row> register(SparkSession session, ArchiveRead read) {
    Dataset<Row> table = read.load(session);
    table.createOrReplaceTempView(CLOUDTRAIL);
    table.createOrReplaceTempView(CLOUDTRAIL_LOGS);
    return table;
  }
}
