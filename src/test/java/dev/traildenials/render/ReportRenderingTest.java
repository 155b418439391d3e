package dev.traildenials.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {

  private static final String HOSTILE = "</script><img src=x onerror=alert(1)> a|b\nc";

  private static ReportPage page() {
    return new ReportPage(
        "Access denials",
        List.of(new ReportPage.Fact("Run", "r-1")),
        List.of(new ReportTable("New denials", "", List.of("Principal"), List.of(List.of("p")))),
        List.of(
            new HourlyCount(Instant.parse("2024-03-01T10:00:00Z"), 4, 1),
            new HourlyCount(Instant.parse("2024-03-01T11:00:00Z"), 2, 0)),
        List.of(
            new ReportTable(
                "Denied calls",
                "",
                List.of("Time", "Message"),
                List.of(Arrays.asList("2024-03-01T10:00:00Z", HOSTILE), Arrays.asList("t", null))),
            new ReportTable("Alarms", "None fired.", List.of("Period"), List.of())));
  }

  @Test
  void htmlIsSelfContainedAndEscapesEveryValue() {
    String html = HtmlReport.render(page());

    assertThat(html)
        .contains("Chart.js v4")
        .contains("&lt;/<wbr>script&gt;&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img")
        .doesNotContain("<script src")
        .contains("\"hours\":[\"2024-03-01T10:00:00Z\",\"2024-03-01T11:00:00Z\"]")
        .contains("\"denials\":[4,2]", "\"serviceLinkedRoleDenials\":[1,0]")
        .contains("<h2>Alarms</h2>\n<p>None fired.</p>\n<p>None.</p>");
    // The page's only closing script tags are its own two.
    assertThat(html.split("</script>", -1)).hasSize(3);
  }

  @Test
  void markdownKeepsEveryValueInsideItsCell() {
    String markdown = MarkdownReport.render(page());

    assertThat(markdown)
        .contains("| 2024-03-01T10:00:00Z | </script><img src=x onerror=alert(1)> a\\|b c |")
        .contains("| t |  |")
        .contains("| 2024-03-01T10:00:00Z | 4 | 1 | ██████████████████████████████ |")
        .contains("| 2024-03-01T11:00:00Z | 2 | 0 | ███████████████ |")
        .contains("## Alarms\n\nNone fired.\n\nNone.");
  }

  @Test
  void aRowMustFitItsColumns() {
    assertThatThrownBy(
            () -> new ReportTable("T", "", List.of("a", "b"), List.of(List.of("only one"))))
        .hasMessageContaining("T: a row has 1 cells for 2 columns");
  }
}
