package dev.traildenials.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Classifies one denial. Pure: the same facts always give the same answer. */
public final class DenialClassifier {

  /** Lambda and others version their event names: CreateFunction20150331. */
  private static final Pattern API_VERSION_SUFFIX = Pattern.compile("\\d{8}(v\\d+)?$");

  private static final Pattern PARTITION = Pattern.compile("^arn:([^:]+):.*");

  private DenialClassifier() {}

  public static Classification classify(DenialFacts facts) {
    DenialMessage message = DenialMessage.parse(facts.errorMessage());
    return new Classification(
        message.denyKind(),
        message.policyType() == null ? null : message.policyType().label(),
        message.policyArn(),
        message.action() != null ? message.action() : actionOf(facts),
        resourceOf(message, facts));
  }

  /** {@code s3.amazonaws.com} + {@code GetObject} → {@code s3:GetObject}. */
  static String actionOf(DenialFacts facts) {
    if (facts.eventSource() == null || facts.eventName() == null) {
      return null;
    }
    String source = facts.eventSource();
    int dot = source.indexOf('.');
    String service = dot < 0 ? source : source.substring(0, dot);
    String name = API_VERSION_SUFFIX.matcher(facts.eventName()).replaceFirst("");
    return service + ":" + name;
  }

  /**
   * The message's resource, unless it is a wildcard where the record names the very resource
   * elsewhere ({@code resources[]}, then the request's parameters): {@code *} gives way to any,
   * {@code ...:instance/*} only to a resource of its type (RunInstances is denied the instance it
   * would create, not the subnet its request names).
   */
  private static String resourceOf(DenialMessage message, DenialFacts facts) {
    String named = message.resource();
    if (named != null && !named.equals("*") && !named.endsWith("/*")) {
      return named;
    }
    List<String> candidates = new ArrayList<>(facts.resourceArns());
    candidates.add(
        RequestResources.resourceOf(
            facts.requestParameters(),
            facts.eventSource(),
            partitionOf(facts),
            facts.accountId(),
            facts.region()));
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank() && fitsTheWildcard(candidate, named)) {
        return candidate;
      }
    }
    return named;
  }

  /** Whether a resource may stand for the message's wildcard: the same type for {@code type/*}. */
  private static boolean fitsTheWildcard(String resource, String wildcard) {
    if (wildcard == null || wildcard.equals("*")) {
      return true;
    }
    return resourceType(resource).equals(resourceType(wildcard));
  }

  /** {@code arn:aws:ec2:r:a:instance/i-1} → {@code ec2:instance}; a bare id → itself. */
  private static String resourceType(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return arn;
    }
    int slash = parts[5].indexOf('/');
    return parts[2] + ":" + (slash < 0 ? parts[5] : parts[5].substring(0, slash));
  }

  private static String partitionOf(DenialFacts facts) {
    if (facts.identityArn() != null) {
      var matcher = PARTITION.matcher(facts.identityArn());
      if (matcher.matches()) {
        return matcher.group(1);
      }
    }
    return "aws";
  }
}
