package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.SparkSubmitter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single log file of more than 640 MB of JSON is read by a job whose whole heap is 512 MB: the
 * reader streams it (checked once, then read again record by record) instead of holding it.
 */
@Tag("slow")
class LargeLogFileIT {

  /** More JSON than the job's heap (-Xmx512m) could hold even as text. */
  private static final long JSON_BYTES = 640L << 20;

  private static final int DENIAL_EVERY = 100;

  @TempDir Path temporary;

  /** Writes records of about 1 KB until the JSON passes {@link #JSON_BYTES}; returns how many. */
  private static long writeLargeLogFile(Path file) throws IOException {
    String padding = "x".repeat(700);
    long records = 0;
    long bytes = 0;
    try (OutputStream out =
        new BufferedOutputStream(
            new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            },
            1 << 16)) {
      bytes += write(out, "{\"Records\":[");
      while (bytes < JSON_BYTES) {
        boolean denial = records % DENIAL_EVERY == 0;
        String record =
            (records == 0 ? "" : ",")
                + "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\","
                + "\"arn\":\"arn:aws:sts::111111111111:assumed-role/Worker/s\",\"sessionContext\":"
                + "{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111111111111:role/"
                + "Worker\"}}},\"eventTime\":\"2024-03-01T"
                + String.format(
                    "%02d:%02d:%02d", records / 3600 % 24, records / 60 % 60, records % 60)
                + "Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\","
                + (denial
                    ? "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"Access Denied\","
                    : "")
                + "\"requestParameters\":{\"bucketName\":\"big\",\"key\":\""
                + padding
                + "\"},\"eventID\":\"large-"
                + records
                + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111111111111\"}";
        bytes += write(out, record);
        records++;
      }
      write(out, "]}");
    }
    return records;
  }

  private static int write(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    return bytes.length;
  }

  @Test
  void aFileLargerThanTheHeapIsReadWhole() throws Exception {
    Path day = temporary.resolve("archive/AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/01");
    Files.createDirectories(day);
    long records =
        writeLargeLogFile(
            day.resolve(
                "111111111111_CloudTrail_us-east-1_20240301T0000Z_LargeLogFile001.json.gz"));
    long denials = (records + DENIAL_EVERY - 1) / DENIAL_EVERY;

    Path out = temporary.resolve("out");
    SparkSubmitter submit = new SparkSubmitter(temporary).maxHeap("512m");
    int exit =
        submit.run(
            "report",
            "report",
            "--archive",
            temporary.resolve("archive").toString(),
            "--out",
            out.toString(),
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-02");
    String log = Files.readString(submit.log("report"), StandardCharsets.UTF_8);
    assertThat(exit).as(log).isZero();
    assertThat(log).contains("too many to hold: checked to its end, now read again");

    Row run =
        SharedSpark.session()
            .read()
            .format("delta")
            .load(out.resolve(ReportTables.RUNS).toString())
            .first();
    assertThat(run.<Long>getAs("files_read")).isEqualTo(1L);
    assertThat(run.<Long>getAs("files_rejected")).isZero();
    assertThat(run.<Long>getAs("records_read")).isEqualTo(records);
    assertThat(run.<Long>getAs("denials")).isEqualTo(denials);
    assertThat(
            SharedSpark.session()
                .read()
                .format("delta")
                .load(out.resolve("denial_events").toString())
                .count())
        .isEqualTo(denials);
  }
}
