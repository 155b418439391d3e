package dev.traildenials.report;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample report's page in a browser: what needs attention first, the values of the tables it
 * was made from, a chart drawn without a script error (target/screenshots/report-page-sample.png).
 */
@Tag("slow")
class ReportPageInChromiumTest {

  @TempDir Path temporary;

  @Test
  void theSamplePageShowsWhatNeedsAttentionFirst() throws Exception {
    RenderedPage.check(ReportFixtures.sharedReport(), "delta", temporary, "report-page-sample");
  }
}
