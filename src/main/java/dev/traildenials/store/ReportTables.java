package dev.traildenials.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;

/**
 * The report's tables under one location, and the only code that writes them: {@link DeltaTables}
 * or {@link ParquetTables}, as the format asks.
 *
 * <p>Every write is idempotent: events are merged on {@code event_id}, summaries are replaced for
 * the days a run touched and left alone when nothing in them changed, and rejected files are added
 * once. With Delta each write is one atomic commit, so a run that fails half way leaves every table
 * at a readable version; with Parquet a table is rewritten through a staging folder.
 */
public abstract class ReportTables {

  public static final String DENIAL_EVENTS = "denial_events";
  public static final String DENIALS_HOURLY = "denials_hourly";
  public static final String SLR_METRIC_HOURLY = "slr_metric_hourly";
  public static final String SLR_ALARMS = "slr_alarms";
  public static final String BLOCKED_RESOURCES = "blocked_resources";
  public static final String NEW_DENIALS = "new_denials";
  public static final String REJECTED_FILES = "rejected_files";
  public static final String PROCESSED_FILES = "processed_files";
  public static final String RUNS = "runs";
  public static final String ACTIVITY_BY_FILE = "activity_by_file";
  public static final String SLR_ACTIVITY = "slr_activity";
  public static final String PRINCIPAL_ACTIVITY = "principal_activity";
  public static final String SERVICE_LINKED_ROLES = "service_linked_roles";

  public static final List<String> ALL =
      List.of(
          DENIAL_EVENTS,
          DENIALS_HOURLY,
          SLR_METRIC_HOURLY,
          SLR_ALARMS,
          BLOCKED_RESOURCES,
          NEW_DENIALS,
          REJECTED_FILES,
          PROCESSED_FILES,
          RUNS,
          ACTIVITY_BY_FILE,
          SLR_ACTIVITY,
          PRINCIPAL_ACTIVITY,
          SERVICE_LINKED_ROLES);

  public static final String EVENT_DATE = "event_date";

  /** A column of sameRows' own, named so that no table has it. */
  private static final String COPY_BALANCE = "_trail_denials_copy_balance";

  final SparkSession session;
  private final Set<String> begun = new LinkedHashSet<>();
  private final String out;
  private final TableFormat format;
  final String staging;

  ReportTables(SparkSession session, String out, TableFormat format, String runId) {
    this.session = session;
    this.out = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    this.format = format;
    this.staging = this.out + "/_staging/" + runId;
  }

  /** The tables under {@code out} in this format; {@code runId} names the run's staging folder. */
  public static ReportTables open(
      SparkSession session, String out, TableFormat format, String runId) {
    return switch (format) {
      case DELTA -> new DeltaTables(session, out, runId);
      case PARQUET -> new ParquetTables(session, out, runId);
    };
  }

  public String path(String table) {
    return out + "/" + table;
  }

  /**
   * The tables this run has begun to write, in order: those it changed, and any it was stopped
   * writing (each then at its previous version or a whole new one).
   */
  public synchronized List<String> begunWriting() {
    return List.copyOf(begun);
  }

  private synchronized void begin(String table) {
    begun.add(table);
  }

  /** Whether the table has been written (a Parquet table once its write has finished). */
  public abstract boolean exists(String table);

  /** Whether a run on this output has succeeded before (a failed first run does not count). */
  public boolean anyRunSucceeded() {
    return exists(RUNS) && !read(RUNS).where("status = 'succeeded'").limit(1).isEmpty();
  }

  /**
   * Rows of a table that an earlier version of the project may have written without this column:
   * theirs is then empty (the table gains the column on its next rewrite).
   */
  public static Dataset<Row> withColumnAddedSince(Dataset<Row> rows, String column, DataType type) {
    return Arrays.asList(rows.columns()).contains(column)
        ? rows
        : rows.withColumn(column, lit(null).cast(type));
  }

  public Dataset<Row> read(String table) {
    // Parquet: a table whose later files gained columns (runs) is read with all of them.
    return session
        .read()
        .format(format.sparkName())
        .option("mergeSchema", "true")
        .load(path(table));
  }

  /**
   * What a merge did.
   *
   * @param inserted events the table did not hold
   * @param replaced events held as copies from a later file, now taken from an earlier one
   */
  public record Merged(long inserted, long replaced) {
    public boolean changed() {
      return inserted > 0 || replaced > 0;
    }
  }

