package dev.traildenials.query;

import dev.traildenials.failure.Failure;
import dev.traildenials.sql.SqlQuery;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import scala.Option;

/**
 * The tables under a report's {@code --out} location, found by their folder names: a folder with a
 * {@code _delta_log} is a Delta table, one with a {@code _SUCCESS} marker a Parquet table; anything
 * else is passed over. They can be registered for one session (temporary views) or in the session
 * catalog (the Hive metastore, or AWS Glue on EMR) for notebooks and Athena to use by name.
 */
public final class OutputTables {

  private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A table found under the location. */
  public record OutputTable(String name, String format, String location) {}

  private OutputTables() {}

  /** Registers each table as a temporary view; returns the names, in alphabetical order. */
  public static List<String> register(SparkSession session, String location) {
    List<String> registered = new ArrayList<>();
    for (OutputTable table : find(session, location)) {
      session
          .read()
          .format(table.format())
          // Parquet: a table whose later files gained columns (runs) is read with all of them.
          .option("mergeSchema", "true")
          .load(table.location())
          .createOrReplaceTempView(table.name());
      registered.add(table.name());
    }
    return registered;
  }

  /**
   * Registers each table in the session catalog as {@code <database>.<table>}, an external table
   * over its location, creating the database if needed. A table already registered for the same
   * location is kept (Parquet tables get their new partitions); one registered for another location
   * is an error, never silently repointed.
   *
   * @return the qualified names, in alphabetical order
   */
  public static List<String> registerInCatalog(
      SparkSession session, String database, String location) {
    requireDatabaseName(database);
    SqlQuery create = SqlQuery.resource("catalog/create_database.sql");
    session.sql(create.text(), create.bindValues(Map.of("database", database))).collect();
    List<String> registered = new ArrayList<>();
    for (OutputTable table : find(session, location)) {
      String qualified = database + "." + table.name();
      if (session.catalog().tableExists(database, table.name())) {
        requireSameLocation(session, database, table.name(), table.location());
      } else {
        session.catalog().createTable(qualified, table.location(), table.format());
      }
      if (table.format().equals("parquet")
          && !metadata(session, database, table.name()).partitionColumnNames().isEmpty()) {
        // A Parquet table's partitions are in the metastore: add the days written since.
        session.catalog().recoverPartitions(qualified);
      }
      registered.add(qualified);
    }
    return registered;
  }

  /**
   * Fails, before any work is done, when one of these tables is registered in the database for
   * another location than the one under {@code location}.
   */
  public static void requireRegistrable(
      SparkSession session, String database, String location, List<String> tableNames) {
    requireDatabaseName(database);
    if (!session.catalog().databaseExists(database)) {
      return;
    }
    for (String name : tableNames) {
      if (session.catalog().tableExists(database, name)) {
        requireSameLocation(session, database, name, new Path(location, name).toString());
      }
    }
  }

  /** Fails unless the database exists; then makes it the session's current database. */
  public static void useDatabase(SparkSession session, String database) {
    requireDatabaseName(database);
    if (!session.catalog().databaseExists(database)) {
      throw Failure.userInput(
          "{catalogDatabase} "
              + database
              + " does not exist in the session catalog; run a report with {catalogDatabase} "
              + database
              + " first",
          "catalogDatabase");
    }
    session.catalog().setCurrentDatabase(database);
  }

  /** The tables under a location, in alphabetical order. */
  public static List<OutputTable> find(SparkSession session, String location) {
    Path root = new Path(location);
    List<OutputTable> tables = new ArrayList<>();
    try {
      FileSystem fileSystem = root.getFileSystem(session.sparkContext().hadoopConfiguration());
      FileStatus[] children;
      try {
        children = fileSystem.listStatus(root);
      } catch (FileNotFoundException e) {
        throw Failure.userInput(
            e, location + " does not exist; point at a report's {out} location", "out");
      }
      Arrays.sort(children);
      for (FileStatus child : children) {
        String name = child.getPath().getName();
        if (!child.isDirectory() || !TABLE_NAME.matcher(name).matches()) {
          continue;
        }
        String format = formatOf(fileSystem, child.getPath());
        if (format != null) {
          tables.add(new OutputTable(name, format, child.getPath().toString()));
        }
      }
    } catch (IOException e) {
      throw Failure.storage("Cannot list " + location + ": " + e.getMessage(), e);
    }
    return tables;
  }

  private static void requireDatabaseName(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw Failure.userInput(
          "{catalogDatabase} "
              + database
              + ": use letters, digits and underscores (Glue and Hive database names)",
          "catalogDatabase");
    }
  }

  private static void requireSameLocation(
      SparkSession session, String database, String table, String location) {
    CatalogTable existing = metadata(session, database, table);
    if (existing.storage().locationUri().isEmpty()) {
      return;
    }
    Path registered = new Path(existing.storage().locationUri().get());
    Path wanted = new Path(location);
    if (!sameLocation(registered, wanted)) {
      throw Failure.userInput(
          database
              + "."
              + table
              + " is already registered for "
              + registered
              + ", not "
              + wanted
              + "; use another {catalogDatabase} or drop that table",
          "catalogDatabase");
    }
  }

  private static boolean sameLocation(Path a, Path b) {
    String left = a.toUri().normalize().toString().replaceFirst("/$", "");
    String right = b.toUri().normalize().toString().replaceFirst("/$", "");
    return left.replaceFirst("^file:///", "file:/")
        .equals(right.replaceFirst("^file:///", "file:/"));
  }

  private static CatalogTable metadata(SparkSession session, String database, String table) {
    try {
      return session
          .sessionState()
          .catalog()
          .getTableMetadata(new TableIdentifier(table, Option.apply(database)));
    } catch (AnalysisException e) {
      throw Failure.internal("Cannot read the catalog entry of " + database + "." + table, e);
    }
  }

  private static String formatOf(FileSystem fileSystem, Path folder) throws IOException {
    if (fileSystem.exists(new Path(folder, "_delta_log"))) {
      return "delta";
    }
    return fileSystem.exists(new Path(folder, "_SUCCESS")) ? "parquet" : null;
  }
}
