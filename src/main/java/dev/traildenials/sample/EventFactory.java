package dev.traildenials.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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

  /** One kind of denial: what was called and what CloudTrail says about it. */
  private record Denial(
      Identity identity,
      String source,
      String action,
      String errorCode,
      String message,
      String resourceArn,
      String resourceType) {}

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
  private final List<Denial> denials;

  EventFactory(String account, SplittableRandom random) {
    this.account = account;
    this.random = random;
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
    denials = denials();
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

  private List<Denial> denials() {
    String bucket = "arn:aws:s3:::audit-logs-" + account;
    String key = "arn:aws:kms:us-east-1:" + account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    String adminRole = "arn:aws:iam::" + account + ":role/Admin";
    String denyPolicy = "arn:aws:iam::" + account + ":policy/DenyIamChanges";
    String scp =
        "arn:aws:organizations::999999999999:policy/o-exampleorg01/service_control_policy/p-examplescp";
    String a = alice.arn();
    String p = pipelineRole.arn();
    return List.of(
        // Service-linked roles blocked by resource policies (the case of AWS's blog post on
        // service-linked-role permission issues).
        new Denial(
            configRole,
            "s3.amazonaws.com",
            "GetBucketAcl",
            "AccessDenied",
            "Access Denied",
            bucket,
            "AWS::S3::Bucket"),
        new Denial(
            configRole,
            "s3.amazonaws.com",
            "GetBucketPolicy",
            "AccessDenied",
            "User: "
                + configRole.arn()
                + " is not authorized to perform: s3:GetBucketPolicy on"
                + " resource: \""
                + bucket
                + "\" with an explicit deny in a resource-based policy",
            bucket,
            "AWS::S3::Bucket"),
        new Denial(
            guardDutyRole,
            "ec2.amazonaws.com",
            "DescribeInstances",
            "Client.UnauthorizedOperation",
            "You are not authorized to perform this operation. Encoded authorization failure"
                + " message: ",
            null,
            null),
        new Denial(
            macieRole,
            "s3.amazonaws.com",
            "GetBucketEncryption",
            "AccessDenied",
            "User: "
                + macieRole.arn()
                + " is not authorized to perform: s3:GetEncryptionConfiguration"
                + " on resource: \""
                + bucket
                + "\" because no VPC endpoint policy allows the"
                + " s3:GetEncryptionConfiguration action",
            bucket,
            "AWS::S3::Bucket"),
        new Denial(
            macieRole,
            "s3.amazonaws.com",
            "ListBuckets",
            "AccessDenied",
            "User: "
                + macieRole.arn()
                + " is not authorized to perform: s3:ListAllMyBuckets with"
                + " an explicit deny in a service control policy",
            null,
            null),
        new Denial(
            lookalikeRole,
            "s3.amazonaws.com",
            "GetObject",
            "AccessDenied",
            "Access Denied",
            bucket + "/backup.tar",
            "AWS::S3::Object"),
        // Identity-based policies, implicit and explicit, with and without a resource or policy.
        new Denial(
            alice,
            "cloudtrail.amazonaws.com",
            "LookupEvents",
            "AccessDenied",
            "User: "
                + a
                + " is not authorized to perform: cloudtrail:LookupEvents because no"
                + " identity-based policy allows the cloudtrail:LookupEvents action",
            null,
            null),
        new Denial(
            alice,
            "cloudtrail.amazonaws.com",
            "LookupEvents",
            "AccessDenied",
            "User: "
                + a
                + " is not authorized to perform: cloudtrail:LookupEvents with an explicit"
                + " deny in an identity-based policy",
            null,
            null),
        new Denial(
            alice,
            "iam.amazonaws.com",
            "AttachRolePolicy",
            "AccessDenied",
            "User: "
                + a
                + " is not authorized to perform: iam:AttachRolePolicy on resource: "
                + adminRole
                + " with an explicit deny in an identity-based policy: "
                + denyPolicy,
            adminRole,
            "AWS::IAM::Role"),
        // Organizations policies.
        new Denial(
            pipelineRole,
            "ec2.amazonaws.com",
            "RunInstances",
            "Client.UnauthorizedOperation",
            "You are not authorized to perform this operation. User: "
                + p
                + " is not authorized to"
                + " perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:"
                + account
                + ":instance/* with an explicit deny in a service control policy: "
                + scp,
            null,
            null),
        new Denial(
            pipelineRole,
            "dynamodb.amazonaws.com",
            "DescribeTable",
            "AccessDeniedException",
            "User: "
                + p
                + " is not authorized to perform: dynamodb:DescribeTable on resource:"
                + " arn:aws:dynamodb:us-east-1:"
                + account
                + ":table/orders because no service"
                + " control policy allows the dynamodb:DescribeTable action",
            "arn:aws:dynamodb:us-east-1:" + account + ":table/orders",
            "AWS::DynamoDB::Table"),
        new Denial(
            pipelineRole,
            "s3.amazonaws.com",
            "PutObject",
            "AccessDenied",
            "User: "
                + p
                + " is not authorized to perform: s3:PutObject on resource: \""
                + bucket
                + "/exports/run.csv\" with an explicit deny in a resource control policy",
            bucket + "/exports/run.csv",
            "AWS::S3::Object"),
        // Permissions boundaries and session policies.
        new Denial(
            pipelineRole,
            "iam.amazonaws.com",
            "CreateRole",
            "AccessDenied",
            "User: "
                + p
                + " is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::"
                + account
                + ":role/etl-worker because no permissions boundary allows the"
                + " iam:CreateRole action",
            null,
            null),
        new Denial(
            pipelineRole,
            "iam.amazonaws.com",
            "DeleteRole",
            "AccessDenied",
            "User: "
                + p
                + " is not authorized to perform: iam:DeleteRole on resource: arn:aws:iam::"
                + account
                + ":role/etl-worker with an explicit deny in a permissions boundary",
            null,
            null),
        new Denial(
            pipelineRole,
            "s3.amazonaws.com",
            "ListObjects",
            "AccessDenied",
            "User: "
                + p
                + " is not authorized to perform: s3:ListBucket on resource: \""
                + bucket
                + "\" because no session policy allows the s3:ListBucket action",
            bucket,
            "AWS::S3::Bucket"),
        new Denial(
            pipelineRole,
            "s3.amazonaws.com",
            "GetObject",
            "AccessDenied",
            "User: "
                + p
                + " is not authorized to perform: s3:GetObject on resource: \""
                + bucket
                + "/secret.txt\" with an explicit deny in a session policy",
            bucket + "/secret.txt",
            "AWS::S3::Object"),
        // Resource-based policies (a KMS key policy) and VPC endpoint policies.
        new Denial(
            pipelineRole,
            "kms.amazonaws.com",
            "Decrypt",
            "AccessDeniedException",
            "User: "
                + p
                + " is not authorized to perform: kms:Decrypt on resource: "
                + key
                + " because no resource-based policy allows the kms:Decrypt action",
            key,
            "AWS::KMS::Key"),
        new Denial(
            alice,
            "kms.amazonaws.com",
            "ScheduleKeyDeletion",
            "AccessDeniedException",
            "User: "
                + a
                + " is not authorized to perform: kms:ScheduleKeyDeletion on resource: "
                + key
                + " with an explicit deny in a resource-based policy",
            key,
            "AWS::KMS::Key"),
        new Denial(
            alice,
            "s3.amazonaws.com",
            "GetObject",
            "AccessDenied",
            "User: "
                + a
                + " is not authorized to perform: s3:GetObject on resource: \""
                + bucket
                + "/report.pdf\" with an explicit deny in a VPC endpoint policy",
            bucket + "/report.pdf",
            "AWS::S3::Object"),
        // A role trust policy that does not trust the caller.
        new Denial(
            alice,
            "sts.amazonaws.com",
            "AssumeRole",
            "AccessDenied",
            "User: "
                + a
                + " is not authorized to perform: sts:AssumeRole on resource: "
                + adminRole
                + " because no role trust policy allows the sts:AssumeRole action",
            adminRole,
            "AWS::IAM::Role"),
        new Denial(
            alice,
            "ec2.amazonaws.com",
            "TerminateInstances",
            "UnauthorizedOperation",
            "You are not authorized to perform this operation. Encoded authorization failure"
                + " message: ",
            null,
            null));
  }

  void write(JsonGenerator json, String region, Instant eventTime) throws IOException {
    int dice = random.nextInt(100);
    if (dice < 12) {
      Denial denial = denials.get(random.nextInt(denials.size()));
      String message = denial.message();
      if (message.endsWith("message: ")) {
        message += encodedMessage();
      }
      writeCall(
          json,
          region,
          eventTime,
          denial.identity(),
          denial.source(),
          denial.action(),
          denial.errorCode(),
          message,
          denial.resourceArn(),
          denial.resourceType());
    } else if (dice < 18) {
      writeCall(
          json,
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
    } else {
      String[] call = ORDINARY_CALLS.get(random.nextInt(ORDINARY_CALLS.size()));
      Identity who =
          switch (random.nextInt(4)) {
            case 0 -> alice;
            case 1 -> configRole;
            default -> pipelineRole;
          };
      writeCall(json, region, eventTime, who, call[0], call[1], null, null, null, null);
    }
  }

  private void writeCall(
      JsonGenerator json,
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
    writeIdentity(json, who, eventTime);
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
    json.writeStringField("requestID", uuid());
    json.writeStringField("eventID", uuid());
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
      json.writeObjectFieldStart("tlsDetails");
      json.writeStringField("tlsVersion", "TLSv1.3");
      json.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
      json.writeStringField(
          "clientProvidedHostHeader",
          source.replace(".amazonaws.com", "." + region + ".amazonaws.com"));
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private void writeIdentity(JsonGenerator json, Identity who, Instant eventTime)
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
    writeIdentity(json, awsService, eventTime);
    json.writeStringField("eventTime", eventTime.toString());
    json.writeStringField("eventSource", "kms.amazonaws.com");
    json.writeStringField("eventName", "RotateKey");
    json.writeStringField("awsRegion", region);
    json.writeStringField("sourceIPAddress", "kms.amazonaws.com");
    json.writeStringField("userAgent", "kms.amazonaws.com");
    json.writeNullField("requestParameters");
    json.writeNullField("responseElements");
    json.writeStringField("eventID", uuid());
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

  private String uuid() {
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  private String encodedMessage() {
    StringBuilder text = new StringBuilder(120);
    for (int i = 0; i < 120; i++) {
      text.append(SampleArchive.randomId(random).charAt(0));
    }
    return text.toString();
  }
}
