package dev.traildenials.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.Chromium;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A report's latest page as Chromium shows it, checked against the tables it was made from: what
 * needs attention comes first, and the values shown are those of new_denials and slr_alarms.
 */
final class RenderedPage {

  private static final Pattern SECTION = Pattern.compile("(?s)<h2>(.*?)</h2>(.*?)(?=<h2>|$)");
  private static final Pattern FACT = Pattern.compile("(?s)<dt>(.*?)</dt><dd>(.*?)</dd>");
  private static final Pattern ROW = Pattern.compile("(?s)<tr>(.*?)</tr>");
  private static final Pattern QUERY =
      Pattern.compile("(?s)<p class=\"query\">Every row: <code>(.*?)</code>");
  private static final Pattern CELL = Pattern.compile("(?s)<t[dh]>(.*?)</t[dh]>");

  /** One section of the page: its header row, body rows and the command that shows every row. */
  record Section(List<String> columns, List<List<String>> rows, String query) {
    /** Each row's cells in these columns, joined by " | ". */
    List<String> joined(String... names) {
      if (rows.isEmpty()) {
        // An empty section is a line ("None."), with no table to name columns.
        return List.of();
      }
      List<Integer> indexes = new ArrayList<>();
      for (String name : names) {
        int index = columns.indexOf(name);
        assertThat(index).as("column %s of %s", name, columns).isNotNegative();
        indexes.add(index);
      }
      return rows.stream()
          .map(row -> String.join(" | ", indexes.stream().map(row::get).toList()))
          .toList();
    }
  }

  private RenderedPage() {}

  /**
   * Renders {@code <out>/reports/latest.html}, checks it, and leaves a picture of its top in {@code
   * target/screenshots/<name>.png}.
   */
  static void check(Path out, String format, Path work, String name) throws Exception {
    Chromium chromium = Chromium.installed(work);
    Path page = out.resolve("reports/latest.html");
    Chromium.Rendered rendered = chromium.render(page);
    chromium.screenshot(
        page,
        TestArchives.projectDirectory().resolve("target/screenshots/" + name + ".png"),
        1280,
        1400);

    assertThat(rendered.console())
        .as("the page's scripts ran without an error")
        .noneMatch(line -> line.contains("Uncaught") || line.contains("Error"));
    String dom = rendered.dom();
    Map<String, String> facts = new LinkedHashMap<>();
    Matcher fact = FACT.matcher(dom);
    while (fact.find()) {
      facts.put(text(fact.group(1)), text(fact.group(2)));
    }
    Map<String, Section> sections = sections(dom);
    List<String> titles = new ArrayList<>(sections.keySet());
    assertThat(titles.subList(0, 4))
        .as("what needs attention first, then the chart")
        .containsExactly("New denials", "Alarms", "Services that were blocked", "Denials per hour");
    assertThat(titles).endsWith("Denied calls", "Rejected log files");

    // The chart was drawn: Chart.js sized its canvas.
    Matcher canvas = Pattern.compile("<canvas[^>]*id=\"denials-per-hour\"[^>]*>").matcher(dom);
    if (canvas.find()) {
      assertThat(canvas.group()).contains("width=\"").contains("height=\"");
    } else {
      assertThat(dom).contains("No denials in the range.");
    }

    String runId = facts.get("Run");
    Dataset<Row> newDenials =
        table(out, format, ReportTables.NEW_DENIALS)
            .filter(col("first_seen_run_id").equalTo(runId))
            .orderBy(
                col("is_service_linked_role").desc(),
                col("denials").desc(),
                col("principal_arn"),
                col("denied_action"),
                col("denied_resource"));
    List<String> expected =
        joined(newDenials, "principal_arn", "denied_action", "denied_resource", "denials");
    Section shown = sections.get("New denials");
    List<String> shownRows = shown.joined("Principal", "Action", "Resource", "Denials");
    assertThat(expected).as("new denials of run %s", runId).isNotEmpty();
    assertThat(rowsOf(shown.query(), out, work)).isEqualTo(expected.size());
    assertThat(shownRows)
        .containsExactlyElementsOf(
            expected.subList(
                0,
                Math.min(
                    expected.size(),
                    ReportPages.attentionRows(ReportSettings.DEFAULT_REPORT_ROWS))));

    // Alarm periods of the run's range, per account and region, all new to a first run.
    Dataset<Row> alarms = table(out, format, ReportTables.SLR_ALARMS);
    String[] range = facts.get("Range (UTC)").split(" to ");
    if (!range[0].equals("the beginning")) {
      alarms =
          alarms.filter(col("period_end").gt(java.sql.Timestamp.from(Instant.parse(range[0]))));
    }
    if (!range[1].equals("the end")) {
      alarms =
          alarms.filter(col("period_start").lt(java.sql.Timestamp.from(Instant.parse(range[1]))));
    }
    List<String> expectedAlarms =
        joined(
            alarms
                .groupBy("account_id", "region")
                .agg(
                    count("*").as("periods"),
                    count_if(col("raised_by_run_id").equalTo(runId)).as("new")),
            "account_id",
            "region",
            "periods",
            "new");
    Section alarmSection = sections.get("Alarms");
    List<String> shownAlarms = alarmSection.joined("Account", "Region", "Periods in ALARM", "New");
    assertThat(shownAlarms).containsExactlyInAnyOrderElementsOf(expectedAlarms);
    assertThat(rowsOf(alarmSection.query(), out, work)).isEqualTo(alarms.count());
    if (expectedAlarms.isEmpty()) {
      assertThat(sections.get("Alarms").rows()).isEmpty();
      assertThat(dom).containsPattern("(?s)<h2>Alarms</h2>.*?<p>None\\.</p>");
    }
  }

