package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.schema.CloudTrailSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogFileReaderTest {

  private static final String GOOD =
      "{\"Records\":[{\"eventTime\":\"2024-03-01T00:00:00Z\",\"eventID\":\"a\"},"
          + "{\"eventTime\":\"2024-03-01T00:00:01Z\",\"eventID\":\"b\"}]}";

  private static final CloudTrailLogParser PARSER =
      new CloudTrailLogParser(
          new FieldSelection(CloudTrailSchema.columns()), new JavaValues(), EventTimeWindow.ALL);

  private static final LogFileReader READER = new LogFileReader(PARSER);

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static List<Object[]> read(byte[] compressed) throws Exception {
    return LogFileReader.all(READER.read(() -> new ByteArrayInputStream(compressed)));
  }

  @Test
  void readsAGoodFile() throws Exception {
    LogFileReader.Rows rows =
        READER.read(() -> new ByteArrayInputStream(gzip(GOOD.getBytes(StandardCharsets.UTF_8))));
    assertThat(rows.recordsInFile()).isEqualTo(2);
    assertThat(rows.readTwice()).isFalse();
    assertThat(LogFileReader.all(rows)).hasSize(2);
  }

  /** A file with many records, each naming its position. */
  private static byte[] manyRecords(int count) {
    StringBuilder json = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"eventTime\":\"2024-03-01T00:00:00Z\",\"eventID\":\"")
          .append(i)
          .append("\",\"requestParameters\":{\"padding\":\"")
          .append("x".repeat(200))
          .append("\"}}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFileTooLargeToHoldIsCheckedThenReadAgainRecordByRecord() throws Exception {
    byte[] compressed = gzip(manyRecords(5_000));
    int eventId = new FieldSelection(CloudTrailSchema.columns()).ordinalOfName("eventid");
    AtomicInteger opened = new AtomicInteger();
    LogFileReader smallHold = new LogFileReader(PARSER, 64 * 1024);

    LogFileReader.Rows rows =
        smallHold.read(
            () -> {
              opened.incrementAndGet();
              return new ByteArrayInputStream(compressed);
            });
    assertThat(rows.readTwice()).isTrue();
    assertThat(rows.recordsInFile()).isEqualTo(5_000);
    assertThat(opened).hasValue(1);
    List<Object[]> records = LogFileReader.all(rows);
    assertThat(opened).hasValue(2);
    assertThat(records).hasSize(5_000);
    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i)[eventId]).isEqualTo(String.valueOf(i));
    }
  }

  @Test
  void aLargeFileThatBreaksAtItsEndGivesNoRecord() throws Exception {
    byte[] json = manyRecords(5_000);
    byte[] truncated = gzip(Arrays.copyOf(json, json.length - 3));
    LogFileReader smallHold = new LogFileReader(PARSER, 64 * 1024);
    AtomicInteger opened = new AtomicInteger();
    assertThatThrownBy(
            () ->
                smallHold.read(
                    () -> {
                      opened.incrementAndGet();
                      return new ByteArrayInputStream(truncated);
                    }))
        .isInstanceOf(MalformedLogFileException.class)
        .hasMessageContaining("truncated");
    assertThat(opened).hasValue(1);
  }

  @Test
  void aLargeFileThatChangesBeforeItsSecondReadFailsTheReadInsteadOfGivingPartOfIt()
      throws Exception {
    byte[] good = gzip(manyRecords(5_000));
    byte[] json = manyRecords(5_000);
    byte[] broken = gzip(Arrays.copyOf(json, json.length - 3));
    LogFileReader smallHold = new LogFileReader(PARSER, 64 * 1024);
    AtomicInteger opened = new AtomicInteger();
    LogFileReader.Rows rows =
        smallHold.read(
            () -> new ByteArrayInputStream(opened.getAndIncrement() == 0 ? good : broken));
    assertThatThrownBy(() -> LogFileReader.all(rows))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("changed between its two reads");
  }

  @Test
  void readsConcatenatedGzipMembers() throws Exception {
    byte[] json = GOOD.getBytes(StandardCharsets.UTF_8);
    byte[] first = gzip(Arrays.copyOfRange(json, 0, 20));
    byte[] second = gzip(Arrays.copyOfRange(json, 20, json.length));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(read(both)).hasSize(2);
  }

  @Test
  void explainsEveryKindOfBadFile() throws Exception {
    byte[] good = gzip(GOOD.getBytes(StandardCharsets.UTF_8));

    assertRejected(GOOD.getBytes(StandardCharsets.UTF_8), "not gzip-compressed");

    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    assertRejected(truncated, "truncated");

    byte[] withoutTrailer = Arrays.copyOf(good, good.length - 4);
    assertRejected(withoutTrailer, "truncated");

    byte[] corrupt = good.clone();
    for (int i = 10; i < corrupt.length - 8; i++) {
      corrupt[i] = (byte) (i * 31);
    }
    assertRejected(corrupt, "corrupt gzip data");

    byte[] badChecksum = good.clone();
    badChecksum[badChecksum.length - 8] ^= 0x55;
    assertRejected(badChecksum, "corrupt gzip data");

    assertRejected(
        gzip(
            "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>"
                .getBytes(StandardCharsets.UTF_8)),
        "starts like XML");

    byte[] invalidUtf8 = GOOD.getBytes(StandardCharsets.UTF_8);
    invalidUtf8[GOOD.indexOf("\"a\"") + 1] = (byte) 0xC3;
    invalidUtf8[GOOD.indexOf("\"a\"") + 2] = (byte) 0x28;
    assertRejected(gzip(invalidUtf8), "invalid UTF-8");

    assertRejected(
        gzip(GOOD.substring(0, GOOD.length() - 10).getBytes(StandardCharsets.UTF_8)), "truncated");

    assertRejected(gzip(new byte[0]), "no JSON");
  }

  private static void assertRejected(byte[] compressed, String reason) {
    assertThatThrownBy(() -> read(compressed))
        .isInstanceOf(MalformedLogFileException.class)
        .hasMessageContaining(reason);
  }
}
