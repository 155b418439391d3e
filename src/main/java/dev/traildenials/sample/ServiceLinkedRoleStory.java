package dev.traildenials.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The life of an account's service-linked roles, as CloudTrail records it: one created by a person
 * and one by a service on a person's behalf, a deletion that succeeds and one that fails because
 * resources still use the role, the roles' own calls, a service principal shut out by a bucket
 * policy, and (in a file months older) a role that acted once and never again.
 */
final class ServiceLinkedRoleStory {

  static final String BEANSTALK = "elasticbeanstalk.amazonaws.com";
  static final String BEANSTALK_ROLE = "AWSServiceRoleForElasticBeanstalk";
  static final String INSPECTOR = "inspector2.amazonaws.com";
  static final String INSPECTOR_ROLE = "AWSServiceRoleForAmazonInspector2";
  static final String MACIE = "macie.amazonaws.com";
  static final String MACIE_ROLE = "AWSServiceRoleForAmazonMacie";
  static final String SUPPORT = "support.amazonaws.com";
  static final String SUPPORT_ROLE = "AWSServiceRoleForSupport";

  private final String account;
  private final String region;
  private final SplittableRandom random;

  ServiceLinkedRoleStory(String account, String region, SplittableRandom random) {
    this.account = account;
    this.region = region;
    this.random = random;
  }

