package dev.traildenials.store;

import dev.traildenials.failure.Failure;
import dev.traildenials.source.StoreRequests;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the object-store requests made to the output location during a run, from the statistics of
 * this JVM's shared client for its bucket. In local mode that is every request (driver and tasks);
 * on a cluster, the driver's (Delta's log, listings, the human report). When the archive is in the
 * same bucket, the reads this JVM made of it are included.
 */
public final class OutputRequests {

  private final FileSystem fileSystem;
  private final StoreRequests atStart;

  private OutputRequests(FileSystem fileSystem) {
    this.fileSystem = fileSystem;
    this.atStart = StoreRequests.of(fileSystem);
  }

  public static OutputRequests start(SparkSession session, String out) {
    try {
      return new OutputRequests(
          new Path(out).getFileSystem(session.sparkContext().hadoopConfiguration()));
    } catch (IOException e) {
      throw Failure.storage("Cannot reach the output location " + out, e);
    }
  }

  public StoreRequests sinceStart() {
    return StoreRequests.of(fileSystem).minus(atStart);
  }
}
