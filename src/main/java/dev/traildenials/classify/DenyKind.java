package dev.traildenials.classify;

/** Whether a policy denied the call with a Deny statement, or no policy allowed it. */
public enum DenyKind {
  /** "with an explicit deny in a ... policy": a Deny statement matched. */
  EXPLICIT("explicit"),
  /** "because no ... policy allows the ... action": nothing allowed the call. */
  IMPLICIT("implicit"),
  /** EC2's "Encoded authorization failure message": only sts:DecodeAuthorizationMessage tells. */
  ENCODED("encoded"),
  /** The message does not say (S3's "Access Denied", the older message without a reason). */
  UNKNOWN("unknown");

  private final String label;

  DenyKind(String label) {
    this.label = label;
  }

  /** The value kept in the tables. */
  public String label() {
    return label;
  }
}
