package dev.traildenials.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an access-denied {@code errorMessage} says, read the way IAM documents its messages: "User:
 * <principal> is not authorized to perform: <action> [on resource: <resource>] [because no <type>
 * allows the <action> action | with an explicit deny in a <type>[: <policy arn>]]".
 *
 * <p>Services put text before it (EC2: "You are not authorized to perform this operation.") or
 * after it (EC2's encoded message); both are tolerated. Fields the message does not carry are null.
 *
 * @param principal the ARN after "User:", as the message names it
 * @param action the {@code service:Action} after "perform:"
 * @param resource the resource after "on resource:", quotes removed
 * @param denyKind explicit, implicit, encoded or unknown
 * @param policyType the policy type the message names, or null
 * @param policyArn the ARN of the denying policy when the message carries one
 */
public record DenialMessage(
    String principal,
    String action,
    String resource,
    DenyKind denyKind,
    PolicyType policyType,
    String policyArn) {

  private static final String USER = "User: ";
  private static final String NOT_AUTHORIZED = " is not authorized to perform: ";
  private static final String ON_RESOURCE = " on resource: ";
  private static final String ENCODED = "encoded authorization failure message";

  private static final Pattern IMPLICIT =
      Pattern.compile("\\bbecause no (.+?) allows? the \\S+ action", Pattern.CASE_INSENSITIVE);
  private static final Pattern EXPLICIT =
      Pattern.compile(
          "\\b(?:with|due to) an explicit deny in (?:a |an |the )?(.+?)"
              + "(?::\\s*(arn:[^\\s\"]+?))?\\.?(?=$|\\.\\s|\\s+Encoded )",
          Pattern.CASE_INSENSITIVE);

  /**
   * KMS: "... because the resource does not exist in this Region, no resource-based policies..."
   */
  private static final String KMS_AMBIGUOUS = "no resource-based policies allow access";

  /** A message that says nothing this class can read. */
  public static final DenialMessage NOTHING =
      new DenialMessage(null, null, null, DenyKind.UNKNOWN, null, null);

  /** Reads a message; never throws, whatever the text. */
  public static DenialMessage parse(String message) {
    if (message == null || message.isBlank()) {
      return NOTHING;
    }
    String principal = null;
    String action = null;
    String resource = null;
    String reason = message;
    int user = message.indexOf(USER);
    int notAuthorized = user < 0 ? -1 : message.indexOf(NOT_AUTHORIZED, user);
    if (notAuthorized > 0) {
      principal = message.substring(user + USER.length(), notAuthorized).strip();
      int actionStart = notAuthorized + NOT_AUTHORIZED.length();
      int actionEnd = endOfToken(message, actionStart);
      action = trimSentenceEnd(message.substring(actionStart, actionEnd));
      int rest = actionEnd;
      if (message.startsWith(ON_RESOURCE, rest)) {
        int resourceStart = rest + ON_RESOURCE.length();
        int resourceEnd;
        if (resourceStart < message.length() && message.charAt(resourceStart) == '"') {
          int closing = message.indexOf('"', resourceStart + 1);
          resourceEnd = closing < 0 ? message.length() : closing + 1;
          resource = message.substring(resourceStart + 1, Math.max(resourceStart + 1, closing));
        } else {
          resourceEnd = endOfToken(message, resourceStart);
          resource = trimSentenceEnd(message.substring(resourceStart, resourceEnd));
        }
        rest = resourceEnd;
      }
      reason = message.substring(rest);
      if (action.isEmpty()) {
        action = null;
      }
      if (resource != null && resource.isEmpty()) {
        resource = null;
      }
    }

    Matcher explicit = EXPLICIT.matcher(reason);
    if (explicit.find()) {
      return new DenialMessage(
          principal,
          action,
          resource,
          DenyKind.EXPLICIT,
          PolicyType.fromPhrase(explicit.group(1)).orElse(null),
          explicit.group(2));
    }
    Matcher implicit = IMPLICIT.matcher(reason);
    if (implicit.find()) {
      return new DenialMessage(
          principal,
          action,
          resource,
          DenyKind.IMPLICIT,
          PolicyType.fromPhrase(implicit.group(1)).orElse(null),
          null);
    }
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains(ENCODED)) {
      return new DenialMessage(principal, action, resource, DenyKind.ENCODED, null, null);
    }
    if (lower.contains(KMS_AMBIGUOUS)) {
      // KMS does not say whether the key is missing, not allowed or denied: the kind stays open.
      return new DenialMessage(
          principal, action, resource, DenyKind.UNKNOWN, PolicyType.RESOURCE_BASED, null);
    }
    return new DenialMessage(principal, action, resource, DenyKind.UNKNOWN, null, null);
  }

  private static int endOfToken(String text, int start) {
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** "sts:AssumeRole." at the end of a sentence is the action sts:AssumeRole. */
  private static String trimSentenceEnd(String token) {
    String trimmed = token;
    while (!trimmed.isEmpty()
        && (trimmed.endsWith(".") || trimmed.endsWith(",") || trimmed.endsWith(";"))) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
