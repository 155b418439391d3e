package dev.traildenials.classify;

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

  private static String resourceOf(DenialMessage message, DenialFacts facts) {
    if (message.resource() != null && !message.resource().equals("*")) {
      return message.resource();
    }
    for (String arn : facts.resourceArns()) {
      if (arn != null && !arn.isBlank()) {
        return arn;
      }
    }
    String fromRequest =
        RequestResources.resourceOf(
            facts.requestParameters(), partitionOf(facts), facts.accountId(), facts.region());
    if (fromRequest != null) {
      return fromRequest;
    }
    return message.resource();
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
