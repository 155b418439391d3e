package dev.traildenials.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.FaultInjectingProxy;
import dev.traildenials.testing.S3TestServer;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task cancelled while its next files are being fetched leaves no request behind. */
@Tag("slow")
class ReadAheadCancellationTest {

  @TempDir Path temporary;

  @Test
  void aCancelledQueryMakesNoRequestAfterItsTasksEnd() throws Exception {
    SparkSession session = SharedSpark.session();
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    S3TestServer server = S3TestServer.shared();
    String bucket = server.newBucket("cancel");
    server.upload(archive, bucket, "trail/");
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), Integer.MAX_VALUE)) {
      proxy.failing(false);
      session
          .sparkContext()
          .hadoopConfiguration()
          .set("fs.s3a.bucket." + bucket + ".endpoint", "http://127.0.0.1:" + proxy.port());
      ArchiveRead.listedByScans(
              session,
              new CloudTrailReadOptions(
                  ArchiveRequest.everything("s3a://" + bucket + "/trail"), false, 4, false))
          .load(session)
          .createOrReplaceTempView("cancelled_archive");
      session.conf().set(CloudTrailScan.READ_AHEAD_FILES, "8");
      server.clearRequests(bucket);
      // Slow enough that fetches are in flight when the query is cancelled.
      proxy.delay(Duration.ofMillis(300));
      SparkContext context = session.sparkContext();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread query =
          new Thread(
              () -> {
                context.setJobGroup("read-ahead-cancel", "cancelled on purpose", true);
                try {
                  session.sql("SELECT count(*) FROM cancelled_archive").collect();
                } catch (Throwable e) {
                  failure.set(e);
                } finally {
                  context.clearJobGroup();
                }
              });
      query.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // Cancelled once the tasks read: some files fetched, more on their way.
      while (gets(server, bucket) < 4 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      context.cancelJobGroup("read-ahead-cancel");
      query.join(60_000);
      assertThat(failure.get()).as("the query was cancelled").isNotNull();
      while (runningTasks(context) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(runningTasks(context)).isZero();
      // A pool's thread outlives its pool's termination by the few instructions of its exit.
      long exitDeadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (fetchThreadsAlive() > 0 && System.nanoTime() < exitDeadline) {
        Thread.sleep(10);
      }
      assertThat(fetchThreadsAlive()).as("fetching threads left running").isZero();
      long afterTheTasks = proxy.requests();
      Thread.sleep(1_500);
      assertThat(proxy.requests()).as("requests after the tasks ended").isEqualTo(afterTheTasks);
    } finally {
      session.conf().unset(CloudTrailScan.READ_AHEAD_FILES);
    }
  }

  private static long gets(S3TestServer server, String bucket) {
    return server.requests(bucket).stream().filter(r -> r.kind().equals("GET")).count();
  }

  private static long fetchThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("trail-denials-read-ahead") && thread.isAlive())
        .count();
  }

  private static int runningTasks(SparkContext context) {
    int running = 0;
    for (SparkExecutorInfo executor : context.statusTracker().getExecutorInfos()) {
      running += executor.numRunningTasks();
    }
    return running;
  }
}
