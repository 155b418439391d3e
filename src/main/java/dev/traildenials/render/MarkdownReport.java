package dev.traildenials.render;

import java.util.List;

/** The human report as Markdown (GitHub's table syntax), for terminals, tickets and diffs. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(ReportPage page) {
    StringBuilder markdown = new StringBuilder();
    markdown.append("# ").append(inline(page.title())).append("\n\n");
    for (ReportPage.Fact fact : page.facts()) {
      markdown
          .append("- **")
          .append(inline(fact.label()))
          .append("**: ")
          .append(inline(fact.value()))
          .append('\n');
    }
    page.attention().forEach(table -> table(markdown, table));
    markdown.append("\n## Denials per hour\n\n");
    if (page.hourly().isEmpty()) {
      markdown.append("No denials in the range.\n");
    } else {
      long peak = page.hourly().stream().mapToLong(HourlyCount::denials).max().orElse(1);
      markdown.append("| Hour (UTC) | Denials | Service-linked roles | |\n|---|---:|---:|---|\n");
      for (HourlyCount hour : page.hourly()) {
        int width = (int) Math.ceil(30.0 * hour.denials() / Math.max(1, peak));
        markdown
            .append("| ")
            .append(hour.hour())
            .append(" | ")
            .append(hour.denials())
            .append(" | ")
            .append(hour.serviceLinkedRoleDenials())
            .append(" | ")
            .append("█".repeat(width))
            .append(" |\n");
      }
    }
    page.details().forEach(table -> table(markdown, table));
    return markdown.toString();
  }

  private static void table(StringBuilder markdown, ReportTable table) {
    markdown.append("\n## ").append(inline(table.title())).append("\n\n");
    if (!table.note().isEmpty()) {
      markdown.append(inline(table.note())).append("\n\n");
    }
    if (!table.query().isEmpty()) {
      markdown.append("Every row: `").append(inline(table.query())).append("`\n\n");
    }
    if (table.rows().isEmpty()) {
      markdown.append("None.\n");
      return;
    }
    row(markdown, table.columns());
    markdown.append('|').append("---|".repeat(table.columns().size())).append('\n');
    for (List<String> row : table.rows()) {
      row(markdown, row);
    }
  }

  private static void row(StringBuilder markdown, List<String> cells) {
    markdown.append('|');
    for (String cell : cells) {
      markdown.append(' ').append(cell(cell)).append(" |");
    }
    markdown.append('\n');
  }

  /** A table cell: pipes escaped, line breaks flattened, so no value can break the table. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    return inline(value).replace("|", "\\|");
  }

  private static String inline(String value) {
    return value.replace("\r", " ").replace("\n", " ");
  }
}
