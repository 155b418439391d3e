package dev.traildenials.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.testing.FaultInjectingProxy;
import dev.traildenials.testing.HeapWatch;
import dev.traildenials.testing.S3TestServer;
import dev.traildenials.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark of {@code bench/read-ahead}, not a test: a query over a few thousand small log
 * files through s3a, behind a proxy that holds every request 0, 20 or 50 ms, read file after file
 * and read ahead, runs alternated. Prints the medians, files per second per task and the most heap
 * kept alive during each run (the largest heap in use after a collection); checks only that every
 * way gives the same answer with one GET per file. Runs only with {@code -Dbench.readAhead=true}.
 */
class ReadAheadLatencyBenchmark {

  private static final int[] DELAYS_MS = {0, 20, 50};
  private static final String QUERY =
      "SELECT count(*) AS denials, count(DISTINCT eventid) AS distinct_ids, min(eventtime) AS"
          + " first FROM cloudtrail WHERE errorcode IS NOT NULL";

  @TempDir Path temporary;

  @Test
  void timeTheQueryAtEachLatency() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("bench.readAhead"), "a benchmark: run bench/read-ahead");
    int runs = Integer.getInteger("bench.runs", 3);
    SparkSession session = SharedSpark.session();
    Path archive = temporary.resolve("archive");
    SampleSettings demo = SampleSettings.demo();
    long files =
        new SampleArchive(
                new SampleSettings(
                    demo.firstDay(),
                    2,
                    demo.accounts(),
                    demo.organizationId(),
                    demo.organizationAccounts(),
                    demo.regions(),
                    6,
                    20,
                    demo.seed(),
                    false))
            .write(archive)
            .logFiles();
    S3TestServer server = S3TestServer.shared();
    String bucket = server.newBucket("latency");
    server.upload(archive, bucket, "trail/");
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), Integer.MAX_VALUE)) {
      Configuration hadoop = session.sparkContext().hadoopConfiguration();
      hadoop.set("fs.s3a.bucket." + bucket + ".endpoint", "http://127.0.0.1:" + proxy.port());
      proxy.failing(false);
      List<String> table = new ArrayList<>();
      table.add(
          "| delay per request | reader | median s | runs | files/s per task | GETs/file |"
              + " peak heap after GC, MiB |");
      table.add("|---|---|---|---|---|---|---|");
      Row answer = null;
      for (int delay : DELAYS_MS) {
        proxy.delay(Duration.ofMillis(delay));
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Double> getsPerFile = new LinkedHashMap<>();
        Map<String, List<Double>> peakMib = new LinkedHashMap<>();
        for (int run = 0; run < runs + 1; run++) {
          for (String reader : List.of("sequential", "read-ahead")) {
            session
                .conf()
                .set(CloudTrailScan.READ_AHEAD_FILES, reader.equals("sequential") ? "0" : "8");
            server.clearRequests(bucket);
            Row result;
            double elapsed;
            double peak;
            try (HeapWatch heap = HeapWatch.start()) {
              long start = System.nanoTime();
              ArchiveRead.listedByScans(
                      session,
                      new CloudTrailReadOptions(
                          ArchiveRequest.everything("s3a://" + bucket + "/trail"),
                          false,
                          16,
                          false))
                  .load(session)
                  .createOrReplaceTempView("cloudtrail");
              result = session.sql(QUERY).first();
              elapsed = (System.nanoTime() - start) / 1e9;
              peak = heap.peakBytes() / (1024.0 * 1024.0);
            }
            if (answer == null) {
              answer = result;
            }
            assertThat(result).as("%s at %d ms", reader, delay).isEqualTo(answer);
            long gets =
                server.requests(bucket).stream().filter(r -> r.kind().equals("GET")).count();
            getsPerFile.put(reader, gets / (double) files);
            if (run > 0) { // the first round warms the JVM and the connection pool
              seconds.computeIfAbsent(reader, key -> new ArrayList<>()).add(elapsed);
              peakMib.computeIfAbsent(reader, key -> new ArrayList<>()).add(peak);
            }
          }
        }
        for (Map.Entry<String, List<Double>> timed : seconds.entrySet()) {
          double median = median(timed.getValue());
          table.add(
              String.format(
                  Locale.ROOT,
                  "| %d ms | %s | %.2f | %s | %.0f | %.2f | %.0f %s |",
                  delay,
                  timed.getKey(),
                  median,
                  timed.getValue().stream()
                      .map(s -> String.format(Locale.ROOT, "%.2f", s))
                      .toList(),
                  files / median / session.sparkContext().defaultParallelism(),
                  getsPerFile.get(timed.getKey()),
                  median(peakMib.get(timed.getKey())),
                  peakMib.get(timed.getKey()).stream()
                      .map(m -> String.format(Locale.ROOT, "%.0f", m))
                      .toList()));
        }
      }
      session.conf().unset(CloudTrailScan.READ_AHEAD_FILES);
      System.out.println("READ-AHEAD " + files + " log files, answer " + answer);
      table.forEach(line -> System.out.println("READ-AHEAD " + line));
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
