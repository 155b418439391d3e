package dev.traildenials.classify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of principal made a call, from the record's {@code userIdentity}: the question "a
 * person, a workload, or AWS on the account's behalf?" that a denial's triage starts with.
 */
public enum PrincipalKind {
  /** An IAM user, the root user, an Identity Center (SSO) user or a federated user. */
  HUMAN("human"),
  /** A session of an ordinary role: a workload, a pipeline, a cross-account caller. */
  ROLE("role"),
  /** A session of a service-linked role (its issuer under {@code role/aws-service-role/}). */
  SERVICE_LINKED_ROLE("service-linked role"),
  /** An AWS service acting as itself ({@code AWSService}, or only {@code invokedBy}). */
  SERVICE_PRINCIPAL("service principal"),
  /** Another AWS account, named by its id ({@code AWSAccount}). */
  AWS_ACCOUNT("AWS account"),
  /** A record whose identity says too little. */
  UNKNOWN("unknown");

  /**
   * Identity Center's roles (AWSReservedSSO_<permission set>_<id>, under
   * aws-reserved/sso.amazonaws.com/): a person signed in through SSO, not a workload.
   */
  private static final Pattern IDENTITY_CENTER_ROLE =
      Pattern.compile("^arn:[^:]+:iam::\\d*:role/(?:.*/)?AWSReservedSSO_[^/]*$");

  private final String label;

  PrincipalKind(String label) {
    this.label = label;
  }

  /** The word the tables hold: {@code human}, {@code service-linked role}, ... */
  public String label() {
    return label;
  }

  /**
   * The kind of {@code userIdentity}.
   *
   * @param identityType {@code userIdentity.type}, in any case, or null
   * @param identityArn {@code userIdentity.arn}, or null
   * @param sessionIssuerArn {@code userIdentity.sessionContext.sessionIssuer.arn}, or null
   * @param invokedBy {@code userIdentity.invokedBy}, or null
   */
  public static PrincipalKind of(
      String identityType, String identityArn, String sessionIssuerArn, String invokedBy) {
    String type = identityType == null ? "" : identityType.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "root",
              "iamuser",
              "federateduser",
              "identitycenteruser",
              "samluser",
              "webidentityuser",
              "directory" ->
          HUMAN;
        // The session issuer is the role; without one, the role named in the session's ARN.
      case "assumedrole", "role" ->
          roleKind(
              hasText(sessionIssuerArn)
                  ? sessionIssuerArn
                  : Principals.principalArn(identityArn, null, null, null));
      case "awsservice" -> SERVICE_PRINCIPAL;
      case "awsaccount" -> AWS_ACCOUNT;
        // Some service events carry only the service that made them.
      default -> identityArn == null && hasText(invokedBy) ? SERVICE_PRINCIPAL : UNKNOWN;
    };
  }

  private static PrincipalKind roleKind(String roleArn) {
    if (Principals.isServiceLinkedRole(roleArn)) {
      return SERVICE_LINKED_ROLE;
    }
    if (roleArn != null && IDENTITY_CENTER_ROLE.matcher(roleArn).matches()) {
      return HUMAN;
    }
    return ROLE;
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
