package dev.traildenials.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes CloudTrail records of one account: ordinary calls, non-denial errors, and denials in every
 * message format IAM documents, made by users, roles and service-linked roles.
 */
final class EventFactory {

  /** Who makes a call. */
  private record Identity(
      String type,
      String arn,
      String principalId,
      String issuerArn,
      String issuerName,
      String invokedBy) {}

  private static final List<String[]> ORDINARY_CALLS =
      List.of(
          new String[] {"s3.amazonaws.com", "GetBucketLocation"},
          new String[] {"ec2.amazonaws.com", "DescribeInstances"},
          new String[] {"iam.amazonaws.com", "ListRoles"},
          new String[] {"kms.amazonaws.com", "Decrypt"},
          new String[] {"sts.amazonaws.com", "AssumeRole"},
          new String[] {"cloudtrail.amazonaws.com", "LookupEvents"},
          new String[] {"config.amazonaws.com", "PutEvaluations"},
          new String[] {"lambda.amazonaws.com", "ListFunctions20150331"});

  private final String account;
  private final SplittableRandom random;
  private final Identity alice;
  private final Identity pipelineRole;
  private final Identity configRole;
  private final Identity guardDutyRole;
  private final Identity macieRole;
  private final Identity lookalikeRole;
  private final Identity awsService;
  private final DenialTemplates denialTemplates;
  private final Map<String, Identity> callers;
  private final Map<String, String> placeholders;
  private final RealisticCalls realisticCalls;

  /**
   * @param realistic whether ordinary calls vary as a real account's do ({@link RealisticCalls})
   *     rather than repeat a few shapes
   */
  EventFactory(
      String account, SplittableRandom random, DenialTemplates denialTemplates, boolean realistic) {
    this.account = account;
    this.random = random;
    this.denialTemplates = denialTemplates;
    this.realisticCalls = realistic ? new RealisticCalls(account, random.split()) : null;
    alice =
        new Identity(
            "IAMUser",
            "arn:aws:iam::" + account + ":user/alice",
            "AIDAEXAMPLEALICE",
            null,
            null,
            null);
    pipelineRole = assumedRole("DataPipelineRole", "role/DataPipelineRole", "pipeline-run", null);
    configRole =
        assumedRole(
            "AWSServiceRoleForConfig",
            "role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
            "AWSConfig-Describe",
            "config.amazonaws.com");
    guardDutyRole =
        assumedRole(
            "AWSServiceRoleForAmazonGuardDuty",
            "role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
            "GuardDutySession",
            "guardduty.amazonaws.com");
    macieRole =
        assumedRole(
            "AWSServiceRoleForAmazonMacie",
            "role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie",
            "MacieSession",
            "macie.amazonaws.com");
    // Named like a service-linked role, but an ordinary role: not under aws-service-role/.
    lookalikeRole =
        assumedRole(
            "AWSServiceRoleForBackups", "role/AWSServiceRoleForBackups", "backup-job", null);
    awsService = new Identity("AWSService", null, null, null, null, "cloudtrail.amazonaws.com");
    callers =
        Map.of(
            "alice", alice,
            "pipeline", pipelineRole,
            "config", configRole,
            "guardduty", guardDutyRole,
            "macie", macieRole,
            "lookalike", lookalikeRole);
    placeholders =
        Map.of(
            "account",
            account,
            "bucket",
            "arn:aws:s3:::audit-logs-" + account,
            "key",
            "arn:aws:kms:us-east-1:" + account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "adminRole",
            "arn:aws:iam::" + account + ":role/Admin",
            "denyPolicy",
            "arn:aws:iam::" + account + ":policy/DenyIamChanges",
            "scp",
            "arn:aws:organizations::999999999999:policy/o-exampleorg01/service_control_policy/"
                + "p-examplescp");
  }

  private Identity assumedRole(String roleName, String rolePath, String session, String invokedBy) {
    return new Identity(
        "AssumedRole",
        "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session,
        "AROAEXAMPLE" + Math.abs(roleName.hashCode()) + ":" + session,
        "arn:aws:iam::" + account + ":" + rolePath,
        roleName,
        invokedBy);
  }

