package dev.traildenials.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource a call named in its request parameters, for denials whose message and {@code
 * resources[]} name none. Only well-known parameter names are read; an ARN anywhere among them
 * wins, then names that can be turned into ARNs.
 */
final class RequestResources {

  private static final JsonFactory JSON = new JsonFactory();

  /** Parameters whose value is an ARN (or, for some, may be). */
  private static final List<String> ARN_PARAMETERS =
      List.of(
          "resourceArn",
          "roleArn",
          "policyArn",
          "topicArn",
          "TopicArn",
          "targetArn",
          "secretId",
          "SecretId",
          "keyId",
          "KeyId",
          "functionName",
          "stateMachineArn",
          "logGroupArn",
          "certificateArn",
          "streamARN",
          "tableArn",
          "clusterArn",
          "trailName",
          "name",
          "Name");

  /**
   * EC2's parameters that name one resource, in the order they are tried (a call that names an
   * instance and a volume is about the instance), with the resource type of the resource's ARN. EC2
   * denials carry neither {@code resources[]} nor, in the encoded message format, a resource in the
   * message.
   */
  private static final List<String[]> EC2_IDS =
      List.of(
          new String[] {"instanceId", "instance"},
          new String[] {"volumeId", "volume"},
          new String[] {"snapshotId", "snapshot"},
          new String[] {"imageId", "image"},
          new String[] {"groupId", "security-group"},
          new String[] {"networkInterfaceId", "network-interface"},
          new String[] {"subnetId", "subnet"},
          new String[] {"vpcId", "vpc"},
          new String[] {"launchTemplateId", "launch-template"},
          new String[] {"keyName", "key-pair"},
          new String[] {"natGatewayId", "natgateway"},
          new String[] {"internetGatewayId", "internet-gateway"},
          new String[] {"routeTableId", "route-table"},
          new String[] {"networkAclId", "network-acl"},
          new String[] {"allocationId", "elastic-ip"},
          new String[] {"vpcEndpointId", "vpc-endpoint"},
          new String[] {"transitGatewayId", "transit-gateway"},
          new String[] {"capacityReservationId", "capacity-reservation"},
          new String[] {"hostId", "dedicated-host"});

  /** EC2 resource types whose ARN has no account: AWS's snapshots and images are regional. */
  private static final Set<String> EC2_WITHOUT_ACCOUNT = Set.of("snapshot", "image");

  private RequestResources() {}

  static String resourceOf(
      String requestParameters,
      String eventSource,
      String partition,
      String account,
      String region) {
    Map<String, String> parameters = topLevelStrings(requestParameters);
    if ("ec2.amazonaws.com".equals(eventSource)) {
      return ec2Resource(requestParameters, parameters, partition, account, region);
    }
    if (parameters.isEmpty()) {
      return null;
    }
    for (String name : ARN_PARAMETERS) {
      String value = parameters.get(name);
      if (value != null && value.startsWith("arn:")) {
        return value;
      }
    }
    String bucket = parameters.get("bucketName");
    if (bucket != null) {
      String key = parameters.get("key");
      return "arn:" + partition + ":s3:::" + bucket + (key == null ? "" : "/" + key);
    }
    String queueUrl = parameters.get("queueUrl");
    if (queueUrl != null) {
      return queueUrl;
    }
    if (account == null) {
      return null;
    }
    String roleName = parameters.get("roleName");
    if (roleName != null) {
      return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }
    String userName = parameters.get("userName");
    if (userName != null) {
      return "arn:" + partition + ":iam::" + account + ":user/" + userName;
    }
    if (region == null) {
      return null;
    }
    String tableName = parameters.get("tableName");
    if (tableName != null) {
      return "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + tableName;
    }
    String functionName = parameters.get("functionName");
    if (functionName != null) {
      return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + functionName;
    }
    return null;
  }

  /**
   * The EC2 resource a call names: its ARN when the account and region are known, else its id.
   * Calls on instances name them in {@code instancesSet.items[].instanceId}; the first counts.
   */
  private static String ec2Resource(
      String requestParameters,
      Map<String, String> parameters,
      String partition,
      String account,
      String region) {
    for (String[] idAndType : EC2_IDS) {
      String id = parameters.get(idAndType[0]);
      if (id == null && idAndType[0].equals("instanceId")) {
        id = firstInstanceInSet(requestParameters);
      }
      if (id != null && !id.isBlank()) {
        String type = idAndType[1];
        String owner = EC2_WITHOUT_ACCOUNT.contains(type) ? "" : account;
        if (region == null || owner == null) {
          return id;
        }
        return "arn:" + partition + ":ec2:" + region + ":" + owner + ":" + type + "/" + id;
      }
    }
    return null;
  }

  /** {@code instancesSet.items[0].instanceId}, as StopInstances and its kin write it. */
  private static String firstInstanceInSet(String json) {
    if (json == null || !json.contains("\"instancesSet\"")) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("instancesSet") && value == JsonToken.START_OBJECT) {
          return firstInstanceInItems(parser);
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Inside {@code instancesSet}: the first item's {@code instanceId}. */
  private static String firstInstanceInItems(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("items") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken member = parser.nextToken();
            if (field.equals("instanceId") && member == JsonToken.VALUE_STRING) {
              return parser.getText();
            }
            parser.skipChildren();
          }
        }
        return null;
      }
      parser.skipChildren();
    }
    return null;
  }

  /** The top-level string members of a JSON object; empty for anything else or bad JSON. */
  static Map<String, String> topLevelStrings(String json) {
    Map<String, String> strings = new HashMap<>();
    if (json == null || json.isBlank()) {
      return strings;
    }
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return strings;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          strings.putIfAbsent(name, parser.getText());
        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          parser.skipChildren();
        }
      }
      return strings;
    } catch (IOException e) {
      return strings;
    }
  }
}
