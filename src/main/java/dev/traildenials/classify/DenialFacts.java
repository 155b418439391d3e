package dev.traildenials.classify;

import java.util.List;

/**
 * The parts of a CloudTrail record that classify a denial.
 *
 * @param resourceArns the ARNs of the record's {@code resources[]}, in order
 * @param requestParameters the record's {@code requestParameters} JSON text
 */
public record DenialFacts(
    String errorCode,
    String errorMessage,
    String eventSource,
    String eventName,
    String accountId,
    String region,
    String identityArn,
    List<String> resourceArns,
    String requestParameters) {

  public DenialFacts {
    resourceArns = resourceArns == null ? List.of() : resourceArns;
  }
}
