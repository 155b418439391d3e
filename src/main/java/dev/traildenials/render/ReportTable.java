package dev.traildenials.render;

import dev.traildenials.failure.Failure;
import java.util.List;

/**
 * One table of the human report, already as text.
 *
 * @param title the section heading
 * @param note a sentence under the heading (what a row is, what was left out), or empty
 * @param query the command that shows every row the section stands for, or empty
 * @param columns the header row
 * @param rows the rows, each as long as {@code columns}; null cells print empty
 */
public record ReportTable(
    String title, String note, String query, List<String> columns, List<List<String>> rows) {

  public ReportTable(String title, String note, List<String> columns, List<List<String>> rows) {
    this(title, note, "", columns, rows);
  }

  /** The same section, with the command that shows all it stands for. */
  public ReportTable withQuery(String command) {
    return new ReportTable(title, note, command, columns, rows);
  }

  public ReportTable {
    columns = List.copyOf(columns);
    rows =
        rows.stream()
            .map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row)))
            .toList();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw Failure.internal(
            title + ": a row has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }
}
