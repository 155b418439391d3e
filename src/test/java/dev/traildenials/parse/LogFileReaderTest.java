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
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogFileReaderTest {

  private static final String GOOD =
      "{\"Records\":[{\"eventTime\":\"2024-03-01T00:00:00Z\",\"eventID\":\"a\"},"
          + "{\"eventTime\":\"2024-03-01T00:00:01Z\",\"eventID\":\"b\"}]}";

  private static final LogFileReader READER =
      new LogFileReader(
          new CloudTrailLogParser(
              new FieldSelection(CloudTrailSchema.columns()),
              new JavaValues(),
              EventTimeWindow.ALL));

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static LogFileReader.Contents read(byte[] compressed) throws Exception {
    return READER.read(new ByteArrayInputStream(compressed));
  }

  @Test
  void readsAGoodFile() throws Exception {
    LogFileReader.Contents contents = read(gzip(GOOD.getBytes(StandardCharsets.UTF_8)));
    assertThat(contents.records()).hasSize(2);
    assertThat(contents.recordsInFile()).isEqualTo(2);
  }

  @Test
  void readsConcatenatedGzipMembers() throws Exception {
    byte[] json = GOOD.getBytes(StandardCharsets.UTF_8);
    byte[] first = gzip(Arrays.copyOfRange(json, 0, 20));
    byte[] second = gzip(Arrays.copyOfRange(json, 20, json.length));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(read(both).records()).hasSize(2);
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
