package dev.traildenials.query;

import dev.traildenials.parse.EventTimes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.FlatMapFunction;
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

  /** A timestamp as the printed table shows it, before " UTC"; fractions only when there are. */
  private static final DateTimeFormatter TABLE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter(Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final CSVFormat CSV = CSVFormat.RFC4180;

  /** How many bytes of formatted records one fetch brings to the driver. */
  private static final long FETCH_BYTES = 64L << 20;

  private ResultWriter() {}

  /**
   * Writes RFC 4180 CSV with a header row: null as an empty field, timestamps as ISO 8601 UTC
   * ({@code 2023-07-10T12:32:49Z}), nested values as JSON. The result is computed by one job on all
   * cores or executors and written in its order, the driver holding a bounded part of it.
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
    try (SortOnce sortOnce = SortOnce.of(nestedAsJson(result))) {
      return writeCsvOf(sortOnce.result(), writer);
    }
  }

  private static long writeCsvOf(Dataset<Row> flat, Writer writer) throws IOException {
    String[] header = flat.columns();
    StringBuilder headerRow = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(headerRow, CSV)) {
      printer.printRecord((Object[]) header);
    }
    writer.write(headerRow.toString());
    // The records are formatted on the executors, all partitions at once, and written here in
    // the result's order.
    try (ParallelResult<String> records =
        ParallelResult.inOrder(
            flat.toJavaRDD().mapPartitions(new CsvRecords(header.length)),
            record -> 2L * record.length() + 48,
            FETCH_BYTES)) {
      long rows = 0;
      while (records.hasNext()) {
        writer.write(records.next());
        rows++;
      }
      writer.flush();
      return rows;
    }
  }

  /** Each row as one CSV record, its line break included. */
  private static final class CsvRecords implements FlatMapFunction<Iterator<Row>, String> {
    private final int columns;

    CsvRecords(int columns) {
      this.columns = columns;
    }

    @Override
    public Iterator<String> call(Iterator<Row> rows) throws IOException {
      StringBuilder record = new StringBuilder();
      CSVPrinter printer = new CSVPrinter(record, CSV);
      List<Object> values = new ArrayList<>(columns);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public String next() {
          Row row = rows.next();
          values.clear();
          for (int i = 0; i < columns; i++) {
            values.add(csvValue(row.get(i)));
          }
          record.setLength(0);
          try {
            printer.printRecord(values);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return record.toString();
        }
      };
    }
  }

  /** Prints up to {@code maxRows} rows as a table to standard output. */
  public static void printTable(Dataset<Row> result, int maxRows) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    printTable(result, maxRows, out);
    out.flush();
  }

  /**
   * Prints up to {@code maxRows} rows as a table, long values in full: timestamps in UTC with their
   * zone ({@code 2024-03-01 06:40:00 UTC}), null as NULL, nested values as JSON, and "(no rows)"
   * under the header of an empty result.
   */
  public static void printTable(Dataset<Row> result, int maxRows, PrintWriter out) {
    try (SortOnce sortOnce = SortOnce.of(nestedAsJson(result))) {
      printTableOf(sortOnce.result(), maxRows, out);
    }
  }

  private static void printTableOf(Dataset<Row> flat, int maxRows, PrintWriter out) {
    String[] header = flat.columns();
    // The first rows of every partition, computed at once, then the first of those in order.
    List<Row> firstRows =
        maxRows > 0
            ? flat.toJavaRDD()
                .mapPartitions(new ParallelResult.FirstOfEachPartition<>(maxRows + 1))
                .collect()
            : List.of();
    List<Row> rows = firstRows.subList(0, Math.min(firstRows.size(), maxRows + 1));
    boolean more = rows.size() > maxRows;
    List<String[]> cells = new ArrayList<>();
    for (Row row : more ? rows.subList(0, maxRows) : rows) {
      String[] line = new String[header.length];
      for (int i = 0; i < header.length; i++) {
        line[i] = tableValue(row.get(i));
      }
      cells.add(line);
    }
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] line : cells) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width)).append('+');
    }
    out.println(rule);
    out.println(tableLine(header, widths));
    out.println(rule);
    for (String[] line : cells) {
      out.println(tableLine(line, widths));
    }
    if (cells.isEmpty()) {
      out.println(
          maxRows > 0 ? "(no rows)" : "(no rows printed: the row limit is " + maxRows + ")");
    } else {
      out.println(rule);
    }
    if (more) {
      out.println("only showing the first " + maxRows + " rows (the row limit)");
    }
  }

  private static String tableLine(String[] values, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      line.append(values[i]).append(" ".repeat(widths[i] - values[i].length())).append('|');
    }
    return line.toString();
  }

  private static String tableValue(Object value) {
    if (value == null) {
      return "NULL";
    }
    Instant instant =
        value instanceof Timestamp timestamp
            ? timestamp.toInstant()
            : value instanceof Instant given ? given : null;
    if (instant != null) {
      return TABLE_TIME.format(instant) + " UTC";
    }
    if (value instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder("[");
      for (int i = 0; i < bytes.length; i++) {
        hex.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
      }
      return hex.append(']').toString();
    }
    return value.toString().replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
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
