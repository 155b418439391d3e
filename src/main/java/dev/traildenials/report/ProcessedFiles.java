package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.LogFile;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.store.OutputSchemas;
import dev.traildenials.store.ReportTables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The ledger of incremental runs, {@code processed_files}: one row per log file a run read or
 * rejected. A file is known by its path, size and modification time, so an object written again
 * under the same name is read again (its events merge on their ids, so nothing doubles).
 */
final class ProcessedFiles {

  static final String READ = "read";
  static final String REJECTED = "rejected";

  /** The columns that tell one processed file from another. */
  static final String[] KEY = {"path", "size", "modification_time", "status"};

  private ProcessedFiles() {}

  static String key(LogFile file) {
    return file.path() + "\n" + file.size() + "\n" + file.modificationTime();
  }

  /** The keys of the files read completely that were delivered on or after the day. */
  static Set<String> keysReadSince(ReportTables tables, LocalDate firstDeliveryDay) {
    if (!tables.exists(ReportTables.PROCESSED_FILES)) {
      return Set.of();
    }
    List<Row> rows =
        tables
            .read(ReportTables.PROCESSED_FILES)
            .filter(col("status").equalTo(READ))
            .filter(col("delivery_day").geq(firstDeliveryDay))
            .select("path", "size", "modification_time")
            .collectAsList();
    Set<String> keys = new HashSet<>();
    for (Row row : rows) {
      keys.add(row.getString(0) + "\n" + row.getLong(1) + "\n" + row.getLong(2));
    }
    return keys;
  }

  /** The ledger rows of a run: every planned file, read or rejected with its reason. */
  static Dataset<Row> rows(
      SparkSession session,
      ArchivePlan plan,
      List<SkippedPath> rejected,
      String runId,
      Instant processedAt) {
    Map<String, String> reasons = new HashMap<>();
    rejected.forEach(file -> reasons.putIfAbsent(file.path(), file.reason()));
    List<Row> rows = new ArrayList<>();
    for (LogFile file : plan.files()) {
      rows.add(
          RowFactory.create(
              file.path(),
              file.size(),
              file.modificationTime(),
              file.account(),
              file.region(),
              file.deliveryDay(),
              reasons.containsKey(file.path()) ? REJECTED : READ,
              reasons.get(file.path()),
              runId,
              processedAt));
    }
    return session.createDataFrame(rows, OutputSchemas.PROCESSED_FILES);
  }
}
