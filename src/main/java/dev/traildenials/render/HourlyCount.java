package dev.traildenials.render;

import java.time.Instant;

/**
 * Denials in one hour, for the report's chart.
 *
 * @param serviceLinkedRoleDenials those of them made by service-linked roles
 */
public record HourlyCount(Instant hour, long denials, long serviceLinkedRoleDenials) {}
