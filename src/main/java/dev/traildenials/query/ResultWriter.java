package dev.traildenials.query;

import dev.traildenials.parse.EventTimes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Writes a query result for people and for other tools. */
public final class ResultWriter {

  private ResultWriter() {}

  /**
   * Writes RFC 4180 CSV with a header row: null as an empty field, timestamps as ISO 8601 UTC
   * ({@code 2023-07-10T12:32:49Z}), nested values as JSON. Rows stream from the executors one
   * partition at a time, in the result's order.
   *
   * @return the number of rows written
   */
  public static long writeCsv(Dataset<Row> result, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      return writeCsv(result, writer);
    }
  }

  /**
   * Writes the CSV to a location: a local path, or a URI of any Hadoop file system ({@code
   * s3a://bucket/results/denied.csv}).
   */
  public static long writeCsv(Dataset<Row> result, String location) throws IOException {
    if (location.startsWith("file:")) {
      return writeCsv(result, Path.of(URI.create(location)));
    }
    if (!location.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
      return writeCsv(result, Path.of(location));
    }
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    FileSystem fileSystem =
        path.getFileSystem(result.sparkSession().sparkContext().hadoopConfiguration());
    try (Writer writer =
        new BufferedWriter(
            new OutputStreamWriter(fileSystem.create(path, true), StandardCharsets.UTF_8))) {
      return writeCsv(result, writer);
    }
  }

  private static long writeCsv(Dataset<Row> result, Writer writer) throws IOException {
    Dataset<Row> flat = nestedAsJson(result);
    String[] header = flat.columns();
    long rows = 0;
    try (CSVPrinter printer =
        new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).build())) {
      Iterator<Row> iterator = flat.toLocalIterator();
      List<Object> values = new ArrayList<>(header.length);
      while (iterator.hasNext()) {
        Row row = iterator.next();
        values.clear();
        for (int i = 0; i < header.length; i++) {
          values.add(csvValue(row.get(i)));
        }
        printer.printRecord(values);
        rows++;
      }
    }
    return rows;
  }

  /** Prints up to {@code maxRows} rows as a table, long values in full. */
  public static void printTable(Dataset<Row> result, int maxRows) {
    result.show(maxRows, 0);
  }

  private static Object csvValue(Object value) {
    if (value instanceof Instant instant) {
      String whole = instant.getNano() == 0 ? EventTimes.format(instant.getEpochSecond()) : null;
      return whole != null ? whole : instant.toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    return value;
  }

  private static Dataset<Row> nestedAsJson(Dataset<Row> result) {
    StructType schema = result.schema();
    List<Column> columns = new ArrayList<>();
    boolean nested = false;
    for (StructField field : schema.fields()) {
      Column column = result.col("`" + field.name().replace("`", "``") + "`");
      if (field.dataType() instanceof StructType
          || field.dataType() instanceof ArrayType
          || field.dataType() instanceof MapType) {
        column = functions.to_json(column).as(field.name());
        nested = true;
      }
      columns.add(column);
    }
    return nested ? result.select(columns.toArray(Column[]::new)) : result;
  }
}
