package dev.traildenials.archive;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A CloudTrail log file the plan reads.
 *
 * @param path full path
 * @param size compressed bytes
 * @param modificationTime epoch milliseconds, 0 when unknown
 * @param account the account folder it was delivered to
 * @param region the region folder it was delivered to
 * @param deliveryDay the day folder it was delivered to (not necessarily its events' day)
 */
public record LogFile(
    String path,
    long size,
    long modificationTime,
    String account,
    String region,
    LocalDate deliveryDay)
    implements Serializable {}
