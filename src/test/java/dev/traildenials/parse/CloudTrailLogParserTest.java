package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.schema.CloudTrailSchema;
import dev.traildenials.schema.Field;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudTrailLogParserTest {

  // The example record of AWS's blog post on service-linked-role permission issues (a blocked AWS
  // Config call), completed into valid JSON, plus a field
  // the schema does not know and one whose key differs in case from the documented column.
  private static final String CONFIG_DENIAL =
      """
      {"eventVersion":"1.05","userIdentity":{"type":"AssumedRole",
      "principalId":"AROAEXAMPLE:AWSConfig-Describe",
      "arn":"arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe",
      "accountId":"123456789012","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{
      "type":"Role","principalId":"AROAEXAMPLE",
      "arn":"arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
      "accountId":"123456789012","userName":"AWSServiceRoleForConfig"},"webIdFederationData":{},
      "attributes":{"mfaAuthenticated":"false","creationDate":"2020-11-05T01:11:44Z"},
      "sourceIdentity":"ops"},"invokedBy":"AWS Internal"},
      "eventTime":"2020-11-05T01:11:46Z","eventSource":"s3.amazonaws.com","eventName":"GetBucketLocation",
      "awsRegion":"us-west-2","sourceIPAddress":"AWS Internal","userAgent":"AWS Internal",
      "errorCode":"AccessDenied","errorMessage":"Access Denied",
      "requestParameters":{"bucketName":"example","location":"","Host":"example.s3.amazonaws.com"},
      "responseElements":null,"additionalEventData":{"SignatureVersion":"SigV4","bytesTransferredIn":0},
      "requestID":"1A2668605F69DE1F","eventID":"7cb234a0-e370-4039-aee8-b473a5945031","readOnly":true,
      "resources":[{"accountId":"123456789012","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::example"}],
      "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012",
      "vpcEndpointId":"vpce-example","someFutureField":{"nested":[1,2,3]},"EVENTCATEGORY":"Management"}
      """;

  private static List<Object[]> parse(String json, List<Field> columns, EventTimeWindow window)
      throws Exception {
    List<Object[]> rows = new ArrayList<>();
    new CloudTrailLogParser(new FieldSelection(columns), new JavaValues(), window)
        .parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), rows::add);
    return rows;
  }

  private static Object column(Object[] row, String name) {
    return row[new FieldSelection(CloudTrailSchema.columns()).ordinalOfName(name)];
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsEveryDocumentedColumnOfARecord() throws Exception {
    List<Object[]> rows =
        parse(
            "{\"Records\":[" + CONFIG_DENIAL + "]}",
            CloudTrailSchema.columns(),
            EventTimeWindow.ALL);

    assertThat(rows).hasSize(1);
    Object[] row = rows.get(0);
    assertThat(column(row, "eventid")).isEqualTo("7cb234a0-e370-4039-aee8-b473a5945031");
    assertThat(column(row, "errorcode")).isEqualTo("AccessDenied");
    // Booleans become their text, as in Athena's table.
    assertThat(column(row, "readonly")).isEqualTo("true");
    assertThat(column(row, "managementevent")).isEqualTo("true");
    // JSON columns keep compact JSON text; JSON null is SQL null.
    assertThat(column(row, "requestparameters"))
        .isEqualTo(
            "{\"bucketName\":\"example\",\"location\":\"\",\"Host\":\"example.s3.amazonaws.com\"}");
    assertThat(column(row, "additionaleventdata"))
        .isEqualTo("{\"SignatureVersion\":\"SigV4\",\"bytesTransferredIn\":0}");
    assertThat(column(row, "responseelements")).isNull();
    // Keys match columns whatever their case.
    assertThat(column(row, "eventcategory")).isEqualTo("Management");
    // Missing optional fields are null.
    assertThat(column(row, "tlsdetails")).isNull();
    assertThat(column(row, "addendum")).isNull();

    List<?> identity = (List<?>) column(row, "useridentity");
    assertThat(identity.get(2))
        .isEqualTo(
            "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe");
    List<?> sessionContext = (List<?>) identity.get(8);
    List<?> issuer = (List<?>) sessionContext.get(1);
    assertThat(issuer.get(2))
        .isEqualTo(
            "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig");
    assertThat(sessionContext.get(4)).as("sourceIdentity").isEqualTo("ops");
    List<?> webIdentity = (List<?>) sessionContext.get(3);
    assertThat(webIdentity).hasSize(2).containsOnlyNulls();

    List<Object> resources = (List<Object>) column(row, "resources");
    assertThat(resources)
        .containsExactly(List.of("arn:aws:s3:::example", "123456789012", "AWS::S3::Bucket"));
  }

  @Test
  void buildsOnlyTheSelectedColumns() throws Exception {
    Field eventId =
        CloudTrailSchema.columns().stream()
            .filter(f -> f.name().equals("eventid"))
            .findFirst()
            .orElseThrow();
    List<Object[]> rows =
        parse(
            "{\"Records\":[" + CONFIG_DENIAL + "," + CONFIG_DENIAL + "]}",
            List.of(eventId),
            EventTimeWindow.ALL);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsExactly("7cb234a0-e370-4039-aee8-b473a5945031");
  }

  @Test
  void keepsOnlyRecordsInTheEventTimeWindowEvenWhenTimeIsNotSelected() throws Exception {
    String early = CONFIG_DENIAL.replace("2020-11-05T01:11:46Z", "2020-11-04T23:59:59Z");
    Field eventName =
        CloudTrailSchema.columns().stream()
            .filter(f -> f.name().equals("eventname"))
            .findFirst()
            .orElseThrow();
    List<Object[]> rows =
        parse(
            "{\"Records\":[" + early + "," + CONFIG_DENIAL + "]}",
            List.of(eventName),
            EventTimeWindow.of(Instant.parse("2020-11-05T00:00:00Z"), null));
    assertThat(rows).hasSize(1);
  }

  @Test
  void readsMapsAndTopLevelKeysBesideRecords() throws Exception {
    String record =
        "{\"eventTime\":\"2024-03-01T00:00:00Z\",\"userIdentity\":{\"sessionContext\":{"
            + "\"webIdFederationData\":{\"federatedProvider\":\"accounts.google.com\","
            + "\"attributes\":{\"aud\":\"x\",\"n\":5}}}}}";
    List<Object[]> rows =
        parse(
            "{\"Digest\":{\"a\":1},\"Records\":[" + record + "],\"more\":[1]}",
            CloudTrailSchema.columns(),
            EventTimeWindow.ALL);
    List<?> identity = (List<?>) column(rows.get(0), "useridentity");
    List<?> webIdentity = (List<?>) ((List<?>) identity.get(8)).get(3);
    assertThat(webIdentity.get(0)).isEqualTo("accounts.google.com");
    assertThat(webIdentity.get(1)).isEqualTo(Map.of("aud", "x", "n", "5"));
  }

  @Test
  void rejectsWhatIsNotOneObjectWithARecordsArray() {
    assertReason("", "no JSON");
    assertReason("[1,2]", "JSON array, not an object");
    assertReason("{\"eventVersion\":\"1.08\"}\n{\"eventVersion\":\"1.08\"}", "JSON lines");
    assertReason("{\"Digest\":true}", "no Records array");
    assertReason("{\"Records\":{}}", "Records is a JSON object, not an array");
    assertReason("{\"Records\":[1]}", "Records[0] is a JSON number");
    assertReason("{\"Records\":[]}{\"Records\":[]}", "more JSON follows");
  }

  @Test
  void anEmptyRecordsArrayIsAValidFile() throws Exception {
    assertThat(parse("{\"Records\":[]}", CloudTrailSchema.columns(), EventTimeWindow.ALL))
        .isEmpty();
  }

  private static void assertReason(String json, String expected) {
    assertThatThrownBy(() -> parse(json, CloudTrailSchema.columns(), EventTimeWindow.ALL))
        .isInstanceOf(MalformedLogFileException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void aHugeRequestParametersValueIsReadWhole() throws Exception {
    String big = "x".repeat(10 * 1024 * 1024);
    String record =
        "{\"eventTime\":\"2024-03-01T00:00:00Z\",\"requestParameters\":{\"policy\":\""
            + big
            + "\"}}";
    List<Object[]> rows =
        parse("{\"Records\":[" + record + "]}", CloudTrailSchema.columns(), EventTimeWindow.ALL);
    assertThat(column(rows.get(0), "requestparameters")).isEqualTo("{\"policy\":\"" + big + "\"}");
  }
}
