package dev.traildenials.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ordinary calls of a realistic archive: values that vary as a real account's do (many users,
 * role sessions, agents and addresses; request ids; resource names and ARNs; request parameters of
 * every size, a few large policy documents; responses with session credentials), so that the logs
 * compress about as little as real ones (5 : 1 to 9 : 1, where the uniform sample is 12 : 1).
 */
final class RealisticCalls {

  private static final String HEX = "0123456789abcdef";
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String[] SYLLABLES = {
    "ka", "ri", "mo", "te", "lu", "san", "ve", "dor", "na", "pi", "jo", "el", "mar", "tin", "ro",
    "sa"
  };
  private static final String[] SERVICES_CALLED = {
    "s3", "ec2", "iam", "kms", "sts", "lambda", "dynamodb", "logs", "ssm", "cloudformation"
  };

  /**
   * One caller of the account, with the few sessions, access keys and addresses its calls come from
   * (a session makes many calls with one key, as in a real trail).
   */
  private record Caller(
      String type,
      String arn,
      String principalId,
      String issuerArn,
      String issuerName,
      String userName,
      String agent,
      List<String> sessions,
      List<String> accessKeys,
      List<String> addresses) {

    static <T> T any(List<T> values, SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }
  }

  private final String account;
  private final List<Caller> users = new ArrayList<>();
  private final List<Caller> roles = new ArrayList<>();
  private final List<String> buckets = new ArrayList<>();
  private final List<String> instances = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();

  RealisticCalls(String account, SplittableRandom random) {
    this.account = account;
    for (int i = 0; i < 40; i++) {
      String name = name(random) + "." + name(random);
      users.add(
          new Caller(
              "IAMUser",
              "arn:aws:iam::" + account + ":user/" + name,
              "AIDA" + chars(random, UPPER, 17),
              null,
              null,
              name,
              agent(random),
              List.of(),
              keys(random, "AKIA"),
              addresses(random)));
    }
    for (int i = 0; i < 25; i++) {
      String role =
          switch (i % 3) {
            case 0 -> "AWSReservedSSO_" + name(random) + "Access_" + chars(random, HEX, 16);
            case 1 -> name(random) + "-" + SERVICES_CALLED[i % SERVICES_CALLED.length] + "-role";
            default -> "eks-" + name(random) + "-nodegroup-" + chars(random, HEX, 8);
          };
      String roleId = "AROA" + chars(random, UPPER, 17);
      List<String> sessions = new ArrayList<>();
      for (int session = random.nextInt(2, 9); session > 0; session--) {
        sessions.add(sessionName(random, role));
      }
      roles.add(
          new Caller(
              "AssumedRole",
              "arn:aws:iam::" + account + ":role/" + role,
              roleId,
              "arn:aws:iam::" + account + ":role/" + role,
              role,
              null,
              agent(random),
              sessions,
              keys(random, "ASIA"),
              addresses(random)));
    }
    for (int i = 0; i < 30; i++) {
      buckets.add(name(random) + "-" + name(random) + "-" + account + "-" + random.nextInt(100));
    }
    for (int i = 0; i < 60; i++) {
      instances.add("i-0" + chars(random, HEX, 16));
    }
    for (int i = 0; i < 6; i++) {
      keys.add(EventFactory.uuid(random));
    }
  }

