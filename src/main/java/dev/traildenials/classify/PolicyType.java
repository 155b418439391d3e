package dev.traildenials.classify;

import java.util.Locale;
import java.util.Optional;

/** The policy types IAM names in its access-denied messages. */
public enum PolicyType {
  IDENTITY_BASED("identity-based policy"),
  RESOURCE_BASED("resource-based policy"),
  PERMISSIONS_BOUNDARY("permissions boundary"),
  SERVICE_CONTROL_POLICY("service control policy"),
  RESOURCE_CONTROL_POLICY("resource control policy"),
  SESSION_POLICY("session policy"),
  VPC_ENDPOINT_POLICY("VPC endpoint policy"),
  ROLE_TRUST_POLICY("role trust policy");

  private final String label;

  PolicyType(String label) {
    this.label = label;
  }

  /** The value kept in the tables: IAM's own words for the type. */
  public String label() {
    return label;
  }

  /**
   * The type a message's phrase names: "an identity-based policy", "a permissions boundary policy",
   * "the role trust policy", "a Service Control Policy" (older wording).
   */
  public static Optional<PolicyType> fromPhrase(String phrase) {
    String words = phrase.toLowerCase(Locale.ROOT).strip();
    if (words.contains("identity-based")) {
      return Optional.of(IDENTITY_BASED);
    }
    if (words.contains("resource-based")) {
      return Optional.of(RESOURCE_BASED);
    }
    if (words.contains("permissions boundary") || words.contains("permission boundary")) {
      return Optional.of(PERMISSIONS_BOUNDARY);
    }
    if (words.contains("service control policy")) {
      return Optional.of(SERVICE_CONTROL_POLICY);
    }
    if (words.contains("resource control policy")) {
      return Optional.of(RESOURCE_CONTROL_POLICY);
    }
    if (words.contains("session policy")) {
      return Optional.of(SESSION_POLICY);
    }
    if (words.contains("vpc endpoint policy")) {
      return Optional.of(VPC_ENDPOINT_POLICY);
    }
    if (words.contains("trust policy")) {
      return Optional.of(ROLE_TRUST_POLICY);
    }
    return Optional.empty();
  }
}
