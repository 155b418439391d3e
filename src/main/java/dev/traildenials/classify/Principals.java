package dev.traildenials.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who made a call, from the record's {@code userIdentity}. */
public final class Principals {

  /** IAM's path for service-linked roles: role/aws-service-role/<service principal>/<name>. */
  private static final Pattern SERVICE_LINKED_ROLE =
      Pattern.compile("^arn:[^:]+:iam::\\d*:role/aws-service-role/([^/]+)/.+$");

  private static final Pattern ASSUMED_ROLE_SESSION =
      Pattern.compile("^arn:([^:]+):sts::(\\d*):assumed-role/(.+)/[^/]+$");

  private Principals() {}

  /**
   * The principal a call is charged to, the same for every session of it: a role session becomes
   * its role (the session issuer's ARN, which keeps the role's path; else the role ARN rebuilt from
   * the session ARN), anything else keeps its ARN; a call without an ARN is charged to the service
   * that made it ({@code invokedBy}) or to its principal id.
   */
  public static String principalArn(
      String identityArn, String sessionIssuerArn, String invokedBy, String principalId) {
    if (identityArn != null) {
      Matcher session = ASSUMED_ROLE_SESSION.matcher(identityArn);
      if (session.matches()) {
        if (sessionIssuerArn != null && !sessionIssuerArn.isBlank()) {
          return sessionIssuerArn;
        }
        return "arn:"
            + session.group(1)
            + ":iam::"
            + session.group(2)
            + ":role/"
            + session.group(3);
      }
      return identityArn;
    }
    if (sessionIssuerArn != null && !sessionIssuerArn.isBlank()) {
      return sessionIssuerArn;
    }
    if (invokedBy != null && !invokedBy.isBlank()) {
      return invokedBy;
    }
    return principalId;
  }

  /**
   * The service a service-linked role belongs to ({@code config.amazonaws.com}), or null. Only the
   * session issuer's path counts: a role merely named AWSServiceRoleFor... is an ordinary role.
   */
  public static String linkedService(String sessionIssuerArn) {
    if (sessionIssuerArn == null) {
      return null;
    }
    Matcher matcher = SERVICE_LINKED_ROLE.matcher(sessionIssuerArn);
    return matcher.matches() ? matcher.group(1) : null;
  }

  public static boolean isServiceLinkedRole(String sessionIssuerArn) {
    return linkedService(sessionIssuerArn) != null;
  }
}