  /**
   * Runs a section's command as a user pastes it ({@code jobs/trail-denials query --tables <out> -e
   * "<sql>"}), here in this JVM; returns its number of rows.
   */
  private static long rowsOf(String command, Path out, Path work) throws Exception {
    String prefix = "jobs/trail-denials query --tables " + out + " -e \"";
    assertThat(command).startsWith(prefix).endsWith("\"");
    String sql = command.substring(prefix.length(), command.length() - 1);
    Path csv = work.resolve("every-row-" + System.nanoTime() + ".csv");
    Cli.Result result =
        Cli.run("query", "--tables", out.toString(), "-e", sql, "--csv", csv.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return java.nio.file.Files.readAllLines(csv).size() - 1L;
  }

  /** The page's sections by heading, in order. */
  static Map<String, Section> sections(String dom) {
    Map<String, Section> sections = new LinkedHashMap<>();
    Matcher section = SECTION.matcher(dom);
    while (section.find()) {
      String body = section.group(2);
      List<String> columns = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      Matcher row = ROW.matcher(body);
      while (row.find()) {
        List<String> cells = new ArrayList<>();
        Matcher cell = CELL.matcher(row.group(1));
        while (cell.find()) {
          cells.add(text(cell.group(1)));
        }
        if (row.group(1).contains("<th>")) {
          columns = cells;
        } else {
          rows.add(cells);
        }
      }
      Matcher query = QUERY.matcher(body);
      sections.put(
          text(section.group(1)),
          new Section(columns, rows, query.find() ? text(query.group(1)) : ""));
    }
    return sections;
  }

  private static Dataset<Row> table(Path out, String format, String name) {
    return SharedSpark.session().read().format(format).load(out.resolve(name).toString());
  }

  /**
   * Each row's values in these columns as the page prints them (null as empty), joined by " | ".
   */
  private static List<String> joined(Dataset<Row> rows, String... columns) {
    List<String> lines = new ArrayList<>();
    for (Row row : rows.selectExpr(columns).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        cells.add(row.isNullAt(i) ? "" : row.get(i).toString());
      }
      lines.add(String.join(" | ", cells));
    }
    return lines;
  }

  /** The text of an element's content as the browser serialized it. */
  private static String text(String html) {
    return html.replaceAll("<[^>]+>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .strip();
  }
}
