package dev.traildenials.report;

import java.util.Locale;

/** How the report's tables are stored. */
public enum TableFormat {
  /** Delta Lake: MERGE on event_id, atomic replacement of recomputed days, time travel. */
  DELTA,
  /** Plain Parquet folders, for readers without Delta; days are replaced by partition overwrite. */
  PARQUET;

  public String sparkName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