  /**
   * Adds the events whose {@code event_id} the table lacks. Of an event delivered twice the copy
   * from the first file by name is kept, whichever run saw which copy first, so incremental runs
   * end with the table one run over everything would write; a re-run changes nothing.
   *
   * @param eventCount how many rows {@code events} holds (the caller has counted them)
   */
  public Merged mergeEvents(Dataset<Row> events, long eventCount, List<LocalDate> dates) {
    if (!exists(DENIAL_EVENTS)) {
      write(events, DENIAL_EVENTS, SaveMode.ErrorIfExists, true);
      return new Merged(eventCount, 0);
    }
    if (dates.isEmpty()) {
      return new Merged(0, 0);
    }
    begin(DENIAL_EVENTS);
    return mergeIntoDays(events, dates);
  }

  /**
   * Gives a {@code denial_events} table written before a column existed (by an earlier version of
   * this project) that column, each event's value a SQL expression of the columns it holds. One
   * rewrite of the table, before the run merges its events, so a run stopped half way leaves it as
   * it was. Returns whether it wrote; the schema alone tells, so a table that has the column costs
   * no scan.
   */
  public boolean addEventColumn(String column, String value) {
    if (!exists(DENIAL_EVENTS) || Arrays.asList(read(DENIAL_EVENTS).columns()).contains(column)) {
      return false;
    }
    begin(DENIAL_EVENTS);
    rewriteEvents(read(DENIAL_EVENTS).withColumn(column, expr(value)));
    return true;
  }

  /** Replaces every row of {@code denial_events}, and its schema, with {@code rows}. */
  abstract void rewriteEvents(Dataset<Row> rows);

  /** Merges events into the existing table's rows of these days. */
  abstract Merged mergeIntoDays(Dataset<Row> events, List<LocalDate> dates);

  /**
   * Replaces a summary's rows for the given days with {@code rows}; returns whether it wrote. Rows
   * that are already exactly there are not written again.
   */
  public boolean replaceDays(String table, Dataset<Row> summary, List<LocalDate> dates) {
    // Compared, checked against the days by Delta, then written: computed once.
    return replaceDaysOf(table, staged("summaries/" + table, summary), dates);
  }

  private boolean replaceDaysOf(String table, Dataset<Row> rows, List<LocalDate> dates) {
    boolean existing = exists(table);
    if (existing && (dates.isEmpty() || holdsDays(table, rows, dates))) {
      return false;
    }
    rewriteDays(table, rows, dates, existing);
    return true;
  }

  /** Whether the table's rows of these days are exactly {@code rows}. */
  public boolean holdsDays(String table, Dataset<Row> rows, List<LocalDate> dates) {
    return sameRows(read(table).filter(col(EVENT_DATE).isin(dates.toArray())), rows);
  }

  /** The format's settings for a table it creates (a write to an existing table ignores them). */
  abstract Map<String, String> creationOptions(String table);

  /** Replaces the table's rows of these days with {@code rows}. */
  abstract void overwriteDays(String table, Dataset<Row> rows, List<LocalDate> dates);

  /** Replaces every row of the table with {@code rows}. */
  abstract void overwrite(String table, Dataset<Row> rows);

  /**
   * Replaces a summary's rows for the given days with {@code rows} without comparing them first,
   * for a caller that knows they changed; the rows must not be read from the table itself.
   */
  public void rewriteDays(String table, Dataset<Row> rows, List<LocalDate> dates) {
    rewriteDays(table, rows, dates, exists(table));
  }

  private void rewriteDays(
      String table, Dataset<Row> rows, List<LocalDate> dates, boolean existing) {
    if (!existing) {
      write(rows, table, SaveMode.ErrorIfExists, false);
    } else if (!dates.isEmpty()) {
      begin(table);
      overwriteDays(table, rows, dates);
    }
  }

  /**
   * Replaces a whole summary without comparing first, for a caller that knows it changed; the rows
   * must not be read from the table itself.
   */
  public void rewriteAll(String table, Dataset<Row> rows) {
    rewriteAll(table, rows, exists(table));
  }

  private void rewriteAll(String table, Dataset<Row> rows, boolean existing) {
    if (!existing) {
      write(rows, table, SaveMode.ErrorIfExists, false);
    } else {
      begin(table);
      overwrite(table, rows);
    }
  }

  /** Replaces a whole summary; returns whether it wrote (not when the rows are already there). */
  public boolean replaceAll(String table, Dataset<Row> summary) {
    return replaceAllOf(table, staged("summaries/" + table, summary));
  }

  private boolean replaceAllOf(String table, Dataset<Row> rows) {
    boolean existing = exists(table);
    if (existing && sameRows(read(table), rows)) {
      return false;
    }
    rewriteAll(table, rows, existing);
    return true;
  }