  /** The records of the story's main file, events from {@code start} on; returns how many. */
  int writeLifecycle(JsonGenerator json, Instant start) throws IOException {
    String beanstalkTask = task(BEANSTALK, BEANSTALK_ROLE);
    String macieTask = task(MACIE, MACIE_ROLE);
    int records = 0;
    records +=
        iamCall(
            json,
            start,
            "CreateServiceLinkedRole",
            null,
            createRequest(BEANSTALK),
            createResponse(BEANSTALK, BEANSTALK_ROLE));
    records +=
        iamCall(
            json,
            start.plusSeconds(600),
            "CreateServiceLinkedRole",
            INSPECTOR,
            createRequest(INSPECTOR),
            createResponse(INSPECTOR, INSPECTOR_ROLE));
    for (int call = 0; call < 3; call++) {
      records +=
          roleCall(
              json,
              start.plusSeconds(900 + call * 60L),
              INSPECTOR,
              INSPECTOR_ROLE,
              "ec2.amazonaws.com",
              "DescribeInstances",
              null);
    }
    records +=
        roleCall(
            json,
            start.plusSeconds(1_200),
            INSPECTOR,
            INSPECTOR_ROLE,
            "kms.amazonaws.com",
            "Decrypt",
            "arn:aws:kms:" + region + ":" + account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab");
    records +=
        iamCall(
            json,
            start.plusSeconds(1_800),
            "DeleteServiceLinkedRole",
            null,
            "{\"roleName\":\"" + BEANSTALK_ROLE + "\"}",
            "{\"deletionTaskId\":\"" + beanstalkTask + "\"}");
    records +=
        iamCall(
            json,
            start.plusSeconds(2_400),
            "GetServiceLinkedRoleDeletionStatus",
            null,
            "{\"deletionTaskId\":\"" + beanstalkTask + "\"}",
            "{\"status\":\"SUCCEEDED\"}");
    records +=
        iamCall(
            json,
            start.plusSeconds(2_700),
            "DeleteServiceLinkedRole",
            null,
            "{\"roleName\":\"" + MACIE_ROLE + "\"}",
            "{\"deletionTaskId\":\"" + macieTask + "\"}");
    records +=
        iamCall(
            json,
            start.plusSeconds(3_000),
            "GetServiceLinkedRoleDeletionStatus",
            null,
            "{\"deletionTaskId\":\"" + macieTask + "\"}",
            "{\"status\":\"FAILED\",\"reason\":{\"reason\":\"Amazon Macie is still enabled in this"
                + " Region.\",\"roleUsageList\":[{\"region\":\""
                + region
                + "\",\"resources\":["
                + "\"arn:aws:macie2:"
                + region
                + ":"
                + account
                + ":classification-job/"
                + "3ce05dbb7ec5505def334104bf37d3c8\"]}]}}");
    for (int call = 0; call < 2; call++) {
      records += servicePrincipalDenial(json, start.plusSeconds(3_300 + call * 60L));
    }
    return records;
  }

  /** The records of the months-older file: a role's calls, its last ones. */
  int writeOldActivity(JsonGenerator json, Instant start) throws IOException {
    int records = 0;
    for (int call = 0; call < 2; call++) {
      records +=
          roleCall(
              json,
              start.plusSeconds(call * 60L),
              SUPPORT,
              SUPPORT_ROLE,
              "iam.amazonaws.com",
              "GetRole",
              null);
    }
    return records;
  }

  private String task(String service, String role) {
    return "task/aws-service-role/" + service + "/" + role + "/" + uuid();
  }

  private static String createRequest(String service) {
    return "{\"aWSServiceName\":\"" + service + "\"}";
  }

  private String createResponse(String service, String role) {
    return "{\"role\":{\"path\":\"/aws-service-role/"
        + service
        + "/\",\"roleName\":\""
        + role
        + "\",\"roleId\":\"AROAEXAMPLE"
        + Math.abs(role.hashCode())
        + "\",\"arn\":\""
        + roleArn(service, role)
        + "\",\"createDate\":\"Mar 1, 2024 8:00:00 AM\"}}";
  }

  private String roleArn(String service, String role) {
    return "arn:aws:iam::" + account + ":role/aws-service-role/" + service + "/" + role;
  }

  /** alice calls IAM, herself or (invokedBy) through a service's console flow. */
  private int iamCall(
      JsonGenerator json,
      Instant time,
      String action,
      String invokedBy,
      String request,
      String response)
      throws IOException {
    beginRecord(json, "IAMUser");
    json.writeStringField("principalId", "AIDAEXAMPLEALICE");
    json.writeStringField("arn", "arn:aws:iam::" + account + ":user/alice");
    json.writeStringField("accountId", account);
    json.writeStringField("userName", "alice");
    if (invokedBy != null) {
      json.writeStringField("invokedBy", invokedBy);
    }
    json.writeEndObject();
    common(
        json,
        time,
        "iam.amazonaws.com",
        action,
        region,
        invokedBy == null ? "203.0.113.7" : invokedBy);
    json.writeFieldName("requestParameters");
    json.writeRawValue(request);
    json.writeFieldName("responseElements");
    json.writeRawValue(response);
    ids(json, action.startsWith("Get"));
    json.writeEndObject();
    return 1;
  }

  /** A service-linked role's own call: the service acting on the account's behalf. */
  private int roleCall(
      JsonGenerator json,
      Instant time,
      String service,
      String role,
      String source,
      String action,
      String resourceArn)
      throws IOException {
    beginRecord(json, "AssumedRole");
    json.writeStringField("principalId", "AROAEXAMPLE" + Math.abs(role.hashCode()) + ":" + role);
    json.writeStringField("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + role);
    json.writeStringField("accountId", account);
    json.writeObjectFieldStart("sessionContext");
    json.writeObjectFieldStart("sessionIssuer");
    json.writeStringField("type", "Role");
    json.writeStringField("principalId", "AROAEXAMPLE" + Math.abs(role.hashCode()));
    json.writeStringField("arn", roleArn(service, role));
    json.writeStringField("accountId", account);
    json.writeStringField("userName", role);
    json.writeEndObject();
    json.writeEndObject();
    json.writeStringField("invokedBy", service);
    json.writeEndObject();
    common(json, time, source, action, region, service);
    json.writeNullField("requestParameters");
    json.writeNullField("responseElements");
    ids(json, true);
    if (resourceArn != null) {
      json.writeArrayFieldStart("resources");
      json.writeStartObject();
      json.writeStringField("accountId", account);
      json.writeStringField("type", "AWS::KMS::Key");
      json.writeStringField("ARN", resourceArn);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeEndObject();
    return 1;
  }

  /** AWS Config, as its own service principal, refused by the audit bucket's policy. */
  private int servicePrincipalDenial(JsonGenerator json, Instant time) throws IOException {
    beginRecord(json, "AWSService");
    json.writeStringField("invokedBy", "config.amazonaws.com");
    json.writeEndObject();
    common(json, time, "s3.amazonaws.com", "GetBucketAcl", region, "config.amazonaws.com");
    json.writeStringField("errorCode", "AccessDenied");
    json.writeStringField("errorMessage", "Access Denied");
    json.writeObjectFieldStart("requestParameters");
    json.writeStringField("bucketName", "audit-logs-" + account);
    json.writeStringField("Host", "audit-logs-" + account + ".s3.amazonaws.com");
    json.writeStringField("acl", "");
    json.writeEndObject();
    json.writeNullField("responseElements");
    ids(json, true);
    json.writeArrayFieldStart("resources");
    json.writeStartObject();
    json.writeStringField("accountId", account);
    json.writeStringField("type", "AWS::S3::Bucket");
    json.writeStringField("ARN", "arn:aws:s3:::audit-logs-" + account);
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    return 1;
  }

  /** Opens a record and its userIdentity, of this type. */
  private static void beginRecord(JsonGenerator json, String identityType) throws IOException {
    json.writeStartObject();
    json.writeStringField("eventVersion", "1.09");
    json.writeObjectFieldStart("userIdentity");
    json.writeStringField("type", identityType);
  }

  private static void common(
      JsonGenerator json, Instant time, String source, String action, String region, String from)
      throws IOException {
    json.writeStringField("eventTime", time.toString());
    json.writeStringField("eventSource", source);
    json.writeStringField("eventName", action);
    json.writeStringField("awsRegion", region);
    json.writeStringField("sourceIPAddress", from);
    json.writeStringField(
        "userAgent",
        from.contains(".") && !from.startsWith("203.") ? from : "aws-cli/2.15.30 Python/3.11.8");
  }

  private void ids(JsonGenerator json, boolean readOnly) throws IOException {
    json.writeStringField("requestID", uuid());
    json.writeStringField("eventID", uuid());
    json.writeBooleanField("readOnly", readOnly);
    json.writeStringField("eventType", "AwsApiCall");
    json.writeBooleanField("managementEvent", true);
    json.writeStringField("recipientAccountId", account);
    json.writeStringField("eventCategory", "Management");
  }

  private String uuid() {
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }
}
