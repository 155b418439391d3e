package dev.traildenials.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The human report as one self-contained HTML page: styles, data and the Chart.js library are
 * inlined, so the page opens from a bucket, a mail attachment or an offline laptop.
 */
public final class HtmlReport {

  private static final JsonFactory JSON = new JsonFactory();

  private HtmlReport() {}

  public static String render(ReportPage page) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(page.title()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(page.title()))
        .append("</h1>\n<dl>\n");
    for (ReportPage.Fact fact : page.facts()) {
      html.append("<dt>")
          .append(escape(fact.label()))
          .append("</dt><dd>")
          .append(escape(fact.value()))
          .append("</dd>\n");
    }
    html.append("</dl>\n");
    page.attention().forEach(table -> table(html, table));
    html.append("<h2>Denials per hour</h2>\n");
    if (page.hourly().isEmpty()) {
      html.append("<p>No denials in the range.</p>\n");
    } else {
      html.append("<div class=\"chart\"><canvas id=\"denials-per-hour\"></canvas></div>\n")
          .append("<script>\n")
          .append(chartLibrary())
          .append("\n</script>\n<script>\n")
          .append("const hourly = ")
          .append(chartData(page.hourly()))
          .append(";\n")
          .append(CHART_SCRIPT)
          .append("</script>\n");
    }
    page.details().forEach(table -> table(html, table));
    return html.append("</body>\n</html>\n").toString();
  }

  private static void table(StringBuilder html, ReportTable table) {
    html.append("<h2>").append(escape(table.title())).append("</h2>\n");
    if (!table.note().isEmpty()) {
      html.append("<p>").append(escape(table.note())).append("</p>\n");
    }
    if (!table.query().isEmpty()) {
      html.append("<p class=\"query\">Every row: <code>")
          .append(escape(table.query()))
          .append("</code></p>\n");
    }
    if (table.rows().isEmpty()) {
      html.append("<p>None.</p>\n");
      return;
    }
    html.append("<table>\n<thead><tr>");
    for (String column : table.columns()) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      for (String cell : row) {
        html.append("<td>").append(breakable(escape(cell))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  /**
   * Escaped cell text that may wrap after the separators of ARNs, paths, error codes and times
   * ("/", ":", ".", "_"), so that long identifiers wrap where they read well and short words are
   * never split.
   */
  static String breakable(String escaped) {
    return escaped
        .replace("/", "/<wbr>")
        .replace(":", ":<wbr>")
        .replace(".", ".<wbr>")
        .replace("_", "_<wbr>");
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** The series as JSON, safe inside a script element (no "</script>" can appear in it). */
  static String chartData(List<HourlyCount> hourly) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeArrayFieldStart("hours");
      for (HourlyCount hour : hourly) {
        json.writeString(hour.hour().toString());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("denials");
      for (HourlyCount hour : hourly) {
        json.writeNumber(hour.denials());
      }
      json.writeEndArray();
      json.writeArrayFieldStart("serviceLinkedRoleDenials");
      for (HourlyCount hour : hourly) {
        json.writeNumber(hour.serviceLinkedRoleDenials());
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw Failure.internal("Cannot write the chart's data: " + e.getMessage(), e);
    }
    return text.toString().replace("<", "\\u003c");
  }

  /** Chart.js's UMD bundle from its webjar, the version the build names. */
  static String chartLibrary() {
    ClassLoader loader = HtmlReport.class.getClassLoader();
    Properties chart = new Properties();
    try (InputStream in = loader.getResourceAsStream("dev/traildenials/render/chart.properties")) {
      if (in == null) {
        throw Failure.internal("chart.properties is missing; rebuild the project");
      }
      chart.load(in);
      String script = chart.getProperty("chartjs.script");
      try (InputStream library = loader.getResourceAsStream(script)) {
        if (library == null) {
          throw Failure.internal(
              script + " is not on the classpath: the Chart.js webjar is missing");
        }
        return new String(library.readAllBytes(), StandardCharsets.UTF_8)
            .replace("</script", "<\\/script");
      }
    } catch (IOException e) {
      throw Failure.internal("Cannot read Chart.js from the classpath: " + e.getMessage(), e);
    }
  }

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; }
      h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
      dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
      dt { font-weight: 600; } dd { margin: 0; }
      table { border-collapse: collapse; font-size: .85rem; }
      th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left;
               vertical-align: top; }
      th { background: #f6f8fa; } td { max-width: 40rem; overflow-wrap: break-word; }
      .query code { background: #f6f8fa; padding: .1rem .3rem; font-size: .8rem;
        overflow-wrap: anywhere; }
      .chart { position: relative; height: 320px; max-width: 70rem; }
      """;

  private static final String CHART_SCRIPT =
      """
      new Chart(document.getElementById('denials-per-hour'), {
        type: 'bar',
        data: {
          labels: hourly.hours.map(h => h.replace('T', ' ').replace(':00:00Z', ':00')),
          datasets: [
            { label: 'All denials', data: hourly.denials, backgroundColor: '#0969da' },
            { label: 'Service-linked roles', data: hourly.serviceLinkedRoleDenials,
              backgroundColor: '#cf222e' }
          ]
        },
        options: {
          // Drawn at once: a screenshot or a printout shows the bars' real heights.
          animation: false,
          maintainAspectRatio: false,
          scales: { x: { title: { display: true, text: 'Hour (UTC)' } },
                    y: { beginAtZero: true, title: { display: true, text: 'Denials' } } }
        }
      });
      """;
}
