package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One report over an archive holding every kind of bad or odd input next to good files, compared
 * with the report over the same archive without them: each bad file is listed with its path and
 * reason, each odd but valid file gives all its records, and no good record is lost.
 */
@Tag("slow")
class BadInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "111111111111";
  private static final String REGION = "us-east-1";
  private static final String FROM = "2024-03-01";
  private static final String TO = "2024-03-03";
  private static final int DEEP = 5_000;
  private static final int TOO_DEEP = 20_000;
  private static final int TEN_MB = 10 * 1024 * 1024;

  private static final SampleSettings SMALL =
      new SampleSettings(
          LocalDate.of(2024, 3, 1),
          2,
          List.of(ACCOUNT, "222222222222"),
          "o-exampleorg01",
          List.of("444444444444"),
          List.of(REGION, "eu-west-1"),
          1,
          12,
          11L,
          false);

  @TempDir static Path temporary;
  static Path cleanOut;
  static Path badOut;
  static Path bad;
  static Cli.Result badRun;

  /** The odd but valid records the bad archive adds: event id → record. */
  static final Map<String, ObjectNode> oddRecords = new LinkedHashMap<>();

  @BeforeAll
  static void reportBothArchives() throws Exception {
    Path clean = temporary.resolve("clean");
    bad = temporary.resolve("bad");
    new SampleArchive(SMALL).write(clean);
    new SampleArchive(SMALL.withMessy(true)).write(bad);
    writeOddFiles(bad);

    cleanOut = temporary.resolve("clean-out");
    badOut = temporary.resolve("bad-out");
    ReportFixtures.report(clean, cleanOut, FROM, TO);
    badRun = ReportFixtures.report(bad, badOut, FROM, TO);
  }

  // ---- the files ----

  private static Path dayFolder(Path archive, String folder) throws IOException {
    Path day = archive.resolve("AWSLogs/" + ACCOUNT + "/" + folder + "/" + REGION + "/2024/03/01");
    Files.createDirectories(day);
    return day;
  }

  private static String logFileName(String id) {
    return ACCOUNT + "_CloudTrail_" + REGION + "_20240301T1000Z_" + id + ".json.gz";
  }

  private static void writeGzip(Path file, byte[] json) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(json);
    }
  }

  private static void writeLogFile(Path archive, String id, List<? extends JsonNode> records)
      throws IOException {
    ObjectNode file = JSON.createObjectNode();
    ArrayNode array = file.putArray("Records");
    records.forEach(array::add);
    writeGzip(
        dayFolder(archive, "CloudTrail").resolve(logFileName(id)), JSON.writeValueAsBytes(file));
  }

  /** A full record of a role denied by an identity policy, every documented field present. */
  static ObjectNode denial(String eventId) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", "1.09");
    ObjectNode identity = record.putObject("userIdentity");
    identity.put("type", "AssumedRole");
    identity.put("principalId", "AROAEXAMPLEID:builder");
    identity.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/Builder/builder");
    identity.put("accountId", ACCOUNT);
    identity.put("accessKeyId", "ASIAEXAMPLEKEYID0001");
    ObjectNode session = identity.putObject("sessionContext");
    ObjectNode issuer = session.putObject("sessionIssuer");
    issuer.put("type", "Role");
    issuer.put("principalId", "AROAEXAMPLEID");
    issuer.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/Builder");
    issuer.put("accountId", ACCOUNT);
    issuer.put("userName", "Builder");
    ObjectNode attributes = session.putObject("attributes");
    attributes.put("creationDate", "2024-03-01T09:00:00Z");
    attributes.put("mfaAuthenticated", "false");
    record.put("eventTime", "2024-03-01T10:15:00Z");
    record.put("eventSource", "s3.amazonaws.com");
    record.put("eventName", "GetObject");
    record.put("awsRegion", REGION);
    record.put("sourceIPAddress", "203.0.113.9");
    record.put("userAgent", "aws-cli/2.15.0");
    record.put("errorCode", "AccessDenied");
    record.put(
        "errorMessage",
        "User: arn:aws:sts::"
            + ACCOUNT
            + ":assumed-role/Builder/builder is not authorized to perform: s3:GetObject on"
            + " resource: \"arn:aws:s3:::odd-bucket/key\" because no identity-based policy allows"
            + " the s3:GetObject action");
    ObjectNode parameters = record.putObject("requestParameters");
    parameters.put("bucketName", "odd-bucket");
    parameters.put("key", "key");
    record.putNull("responseElements");
    record.putObject("additionalEventData").put("bytesTransferredIn", 0);
    record.put("requestID", "REQ-" + eventId);
    record.put("eventID", eventId);
    record.put("readOnly", true);
    ObjectNode resource = record.putArray("resources").addObject();
    resource.put("type", "AWS::S3::Object");
    resource.put("ARN", "arn:aws:s3:::odd-bucket/key");
    record.put("eventType", "AwsApiCall");
    record.put("managementEvent", false);
    record.put("recipientAccountId", ACCOUNT);
    record.put("sharedEventID", "shared-" + eventId);
    record.put("vpcEndpointId", "vpce-0123456789abcdef0");
    record.put("eventCategory", "Data");
    ObjectNode tls = record.putObject("tlsDetails");
    tls.put("tlsVersion", "TLSv1.3");
    tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
    tls.put("clientProvidedHostHeader", "odd-bucket.s3.amazonaws.com");
    record.put("sessionCredentialFromConsole", "true");
    return record;
  }

  private static void addOdd(List<ObjectNode> file, ObjectNode record) {
    file.add(record);
    oddRecords.put(record.path("eventID").asText(record.path("requestID").asText()), record);
  }

  /** Names of the fields a record may lack: top level, userIdentity, its session issuer. */
  static List<String> optionalFields() {
    List<String> paths = new ArrayList<>();
    ObjectNode template = denial("template");
    template.fieldNames().forEachRemaining(paths::add);
    template.get("userIdentity").fieldNames().forEachRemaining(f -> paths.add("userIdentity." + f));
    template
        .at("/userIdentity/sessionContext/sessionIssuer")
        .fieldNames()
        .forEachRemaining(f -> paths.add("userIdentity.sessionContext.sessionIssuer." + f));
    paths.remove("eventTime"); // a record without a time belongs to no time range (as in Athena)
    return paths;
  }

  private static ObjectNode without(String path) {
    ObjectNode record = denial("missing-" + path);
    String[] steps = path.split("\\.");
    ObjectNode parent = record;
    for (int i = 0; i < steps.length - 1; i++) {
      parent = (ObjectNode) parent.get(steps[i]);
    }
    parent.remove(steps[steps.length - 1]);
    return record;
  }

  private static String nested(int depth, String innermost) {
    return "{\"a\":".repeat(depth) + innermost + "}".repeat(depth);
  }

  static void writeOddFiles(Path archive) throws IOException {
    writeGzip(
        dayFolder(archive, "CloudTrail").resolve(logFileName("EmptyRecords001")),
        "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));

    List<ObjectNode> missing = new ArrayList<>();
    for (String path : optionalFields()) {
      addOdd(missing, without(path));
    }
    ObjectNode timeless = denial("missing-eventTime");
    timeless.remove("eventTime");
    missing.add(timeless);
    writeLogFile(archive, "MissingFields01", missing);

    List<ObjectNode> newer = new ArrayList<>();
    ObjectNode future = denial("newer-version");
    future.put("eventVersion", "2.0");
    future.putObject("futureField").putArray("values").add(1).add("two");
    ((ObjectNode) future.get("userIdentity")).put("futureIdentityField", "y");
    ((ObjectNode) future.at("/userIdentity/sessionContext")).putArray("futureContext").add(true);
    ((ObjectNode) future.at("/tlsDetails")).put("futureTlsField", 1.5);
    future.put("unknownScalar", 12345678901234567L);
    addOdd(newer, future);
    writeLogFile(archive, "NewerVersion001", newer);

    List<ObjectNode> huge = new ArrayList<>();
    ObjectNode large = denial("ten-megabytes");
    ((ObjectNode) large.get("requestParameters")).put("policy", "p".repeat(TEN_MB));
    addOdd(huge, large);
    writeLogFile(archive, "HugeParameters1", huge);

    List<ObjectNode> deep = new ArrayList<>();
    ObjectNode deepRecord = denial("deep-nesting");
    deepRecord.set("requestParameters", JSON.createObjectNode().put("bucketName", "odd-bucket"));
    addOdd(deep, deepRecord);
    String deepJson =
        JSON.writeValueAsString(
                JSON.createObjectNode().set("Records", JSON.createArrayNode().add(deepRecord)))
            .replace(
                "\"requestParameters\":{\"bucketName\":\"odd-bucket\"}",
                "\"requestParameters\":{\"bucketName\":\"odd-bucket\",\"deep\":"
                    + nested(DEEP, "1")
                    + "}");
    writeGzip(
        dayFolder(archive, "CloudTrail").resolve(logFileName("DeepNesting0001")),
        deepJson.getBytes(StandardCharsets.UTF_8));
    String tooDeepJson =
        "{\"Records\":[{\"eventID\":\"too-deep\",\"eventTime\":\"2024-03-01T10:00:00Z\","
            + "\"requestParameters\":"
            + nested(TOO_DEEP, "1")
            + "}]}";
    writeGzip(
        dayFolder(archive, "CloudTrail").resolve(logFileName("TooDeepNesting1")),
        tooDeepJson.getBytes(StandardCharsets.UTF_8));

    // Insights: in their own folder (never listed), and one misplaced among the logs.
    String insight =
        "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-03-01T10:00:00Z\","
            + "\"awsRegion\":\"us-east-1\",\"eventID\":\"insight-event\",\"eventType\":"
            + "\"AwsCloudTrailInsight\",\"recipientAccountId\":\"111111111111\",\"sharedEventID\":"
            + "\"s\",\"insightDetails\":{\"state\":\"Start\",\"eventSource\":\"s3.amazonaws.com\","
            + "\"eventName\":\"GetObject\",\"insightType\":\"ApiErrorRateInsight\",\"insightContext\":"
            + "{\"statistics\":{\"baseline\":{\"average\":0.1},\"insight\":{\"average\":9}},"
            + "\"attributions\":[{\"attribute\":\"errorCode\",\"insight\":[{\"value\":"
            + "\"AccessDenied\",\"average\":9}]}]}},\"eventCategory\":\"Insight\"}]}";
    String insightName =
        ACCOUNT + "_CloudTrail-Insight_" + REGION + "_20240301T1000Z_Insight00001.json.gz";
    writeGzip(
        dayFolder(archive, "CloudTrail-Insight").resolve(insightName),
        insight.getBytes(StandardCharsets.UTF_8));
    writeGzip(
        dayFolder(archive, "CloudTrail").resolve(insightName),
        insight.getBytes(StandardCharsets.UTF_8));
  }

  // ---- reading the outputs ----

  private static Dataset<Row> table(Path out, String name) {
    return SharedSpark.session().read().format("delta").load(out.resolve(name).toString());
  }

  private static Map<String, String> rejected() {
    return table(badOut, ReportTables.REJECTED_FILES).collectAsList().stream()
        .collect(Collectors.toMap(row -> row.getAs("path"), row -> row.getAs("reason")));
  }

  private static String rejectedReason(String fileId) {
    return rejected().entrySet().stream()
        .filter(file -> file.getKey().endsWith("_" + fileId + ".json.gz"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static Row denialEvent(String eventId) {
    List<Row> rows =
        table(badOut, "denial_events").where("event_id = '" + eventId + "'").collectAsList();
    assertThat(rows).as("denial_events rows of " + eventId).hasSize(1);
    return rows.get(0);
  }

  // ---- one test per kind ----

  @ParameterizedTest(name = "{0} is rejected: {1}")
  @CsvSource({
    "CorruptGzip00001, corrupt gzip data",
    "TruncatedGzip001, truncated",
    "S3ErrorDocument1, starts like XML",
    "JsonLines0000001, JSON lines",
    "ZeroBytes0000001, empty file (0 bytes)",
    "NotCompressed001, not gzip-compressed",
    "InvalidUtf8Text1, invalid UTF-8",
    "RecordsNotArray1, not an array",
    "TooDeepNesting1, nesting depth",
  })
  void aBadFileIsListedWithItsPathAndReason(String fileId, String reason) {
    String path =
        rejected().keySet().stream()
            .filter(file -> file.endsWith("_" + fileId + ".json.gz"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(fileId + " not in rejected_files: " + rejected()));
    assertThat(path).startsWith("file:" + bad).contains("/CloudTrail/" + REGION + "/2024/03/01/");
    assertThat(rejectedReason(fileId)).contains(reason);
    assertThat(badRun.out() + badRun.err()).contains(path.substring(path.lastIndexOf('/') + 1));
  }

  @Test
  void theRunSucceedsAndCountsExactlyTheBadFiles() {
    assertThat(badRun.exitCode()).isZero();
    assertThat(rejected()).hasSize(9);
    Row run = table(badOut, ReportTables.RUNS).first();
    assertThat(run.<String>getAs("status")).isEqualTo("succeeded");
    assertThat(run.<Long>getAs("files_rejected")).isEqualTo(9L);
  }

  @Test
  void everyGoodRecordOfEveryOtherFileIsInTheOutput() {
    Dataset<Row> fromBad =
        table(badOut, "denial_events")
            .drop("source_file")
            .where(
                functions
                    .col("event_id")
                    .isin(oddRecords.keySet().toArray())
                    .or(functions.col("error_message").contains("odd-bucket"))
                    .equalTo(false));
    Dataset<Row> fromClean = table(cleanOut, "denial_events").drop("source_file");
    assertThat(fromClean.count()).isPositive();
    assertThat(ReportFixtures.sortedLines(fromBad))
        .isEqualTo(ReportFixtures.sortedLines(fromClean));
  }

  @Test
  void digestFilesAndInsightsAreSkippedNotRead() {
    String output = badRun.out() + badRun.err();
    assertThat(output).containsPattern("skipped .*CloudTrail-Digest.*digest file");
    assertThat(output)
        .containsPattern(
            "skipped .*/CloudTrail/us-east-1/2024/03/01/[^ ]*Insight00001.json.gz: a CloudTrail Insights file");
    assertThat(output).doesNotContain("/CloudTrail-Insight/");
    assertThat(table(badOut, "denial_events").where("event_id = 'insight-event'").count()).isZero();
  }

  @Test
  void anEmptyRecordsArrayIsAGoodFileWithNoRecord() {
    assertThat(rejectedReason("EmptyRecords001")).isNull();
    assertThat(badRun.out() + badRun.err()).doesNotContain("EmptyRecords001");
  }

  @Test
  void aRecordMissingAnyOptionalFieldIsKeptWithThatFieldEmpty() {
    List<String> fields = optionalFields();
    assertThat(fields).hasSizeGreaterThanOrEqualTo(35);
    for (String field : fields) {
      if (field.equals("errorCode")) {
        // Without an error code it is no denial.
        assertThat(table(badOut, "denial_events").where("event_id = 'missing-errorCode'").count())
            .isZero();
        continue;
      }
      String id =
          field.equals("eventID")
              ? table(badOut, "denial_events")
                  .where("error_message LIKE '%odd-bucket%' AND event_id LIKE 'sha256:%'")
                  .first()
                  .getAs("event_id")
              : "missing-" + field;
      Row row = denialEvent(id);
      assertThat(row.<String>getAs("event_name"))
          .as(field)
          .isEqualTo(field.equals("eventName") ? null : "GetObject");
      assertThat(row.<String>getAs("error_code")).as(field).isEqualTo("AccessDenied");
    }
    assertThat(denialEvent("missing-errorMessage").<String>getAs("deny_kind")).isNotNull();
    assertThat(denialEvent("missing-userIdentity").<String>getAs("identity_arn")).isNull();
    assertThat(denialEvent("missing-userIdentity.arn").<String>getAs("principal_arn"))
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/Builder");
    assertThat(denialEvent("missing-recipientAccountId").<String>getAs("account_id"))
        .isEqualTo(ACCOUNT);
    assertThat(denialEvent("missing-sourceIPAddress").<String>getAs("source_ip")).isNull();
    assertThat(denialEvent("missing-resources").<String>getAs("denied_resource"))
        .isEqualTo("arn:aws:s3:::odd-bucket/key");
    // Every odd denial is there once; a record without an event time is in no time range, as in
    // Athena.
    assertThat(
            table(badOut, "denial_events")
                .where(
                    org.apache
                        .spark
                        .sql
                        .functions
                        .col("event_id")
                        .isin(oddRecords.keySet().toArray()))
                .count())
        .isEqualTo(oddRecords.size() - 2);
    assertThat(table(badOut, "denial_events").where("event_id = 'missing-eventTime'").count())
        .isZero();
  }

  /** A field of a cloudtrail row by its JSON path: userIdentity.arn → useridentity.arn. */
  private static Object valueAt(Row row, String fieldPath) {
    Object value = row;
    for (String step : fieldPath.toLowerCase(java.util.Locale.ROOT).split("\\.")) {
      if (value == null) {
        return null;
      }
      value = ((Row) value).getAs(step);
    }
    return value;
  }

  @Test
  void inTheCloudtrailTableEachMissingFieldIsNullAndOnlyThat() {
    dev.traildenials.query.ArchiveTables.register(
        SharedSpark.session(),
        dev.traildenials.source.ArchiveRead.listedByScans(
            SharedSpark.session(),
            new dev.traildenials.source.CloudTrailReadOptions(
                dev.traildenials.archive.ArchiveRequest.everything("file:" + bad),
                false,
                4,
                false)));
    Map<String, Row> byId = new LinkedHashMap<>();
    for (Row row :
        SharedSpark.session()
            .table("cloudtrail")
            .where("source_file LIKE '%MissingFields01%' OR eventid = 'newer-version'")
            .collectAsList()) {
      byId.put(row.getAs("eventid") == null ? "<none>" : row.getAs("eventid"), row);
    }
    Row full = byId.get("newer-version");
    ObjectNode template = denial("template");
    for (String field : optionalFields()) {
      Row row = byId.get(field.equals("eventID") ? "<none>" : "missing-" + field);
      assertThat(row).as(field).isNotNull();
      assertThat(valueAt(row, field)).as(field + " when missing").isNull();
      if (!template.at("/" + field.replace('.', '/')).isNull()) {
        assertThat(valueAt(full, field)).as(field + " when present").isNotNull();
      }
      // Nothing else of the record is lost.
      assertThat(row.<String>getAs("eventname"))
          .as(field)
          .isEqualTo(field.equals("eventName") ? null : "GetObject");
      assertThat(row.<String>getAs("requestid"))
          .as(field)
          .isEqualTo(field.equals("requestID") ? null : "REQ-missing-" + field);
    }
  }

  @Test
  void unknownFieldsAndANewerEventVersionAreRead() {
    Row row = denialEvent("newer-version");
    assertThat(row.<String>getAs("identity_arn"))
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Builder/builder");
    assertThat(row.<String>getAs("principal_arn"))
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/Builder");
    assertThat(row.<String>getAs("deny_kind")).isEqualTo("implicit");
    assertThat(row.<String>getAs("policy_type")).isEqualTo("identity-based policy");
    assertThat(row.<String>getAs("denied_resource")).isEqualTo("arn:aws:s3:::odd-bucket/key");
  }

  @Test
  void tenMegabytesOfRequestParametersAreKeptWhole() throws Exception {
    Row row = denialEvent("ten-megabytes");
    String parameters = row.getAs("request_parameters");
    assertThat(parameters.length()).isGreaterThan(TEN_MB);
    JsonNode parsed = JSON.readTree(parameters);
    assertThat(parsed.get("policy").asText()).hasSize(TEN_MB);
    assertThat(row.<String>getAs("denied_resource")).isEqualTo("arn:aws:s3:::odd-bucket/key");
  }

  @Test
  void deeplyNestedRequestParametersAreKeptAsTheyWere() {
    Row row = denialEvent("deep-nesting");
    assertThat(row.<String>getAs("request_parameters"))
        .isEqualTo("{\"bucketName\":\"odd-bucket\",\"deep\":" + nested(DEEP, "1") + "}");
    assertThat(rejectedReason("TooDeepNesting1"))
        .contains("nesting depth")
        .contains(String.valueOf(10_000));
  }
}
