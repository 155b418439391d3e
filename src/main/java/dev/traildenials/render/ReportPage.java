package dev.traildenials.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The content of one run's human report.
 *
 * @param title the page title
 * @param facts label and value pairs about the run (range, files, records, denials)
 * @param attention what needs attention, first on the page (new denials, alarms, blocked services)
 * @param hourly denials per hour, oldest first, for the chart that follows them
 * @param details the tables after the chart, in order, the raw list last
 */
public record ReportPage(
    String title,
    List<Fact> facts,
    List<ReportTable> attention,
    List<HourlyCount> hourly,
    List<ReportTable> details) {

  public ReportPage {
    facts = List.copyOf(facts);
    attention = List.copyOf(attention);
    hourly = List.copyOf(hourly);
    details = List.copyOf(details);
  }

  /** Every table, in the page's order. */
  public List<ReportTable> tables() {
    List<ReportTable> tables = new ArrayList<>(attention);
    tables.addAll(details);
    return List.copyOf(tables);
  }

  /** One line of the run's facts. */
  public record Fact(String label, String value) {}
}
