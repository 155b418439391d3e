package dev.traildenials.store;

import dev.traildenials.failure.Failure;
import java.util.Locale;

/** How the report's tables are stored. */
public enum TableFormat {
  /** Delta Lake: MERGE on event_id, atomic replacement of recomputed days, time travel. */
  DELTA,
  /** Plain Parquet folders, for readers without Delta; days are replaced by partition overwrite. */
  PARQUET;

  /** The format of this name (any case), or an error that lists the formats there are. */
  public static TableFormat parse(String name) {
    for (TableFormat format : values()) {
      if (format.sparkName().equalsIgnoreCase(name.strip())) {
        return format;
      }
    }
    throw Failure.userInput("'" + name + "' is not a table format: write delta or parquet");
  }

  public String sparkName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