  /** Appends the rows whose keys the table does not hold yet; returns how many. */
  public long appendNew(String table, Dataset<Row> rows, String... keys) {
    if (!exists(table)) {
      Dataset<Row> all = staged("new/" + table, rows);
      write(all, table, SaveMode.ErrorIfExists, false);
      return all.count();
    }
    Dataset<Row> existing = read(table);
    Column sameKey =
        Arrays.stream(keys)
            .map(key -> rows.col(key).eqNullSafe(existing.col(key)))
            .reduce(Column::and)
            .orElseThrow();
    // Counted, then written: computed once.
    Dataset<Row> fresh = staged("new/" + table, rows.join(existing, sameKey, "left_anti"));
    long count = fresh.count();
    if (count > 0) {
      write(fresh, table, SaveMode.Append, false);
    }
    return count;
  }

  /** Removes the table's rows that match {@code condition}; returns whether it held any. */
  public boolean removeWhere(String table, Column condition) {
    if (!exists(table) || read(table).filter(condition).isEmpty()) {
      return false;
    }
    begin(table);
    deleteRows(table, condition);
    return true;
  }

  /** Deletes the rows that match {@code condition}, in one write. */
  abstract void deleteRows(String table, Column condition);

  public void append(String table, Dataset<Row> rows) {
    write(rows, table, exists(table) ? SaveMode.Append : SaveMode.ErrorIfExists, false);
  }

  /**
   * Computes {@code rows} once into this run's staging folder and reads them from there. Unlike a
   * cached dataset, the staged files are written with adaptive execution's partition coalescing and
   * read back split by their size, so later steps run as many tasks as the rows need.
   */
  public Dataset<Row> staged(String name, Dataset<Row> rows) {
    String staged = staging + "/" + name;
    rows.write().mode(SaveMode.Overwrite).parquet(staged);
    return session.read().parquet(staged);
  }

  /**
   * Removes this run's staging folder, and what runs that were killed left beside it (folders
   * untouched for longer than a lock takes to go stale, so no live run's). A failure to remove is a
   * notice, not the run's failure: the tables are already written.
   */
  public void cleanUp(java.util.function.Consumer<String> notices) {
    Path path = new Path(staging);
    try {
      FileSystem fileSystem = path.getFileSystem(session.sparkContext().hadoopConfiguration());
      fileSystem.delete(path, true);
      Path parent = path.getParent();
      if (!fileSystem.exists(parent)) {
        return;
      }
      long staleBefore = System.currentTimeMillis() - RunLock.STALE.toMillis();
      for (org.apache.hadoop.fs.FileStatus left : fileSystem.listStatus(parent)) {
        if (left.getModificationTime() < staleBefore) {
          fileSystem.delete(left.getPath(), true);
        }
      }
      if (fileSystem.listStatus(parent).length == 0) {
        fileSystem.delete(parent, false);
      }
    } catch (IOException e) {
      notices.accept(
          "could not remove the staging folder "
              + path
              + " ("
              + e.getMessage()
              + "); it holds only this run's intermediate files and can be deleted");
    }
  }

  final void write(Dataset<Row> rows, String table, SaveMode mode, boolean partitioned) {
    begin(table);
    // A newer version's extra columns (runs) are added to the table, not refused.
    var writer =
        rows.write()
            .format(format.sparkName())
            .mode(mode)
            .option("mergeSchema", "true")
            .options(creationOptions(table));
    if (partitioned) {
      writer = writer.partitionBy(EVENT_DATE);
    }
    writer.save(path(table));
  }

  /**
   * Whether both hold the same rows, each as many times: every distinct row counted +1 for each
   * copy in {@code current} and -1 for each in {@code rows} balances to zero. One aggregation and
   * one job, instead of an {@code exceptAll} each way (two jobs, each reading the table).
   */
  private static boolean sameRows(Dataset<Row> current, Dataset<Row> rows) {
    if (!Arrays.asList(current.columns()).containsAll(Arrays.asList(rows.columns()))) {
      // Written by an earlier version, without a column added since: rewritten to gain it.
      return false;
    }
    Column[] columns =
        Arrays.stream(rows.columns()).map(name -> col("`" + name + "`")).toArray(Column[]::new);
    return current
        .select(columns)
        .withColumn(COPY_BALANCE, lit(1))
        .unionByName(rows.withColumn(COPY_BALANCE, lit(-1)))
        .groupBy(columns)
        .agg(sum(COPY_BALANCE).as(COPY_BALANCE))
        .filter(col(COPY_BALANCE).notEqual(0))
        .isEmpty();
  }
}
