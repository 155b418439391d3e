package dev.traildenials.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  private RequestResources() {}

  static String resourceOf(
      String requestParameters, String partition, String account, String region) {
    Map<String, String> parameters = topLevelStrings(requestParameters);
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
