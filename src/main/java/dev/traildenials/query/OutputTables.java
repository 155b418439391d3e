package dev.traildenials.query;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the tables under a report's {@code --out} location by their folder names, so the same
 * SQL runner answers questions over the outputs: a folder with a {@code _delta_log} is read as
 * Delta, one with Parquet files as Parquet; anything else is passed over.
 */
public final class OutputTables {

  private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private OutputTables() {}

  /** Returns the names registered, in alphabetical order. */
  public static List<String> register(SparkSession session, String location) {
    Path root = new Path(location);
    List<String> registered = new ArrayList<>();
    try {
      FileSystem fileSystem = root.getFileSystem(session.sparkContext().hadoopConfiguration());
      FileStatus[] children;
      try {
        children = fileSystem.listStatus(root);
      } catch (FileNotFoundException e) {
        throw new IllegalArgumentException(
            "--tables " + location + " does not exist; point it at a report's --out location", e);
      }
      Arrays.sort(children);
      for (FileStatus child : children) {
        String name = child.getPath().getName();
        if (!child.isDirectory() || !TABLE_NAME.matcher(name).matches()) {
          continue;
        }
        String format = formatOf(fileSystem, child.getPath());
        if (format != null) {
          session
              .read()
              .format(format)
              .option("mergeSchema", "true")
              .load(child.getPath().toString())
              .createOrReplaceTempView(name);
          registered.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + location, e);
    }
    return registered;
  }

  private static String formatOf(FileSystem fileSystem, Path folder) throws IOException {
    if (fileSystem.exists(new Path(folder, "_delta_log"))) {
      return "delta";
    }
    return fileSystem.exists(new Path(folder, "_SUCCESS")) ? "parquet" : null;
  }
}
