package dev.traildenials.render;

import java.util.List;

/**
 * The content of one run's human report.
 *
 * @param title the page title
 * @param facts label and value pairs about the run (range, files, records, denials)
 * @param hourly denials per hour, oldest first, for the chart
 * @param tables the report's tables, in order
 */
public record ReportPage(
    String title, List<Fact> facts, List<HourlyCount> hourly, List<ReportTable> tables) {

  public ReportPage {
    facts = List.copyOf(facts);
    hourly = List.copyOf(hourly);
    tables = List.copyOf(tables);
  }

  /** One line of the run's facts. */
  public record Fact(String label, String value) {}
}