  void write(JsonGenerator json, String region, Instant eventTime) throws IOException {
    int dice = random.nextInt(100);
    if (dice < 12) {
      // One draw from the stream whatever the template, and the record's own randomness from
      // it: which template a draw falls to changes no other record.
      long draw = random.nextLong();
      writeDenial(json, region, eventTime, denialTemplates.draw(draw), new SplittableRandom(draw));
    } else if (dice < 18) {
      writeCall(
          json,
          random,
          region,
          eventTime,
          pipelineRole,
          "s3.amazonaws.com",
          "GetBucketPolicy",
          "NoSuchBucketPolicy",
          "The bucket policy does not exist",
          null,
          null);
    } else if (dice < 22) {
      writeCall(
          json,
          random,
          region,
          eventTime,
          alice,
          "ec2.amazonaws.com",
          "DescribeInstances",
          "ThrottlingException",
          "Rate exceeded",
          null,
          null);
    } else if (dice < 25) {
      writeServiceEvent(json, region, eventTime);
    } else if (realisticCalls != null) {
      realisticCalls.write(json, random, region, eventTime);
    } else {
      String[] call = ORDINARY_CALLS.get(random.nextInt(ORDINARY_CALLS.size()));
      Identity who =
          switch (random.nextInt(4)) {
            case 0 -> alice;
            case 1 -> configRole;
            default -> pipelineRole;
          };
      writeCall(json, random, region, eventTime, who, call[0], call[1], null, null, null, null);
    }
  }

  private void writeDenial(
      JsonGenerator json,
      String region,
      Instant eventTime,
      DenialTemplates.Template denial,
      SplittableRandom own)
      throws IOException {
    Identity who = callers.get(denial.principal());
    Map<String, String> values = new HashMap<>(placeholders);
    values.put("principal", who.arn());
    String message = DenialTemplates.fill(denial.errorMessage(), values);
    if (denial.encoded()) {
      message += encodedMessage(own);
    }
    writeCall(
        json,
        own,
        region,
        eventTime,
        who,
        denial.eventSource(),
        denial.eventName(),
        denial.errorCode(),
        message,
        DenialTemplates.fill(denial.resourceArn(), values),
        denial.resourceType());
  }

