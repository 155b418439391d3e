package dev.traildenials.alert;

import java.time.Instant;
import java.util.List;

/**
 * One period in which the service-linked-role alarm went into ALARM (a row of {@code slr_alarms}).
 *
 * @param value the metric's Sum over the period
 */
public record AlarmPeriod(
    Instant periodStart,
    Instant periodEnd,
    String accountId,
    String region,
    long value,
    double threshold,
    List<String> principals,
    List<String> actions,
    List<String> resources) {

  public AlarmPeriod {
    principals = List.copyOf(principals);
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
  }
}