  /** Writes one successful call of the account, made at {@code eventTime}. */
  void write(JsonGenerator json, SplittableRandom random, String region, Instant eventTime)
      throws IOException {
    boolean byUser = random.nextInt(4) == 0;
    Caller caller =
        byUser ? users.get(random.nextInt(users.size())) : roles.get(random.nextInt(roles.size()));
    String session = byUser ? null : Caller.any(caller.sessions(), random);
    int kind = random.nextInt(100);
    String source;
    String action;
    if (kind < 22) {
      source = "s3.amazonaws.com";
      action = random.nextBoolean() ? "GetObject" : "PutObject";
    } else if (kind < 40) {
      source = "ec2.amazonaws.com";
      action = random.nextBoolean() ? "DescribeInstances" : "DescribeSecurityGroups";
    } else if (kind < 47) {
      source = "sts.amazonaws.com";
      action = "AssumeRole";
    } else if (kind < 62) {
      source = "kms.amazonaws.com";
      action = random.nextBoolean() ? "Decrypt" : "GenerateDataKey";
    } else if (kind < 76) {
      source = "logs.amazonaws.com";
      action = "PutLogEvents";
    } else if (kind < 85) {
      source = "dynamodb.amazonaws.com";
      action = random.nextBoolean() ? "Query" : "GetItem";
    } else if (kind < 92) {
      source = "ssm.amazonaws.com";
      action = "GetParameters";
    } else if (kind < 97) {
      source = "lambda.amazonaws.com";
      action = "Invoke";
    } else {
      source = "iam.amazonaws.com";
      action = random.nextBoolean() ? "PutRolePolicy" : "CreatePolicyVersion";
    }

    json.writeStartObject();
    json.writeStringField("eventVersion", random.nextInt(5) == 0 ? "1.08" : "1.09");
    writeIdentity(json, random, caller, session, eventTime);
    json.writeStringField("eventTime", eventTime.toString());
    json.writeStringField("eventSource", source);
    json.writeStringField("eventName", action);
    json.writeStringField("awsRegion", region);
    json.writeStringField("sourceIPAddress", Caller.any(caller.addresses(), random));
    json.writeStringField("userAgent", caller.agent());
    json.writeFieldName("requestParameters");
    requestParameters(json, random, region, action);
    json.writeFieldName("responseElements");
    responseElements(json, random, action, eventTime);
    if (source.equals("s3.amazonaws.com")) {
      json.writeObjectFieldStart("additionalEventData");
      json.writeStringField("SignatureVersion", "SigV4");
      json.writeStringField("CipherSuite", "TLS_AES_128_GCM_SHA256");
      json.writeNumberField(
          "bytesTransferredIn", action.equals("PutObject") ? random.nextInt(1 << 20) : 0);
      json.writeNumberField(
          "bytesTransferredOut", action.equals("GetObject") ? random.nextInt(1 << 22) : 0);
      json.writeStringField("x-amz-id-2", chars(random, BASE64, 76));
      json.writeEndObject();
    }
    json.writeStringField(
        "requestID",
        source.equals("s3.amazonaws.com") ? chars(random, UPPER, 16) : EventFactory.uuid(random));
    json.writeStringField("eventID", EventFactory.uuid(random));
    json.writeBooleanField("readOnly", action.startsWith("Get") || action.startsWith("Describe"));
    if (source.equals("s3.amazonaws.com") || source.equals("kms.amazonaws.com")) {
      json.writeArrayFieldStart("resources");
      json.writeStartObject();
      json.writeStringField("accountId", account);
      json.writeStringField(
          "type", source.equals("s3.amazonaws.com") ? "AWS::S3::Bucket" : "AWS::KMS::Key");
      json.writeStringField(
          "ARN",
          source.equals("s3.amazonaws.com")
              ? "arn:aws:s3:::" + buckets.get(random.nextInt(buckets.size()))
              : "arn:aws:kms:" + region + ":" + account + ":key/" + Caller.any(keys, random));
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeStringField("eventType", "AwsApiCall");
    json.writeBooleanField("managementEvent", !source.equals("s3.amazonaws.com"));
    json.writeStringField("recipientAccountId", account);
    if (random.nextInt(3) == 0) {
      json.writeStringField("vpcEndpointId", "vpce-0" + chars(random, HEX, 16));
    }
    json.writeStringField(
        "eventCategory", source.equals("s3.amazonaws.com") ? "Data" : "Management");
    EventFactory.writeTlsDetails(
        json, random.nextInt(5) == 0 ? "TLSv1.2" : "TLSv1.3", source, region);
    json.writeEndObject();
  }

  private void writeIdentity(
      JsonGenerator json, SplittableRandom random, Caller caller, String session, Instant eventTime)
      throws IOException {
    json.writeObjectFieldStart("userIdentity");
    json.writeStringField("type", caller.type());
    if (session == null) {
      json.writeStringField("principalId", caller.principalId());
      json.writeStringField("arn", caller.arn());
    } else {
      json.writeStringField("principalId", caller.principalId() + ":" + session);
      json.writeStringField(
          "arn",
          "arn:aws:sts::" + account + ":assumed-role/" + caller.issuerName() + "/" + session);
    }
    json.writeStringField("accountId", account);
    json.writeStringField(
        "accessKeyId", (session == null ? "AKIA" : "ASIA") + chars(random, UPPER, 16));
    if (caller.userName() != null) {
      json.writeStringField("userName", caller.userName());
    }
    json.writeObjectFieldStart("sessionContext");
    if (session != null) {
      json.writeObjectFieldStart("sessionIssuer");
      json.writeStringField("type", "Role");
      json.writeStringField("principalId", caller.principalId());
      json.writeStringField("arn", caller.issuerArn());
      json.writeStringField("accountId", account);
      json.writeStringField("userName", caller.issuerName());
      json.writeEndObject();
      json.writeObjectFieldStart("webIdFederationData");
      json.writeEndObject();
    }
    // A session began once, before all of its calls of the hour.
    String began = session == null ? caller.arn() : session;
    json.writeObjectFieldStart("attributes");
    json.writeStringField(
        "creationDate",
        eventTime
            .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
            .minusSeconds(Math.floorMod(began.hashCode(), 40_000))
            .toString());
    json.writeStringField("mfaAuthenticated", began.hashCode() % 6 == 0 ? "true" : "false");
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
  }

  private void requestParameters(
      JsonGenerator json, SplittableRandom random, String region, String action)
      throws IOException {
    json.writeStartObject();
    switch (action) {
      case "GetObject", "PutObject" -> {
        json.writeStringField("bucketName", buckets.get(random.nextInt(buckets.size())));
        json.writeStringField("Host", "s3." + region + ".amazonaws.com");
        json.writeStringField("key", objectKey(random));
      }
      case "DescribeInstances" -> {
        json.writeObjectFieldStart("instancesSet");
        json.writeArrayFieldStart("items");
        int count = random.nextInt(1, random.nextInt(10) == 0 ? 40 : 4);
        for (int i = 0; i < count; i++) {
          json.writeStartObject();
          json.writeStringField("instanceId", instances.get(random.nextInt(instances.size())));
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectFieldStart("filterSet");
        json.writeEndObject();
      }
      case "DescribeSecurityGroups" -> {
        json.writeObjectFieldStart("securityGroupIdSet");
        json.writeArrayFieldStart("items");
        for (int i = random.nextInt(1, 6); i > 0; i--) {
          json.writeStartObject();
          json.writeStringField("groupId", "sg-0" + chars(random, HEX, 16));
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      case "AssumeRole" -> {
        Caller target = roles.get(random.nextInt(roles.size()));
        json.writeStringField("roleArn", target.issuerArn());
        json.writeStringField("roleSessionName", Caller.any(target.sessions(), random));
        json.writeNumberField("durationSeconds", 900 * random.nextInt(1, 17));
        if (random.nextInt(3) == 0) {
          json.writeStringField("externalId", EventFactory.uuid(random));
        }
      }
      case "Decrypt", "GenerateDataKey" -> {
        json.writeObjectFieldStart("encryptionContext");
        json.writeStringField(
            "aws:lambda:FunctionArn",
            "arn:aws:lambda:"
                + region
                + ":"
                + account
                + ":function:"
                + name(random)
                + "-"
                + name(random));
        json.writeEndObject();
        json.writeStringField("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        if (action.equals("GenerateDataKey")) {
          json.writeStringField("keySpec", "AES_256");
          json.writeStringField(
              "keyId",
              "arn:aws:kms:" + region + ":" + account + ":key/" + EventFactory.uuid(random));
        }
      }
      case "PutLogEvents" -> {
        json.writeStringField("logGroupName", "/aws/lambda/" + name(random) + "-" + name(random));
        json.writeStringField(
            "logStreamName", eventTimeFolder(random) + "[$LATEST]" + chars(random, HEX, 32));
      }
      case "Query", "GetItem" -> {
        json.writeStringField("tableName", name(random) + "-" + name(random) + "-table");
        json.writeObjectFieldStart("key");
        json.writeStringField("pk", "USER#" + EventFactory.uuid(random));
        json.writeEndObject();
        json.writeBooleanField("consistentRead", random.nextBoolean());
      }
      case "GetParameters" -> {
        json.writeArrayFieldStart("names");
        for (int i = random.nextInt(1, 5); i > 0; i--) {
          json.writeString("/" + name(random) + "/" + name(random) + "/" + name(random));
        }
        json.writeEndArray();
        json.writeBooleanField("withDecryption", true);
      }
      case "Invoke" -> {
        json.writeStringField(
            "functionName",
            "arn:aws:lambda:" + region + ":" + account + ":function:" + name(random) + "-handler");
        json.writeStringField("invocationType", random.nextBoolean() ? "Event" : "RequestResponse");
      }
      default -> {
        // The few large records of a real trail: a policy document of 1 to 8 KB.
        json.writeStringField("roleName", roles.get(random.nextInt(roles.size())).issuerName());
        json.writeStringField("policyName", name(random) + "-inline");
        json.writeStringField("policyDocument", policyDocument(random));
      }
    }
    json.writeEndObject();
  }

  private void responseElements(
      JsonGenerator json, SplittableRandom random, String action, Instant eventTime)
      throws IOException {
    switch (action) {
      case "AssumeRole" -> {
        json.writeStartObject();
        json.writeObjectFieldStart("credentials");
        json.writeStringField("accessKeyId", "ASIA" + chars(random, UPPER, 16));
        json.writeStringField("sessionToken", chars(random, BASE64, random.nextInt(300, 700)));
        json.writeStringField("expiration", eventTime.plusSeconds(3600).toString());
        json.writeEndObject();
        json.writeObjectFieldStart("assumedRoleUser");
        json.writeStringField(
            "assumedRoleId", "AROA" + chars(random, UPPER, 17) + ":" + name(random));
        json.writeStringField("arn", "arn:aws:sts::" + account + ":assumed-role/" + name(random));
        json.writeEndObject();
        json.writeEndObject();
      }
      case "PutObject" -> {
        json.writeStartObject();
        json.writeStringField("x-amz-server-side-encryption", "aws:kms");
        json.writeStringField("x-amz-version-id", chars(random, BASE64, 32));
        json.writeEndObject();
      }
      case "GenerateDataKey" -> {
        json.writeStartObject();
        json.writeStringField(
            "keyId", "arn:aws:kms:us-east-1:" + account + ":key/" + EventFactory.uuid(random));
        json.writeEndObject();
      }
      default -> json.writeNull();
    }
  }

  private static String sessionName(SplittableRandom random, String role) {
    return switch (random.nextInt(4)) {
      case 0 -> "botocore-session-" + (1_700_000_000L + random.nextInt(90_000_000));
      case 1 -> "i-0" + chars(random, HEX, 16);
      case 2 -> name(random) + "." + name(random) + "@example.com";
      default -> role.toLowerCase(Locale.ROOT) + "-" + chars(random, HEX, 12);
    };
  }

  private static List<String> keys(SplittableRandom random, String prefix) {
    List<String> keys = new ArrayList<>();
    for (int key = random.nextInt(1, 5); key > 0; key--) {
      keys.add(prefix + chars(random, UPPER, 16));
    }
    return keys;
  }

  private static List<String> addresses(SplittableRandom random) {
    List<String> addresses = new ArrayList<>();
    for (int address = random.nextInt(1, 6); address > 0; address--) {
      addresses.add(address(random));
    }
    return addresses;
  }

  private static String agent(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 ->
          "aws-cli/2."
              + random.nextInt(9, 18)
              + "."
              + random.nextInt(40)
              + " Python/3.11."
              + random.nextInt(10)
              + " Linux/5.10."
              + random.nextInt(250)
              + "-"
              + random.nextInt(300)
              + ".amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/"
              + SERVICES_CALLED[random.nextInt(SERVICES_CALLED.length)]
              + ".describe";
      case 1 ->
          "Boto3/1.34."
              + random.nextInt(160)
              + " md/Botocore#1.34."
              + random.nextInt(160)
              + " ua/2.0 os/linux#5.10."
              + random.nextInt(250)
              + " md/arch#x86_64 lang/python#3.12."
              + random.nextInt(8)
              + " Botocore/1.34."
              + random.nextInt(160);
      case 2 ->
          "aws-sdk-java/1.12."
              + random.nextInt(700)
              + " Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0."
              + random.nextInt(12)
              + " java/17.0."
              + random.nextInt(12)
              + " vendor/Amazon.com_Inc. cfg/retry-mode/standard";
      case 3 ->
          "APN/1.0 HashiCorp/1.0 Terraform/1."
              + random.nextInt(3, 9)
              + "."
              + random.nextInt(6)
              + " (+https://www.terraform.io) terraform-provider-aws/5."
              + random.nextInt(60)
              + ".0";
      case 4 ->
          "aws-sdk-go-v2/1."
              + random.nextInt(20, 30)
              + "."
              + random.nextInt(10)
              + " os/linux lang/go#1.21."
              + random.nextInt(10)
              + " md/GOOS#linux md/GOARCH#amd64 api/"
              + SERVICES_CALLED[random.nextInt(SERVICES_CALLED.length)]
              + "#1."
              + random.nextInt(50)
              + ".0";
      default -> "console.amazonaws.com";
    };
  }

  private static String address(SplittableRandom random) {
    if (random.nextInt(5) == 0) {
      return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
    return random.nextInt(1, 224)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(1, 255);
  }

  private static String objectKey(SplittableRandom random) {
    StringBuilder key = new StringBuilder();
    for (int depth = random.nextInt(1, 5); depth > 0; depth--) {
      key.append(name(random)).append('/');
    }
    return key.append(EventFactory.uuid(random))
        .append(random.nextBoolean() ? ".json" : ".parquet")
        .toString();
  }

  private static String eventTimeFolder(SplittableRandom random) {
    return "2024/"
        + String.format(Locale.ROOT, "%02d/%02d/", random.nextInt(1, 13), random.nextInt(1, 29));
  }

  private String policyDocument(SplittableRandom random) {
    StringBuilder policy = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
    int statements = random.nextInt(3, 25);
    for (int i = 0; i < statements; i++) {
      if (i > 0) {
        policy.append(',');
      }
      String service = SERVICES_CALLED[random.nextInt(SERVICES_CALLED.length)];
      policy
          .append("{\"Sid\":\"")
          .append(chars(random, UPPER, 10))
          .append("\",\"Effect\":\"")
          .append(random.nextInt(8) == 0 ? "Deny" : "Allow")
          .append("\",\"Action\":[\"")
          .append(service)
          .append(":Get*\",\"")
          .append(service)
          .append(":List*\"],\"Resource\":[\"arn:aws:")
          .append(service)
          .append(":*:")
          .append(account)
          .append(":")
          .append(name(random))
          .append("/")
          .append(chars(random, HEX, 8))
          .append("*\"]}");
    }
    return policy.append("]}").toString();
  }

  private static String name(SplittableRandom random) {
    StringBuilder name = new StringBuilder();
    for (int i = random.nextInt(2, 4); i > 0; i--) {
      name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return name.toString();
  }

  private static String chars(SplittableRandom random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