  private void writeCall(
      JsonGenerator json,
      SplittableRandom random,
      String region,
      Instant eventTime,
      Identity who,
      String source,
      String action,
      String errorCode,
      String errorMessage,
      String resourceArn,
      String resourceType)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("eventVersion", "1.09");
    writeIdentity(json, random, who, eventTime);
    json.writeStringField("eventTime", eventTime.toString());
    json.writeStringField("eventSource", source);
    json.writeStringField("eventName", action);
    json.writeStringField("awsRegion", region);
    boolean byService = who.invokedBy() != null;
    json.writeStringField(
        "sourceIPAddress", byService ? who.invokedBy() : "203.0.113." + random.nextInt(1, 255));
    json.writeStringField(
        "userAgent", byService ? who.invokedBy() : "aws-cli/2.15.30 Python/3.11.8");
    if (errorCode != null) {
      json.writeStringField("errorCode", errorCode);
      json.writeStringField("errorMessage", errorMessage);
    }
    json.writeObjectFieldStart("requestParameters");
    if (resourceArn != null && resourceArn.startsWith("arn:aws:s3:::")) {
      String bucketAndKey = resourceArn.substring("arn:aws:s3:::".length());
      int slash = bucketAndKey.indexOf('/');
      json.writeStringField(
          "bucketName", slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash));
      if (slash >= 0) {
        json.writeStringField("key", bucketAndKey.substring(slash + 1));
      }
      json.writeStringField("Host", "s3.amazonaws.com");
    } else {
      json.writeNumberField("maxResults", 50);
      json.writeBooleanField("includeAll", true);
    }
    json.writeEndObject();
    json.writeNullField("responseElements");
    if (source.equals("s3.amazonaws.com")) {
      json.writeObjectFieldStart("additionalEventData");
      json.writeStringField("SignatureVersion", "SigV4");
      json.writeNumberField("bytesTransferredIn", 0);
      json.writeEndObject();
    }
    json.writeStringField("requestID", uuid(random));
    json.writeStringField("eventID", uuid(random));
    json.writeBooleanField(
        "readOnly",
        action.startsWith("Get") || action.startsWith("List") || action.startsWith("Describe"));
    if (resourceArn != null) {
      json.writeArrayFieldStart("resources");
      json.writeStartObject();
      json.writeStringField("accountId", account);
      json.writeStringField("type", resourceType);
      json.writeStringField("ARN", resourceArn);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeStringField("eventType", "AwsApiCall");
    json.writeBooleanField("managementEvent", true);
    json.writeStringField("recipientAccountId", account);
    if (random.nextInt(4) == 0) {
      json.writeStringField("vpcEndpointId", "vpce-0example" + random.nextInt(10));
    }
    json.writeStringField("eventCategory", "Management");
    if (!byService) {
      writeTlsDetails(json, "TLSv1.3", source, region);
    }
    json.writeEndObject();
  }

  /** The TLS connection of a call made to a service's regional endpoint. */
  static void writeTlsDetails(JsonGenerator json, String version, String source, String region)
      throws IOException {
    json.writeObjectFieldStart("tlsDetails");
    json.writeStringField("tlsVersion", version);
    json.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
    json.writeStringField(
        "clientProvidedHostHeader",
        source.replace(".amazonaws.com", "." + region + ".amazonaws.com"));
    json.writeEndObject();
  }

  private void writeIdentity(
      JsonGenerator json, SplittableRandom random, Identity who, Instant eventTime)
      throws IOException {
    json.writeObjectFieldStart("userIdentity");
    json.writeStringField("type", who.type());
    if (who.type().equals("AWSService")) {
      json.writeStringField("invokedBy", who.invokedBy());
      json.writeEndObject();
      return;
    }
    json.writeStringField("principalId", who.principalId());
    json.writeStringField("arn", who.arn());
    json.writeStringField("accountId", account);
    json.writeStringField("accessKeyId", "ASIAEXAMPLE" + random.nextInt(1000, 9999));
    if (who.type().equals("IAMUser")) {
      json.writeStringField("userName", "alice");
    }
    json.writeObjectFieldStart("sessionContext");
    if (who.issuerArn() != null) {
      json.writeObjectFieldStart("sessionIssuer");
      json.writeStringField("type", "Role");
      json.writeStringField(
          "principalId", who.principalId().substring(0, who.principalId().indexOf(':')));
      json.writeStringField("arn", who.issuerArn());
      json.writeStringField("accountId", account);
      json.writeStringField("userName", who.issuerName());
      json.writeEndObject();
      json.writeObjectFieldStart("webIdFederationData");
      json.writeEndObject();
    }
    json.writeObjectFieldStart("attributes");
    json.writeStringField("creationDate", eventTime.minusSeconds(600).toString());
    json.writeStringField("mfaAuthenticated", "false");
    json.writeEndObject();
    json.writeEndObject();
    if (who.invokedBy() != null) {
      json.writeStringField("invokedBy", who.invokedBy());
    }
    json.writeEndObject();
  }

  private void writeServiceEvent(JsonGenerator json, String region, Instant eventTime)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("eventVersion", "1.08");
    writeIdentity(json, random, awsService, eventTime);
    json.writeStringField("eventTime", eventTime.toString());
    json.writeStringField("eventSource", "kms.amazonaws.com");
    json.writeStringField("eventName", "RotateKey");
    json.writeStringField("awsRegion", region);
    json.writeStringField("sourceIPAddress", "kms.amazonaws.com");
    json.writeStringField("userAgent", "kms.amazonaws.com");
    json.writeNullField("requestParameters");
    json.writeNullField("responseElements");
    json.writeStringField("eventID", uuid(random));
    json.writeBooleanField("readOnly", false);
    json.writeStringField("eventType", "AwsServiceEvent");
    json.writeBooleanField("managementEvent", true);
    json.writeStringField("recipientAccountId", account);
    json.writeObjectFieldStart("serviceEventDetails");
    json.writeStringField("keyId", "1234abcd-12ab-34cd-56ef-1234567890ab");
    json.writeEndObject();
    json.writeStringField("eventCategory", "Management");
    json.writeEndObject();
  }

  static String uuid(SplittableRandom random) {
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  private static String encodedMessage(SplittableRandom random) {
    StringBuilder text = new StringBuilder(120);
    for (int i = 0; i < 120; i++) {
      text.append(SampleArchive.randomId(random).charAt(0));
    }
    return text.toString();
  }
}
