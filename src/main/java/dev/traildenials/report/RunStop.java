package dev.traildenials.report;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * A request to stop a run (Ctrl-C, SIGTERM), and what makes the run stop: its Spark jobs are
 * cancelled, those running when the request comes and every one it starts afterwards, but for the
 * write that records the stop in {@code runs}. Each table is one commit, so a cancelled write
 * leaves it at its previous version.
 */
public final class RunStop implements AutoCloseable {

  /** The job group of the writes that record a stop, which the cancelling leaves alone. */
  private static final String RECORDING_GROUP = "trail-denials-recording-a-stop";

  private final SparkContext context;
  private final SparkListener cancelling;
  private volatile String signal;

  private RunStop(SparkContext context) {
    this.context = context;
    this.cancelling =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart job) {
            if (signal != null
                && !RECORDING_GROUP.equals(job.properties().getProperty("spark.jobGroup.id"))) {
              context.cancelJob(job.jobId(), "the run was interrupted (" + signal + ")");
            }
          }
        };
  }

  /** A stop for a run in this session; nothing is requested yet. */
  public static RunStop watching(SparkSession session) {
    RunStop stop = new RunStop(session.sparkContext());
    stop.context.addSparkListener(stop.cancelling);
    return stop;
  }

  /** Asks the run to stop; the first request counts. */
  public void request(String signalName) {
    if (signal == null) {
      signal = signalName;
      context.cancelAllJobs();
    }
  }

  public boolean requested() {
    return signal != null;
  }

  /** Ends the step the run is at when a stop has been requested. */
  void check() {
    if (signal != null) {
      throw new IllegalStateException("the run was interrupted (" + signal + ")");
    }
  }

  /** The signal that asked for the stop, such as {@code SIGINT}. */
  public String signal() {
    return signal;
  }

  /** Runs the write that records the stop, whose jobs are not cancelled. */
  void recording(Runnable write) {
    context.setJobGroup(RECORDING_GROUP, "recording that the run was interrupted", false);
    try {
      write.run();
    } finally {
      context.clearJobGroup();
    }
  }

  @Override
  public void close() {
    context.removeSparkListener(cancelling);
  }
}
