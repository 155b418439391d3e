package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.schema.CloudTrailSchema;
import dev.traildenials.testing.TestArchives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A query's {@code IS NOT NULL} on a top-level column lets the parser skip records without it, and
 * in a file held in memory decode the values of the others only after the check. Whatever the path,
 * the records handed out must be exactly those, and exactly as, a parser without the condition
 * hands out once the condition is applied.
 */
class RequiredColumnsTest {

  private static final List<String> ERROR_CODE = List.of("errorcode");

  private static LogFileReader reader(List<String> required, long holdLimitBytes) {
    return new LogFileReader(
        new CloudTrailLogParser(
            new FieldSelection(CloudTrailSchema.columns()),
            new JavaValues(),
            EventTimeWindow.ALL,
            required),
        holdLimitBytes);
  }

  private static int errorCodeOrdinal() {
    return new FieldSelection(CloudTrailSchema.columns()).ordinalOfName("errorcode");
  }

  /** Every row a reader hands out of a compressed log file. */
  static List<List<Object>> read(LogFileReader reader, byte[] compressed) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] row :
        LogFileReader.all(reader.read(() -> new ByteArrayInputStream(compressed)))) {
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  private static List<List<Object>> withErrorCode(List<List<Object>> rows) {
    int ordinal = errorCodeOrdinal();
    return rows.stream().filter(row -> row.get(ordinal) != null).toList();
  }

  @Test
  void realLogsGiveTheSameDenialsInMemoryAndStreamedAsWithoutTheCondition() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(TestArchives.sigmaDataset().resolve("AWSLogs"))) {
      files = walk.filter(path -> path.toString().endsWith(".json.gz")).sorted().toList();
    }
    LogFileReader all = reader(List.of(), LogFileReader.DEFAULT_HOLD_LIMIT_BYTES);
    LogFileReader inMemory = reader(ERROR_CODE, LogFileReader.DEFAULT_HOLD_LIMIT_BYTES);
    LogFileReader streamed = reader(ERROR_CODE, 0);
    int records = 0;
    int denials = 0;
    for (Path file : files) {
      byte[] compressed = Files.readAllBytes(file);
      List<List<Object>> every = read(all, compressed);
      List<List<Object>> expected = withErrorCode(every);
      assertThat(read(inMemory, compressed)).as(file.toString()).isEqualTo(expected);
      assertThat(read(streamed, compressed)).as(file.toString()).isEqualTo(expected);
      records += every.size();
      denials += expected.size();
    }
    // Both kinds of record occur, so skipping and decoding late are both exercised.
    assertThat(denials).isPositive().isLessThan(records);
  }

  @Test
  void nullMissingObjectAndRepeatedValuesOfTheRequiredColumnAreJudgedAlikeOnBothPaths()
      throws Exception {
    String json =
        "{\"Records\":["
            + record("kept", "\"errorCode\":\"AccessDenied\"")
            + ","
            + record("missing", "\"errorMessage\":\"no code\"")
            + ","
            + record("null", "\"errorCode\":null")
            + ","
            + record("object", "\"errorCode\":{\"code\":\"AccessDenied\"}")
            + ","
            + record("null-then-text", "\"errorCode\":null,\"errorCode\":\"Client.Unauthorized\"")
            + ","
            + record("text-then-null", "\"errorCode\":\"AccessDenied\",\"errorCode\":null")
            + "]}";
    byte[] compressed = gzip(json.getBytes(StandardCharsets.UTF_8));
    int eventId = new FieldSelection(CloudTrailSchema.columns()).ordinalOfName("eventid");
    int errorCode = errorCodeOrdinal();

    List<List<Object>> inMemory =
        read(reader(ERROR_CODE, LogFileReader.DEFAULT_HOLD_LIMIT_BYTES), compressed);

    assertThat(inMemory.stream().map(row -> row.get(eventId)))
        .containsExactly("kept", "object", "null-then-text");
    assertThat(inMemory.stream().map(row -> row.get(errorCode)))
        .containsExactly("AccessDenied", "{\"code\":\"AccessDenied\"}", "Client.Unauthorized");
    assertThat(read(reader(ERROR_CODE, 0), compressed)).isEqualTo(inMemory);
    assertThat(withErrorCode(read(reader(List.of(), Long.MAX_VALUE), compressed)))
        .isEqualTo(inMemory);
  }

  @Test
  void aRequiredColumnTheSelectionLacksOrThatIsNotTextIsIgnored() throws Exception {
    byte[] compressed =
        gzip(
            ("{\"Records\":["
                    + record("a", "\"errorCode\":\"AccessDenied\"")
                    + ","
                    + record("b", "\"errorMessage\":\"none\"")
                    + "]}")
                .getBytes(StandardCharsets.UTF_8));

    // userIdentity is a struct, no such column exists: neither can skip a record.
    List<List<Object>> rows =
        read(
            reader(List.of("useridentity", "nosuchcolumn"), LogFileReader.DEFAULT_HOLD_LIMIT_BYTES),
            compressed);

    assertThat(rows).hasSize(2);
  }

  /** A record with an id, an event time, nested values to decode late, and the given fields. */
  private static String record(String id, String fields) {
    return "{\"eventTime\":\"2024-03-01T00:00:00Z\",\"eventID\":\""
        + id
        + "\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/r/"
        + id
        + "\",\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"arn:aws:iam::1:role/r\"}}},"
        + "\"requestParameters\":{\"bucketName\":\""
        + id
        + "\",\"list\":[1,{\"a\":null}]},"
        + "\"resources\":[{\"ARN\":\"arn:aws:s3:::"
        + id
        + "\",\"type\":\"AWS::S3::Bucket\"}],"
        + fields
        + "}";
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
