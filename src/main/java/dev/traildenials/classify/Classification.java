package dev.traildenials.classify;

/**
 * What a denial was: its kind, the policy type and policy that caused it, and the action and
 * resource that were denied.
 *
 * @param policyType IAM's words for the policy type, or null when the message names none
 * @param policyArn the denying policy's ARN when the message carries one
 * @param deniedAction {@code service:Action}, from the message, else from the event
 * @param deniedResource from the message, else {@code resources[]}, else request parameters
 */
public record Classification(
    DenyKind denyKind,
    String policyType,
    String policyArn,
    String deniedAction,
    String deniedResource) {}
