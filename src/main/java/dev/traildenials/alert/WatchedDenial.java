package dev.traildenials.alert;

import java.time.Instant;

/** A denial a run added for an identity named with {@code --watch-identity}. */
public record WatchedDenial(
    String eventId,
    Instant eventTime,
    String accountId,
    String region,
    String identityArn,
    String principalArn,
    String eventSource,
    String eventName,
    String errorCode,
    String denyKind,
    String policyType,
    String deniedAction,
    String deniedResource) {}
