package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query whose scans are narrowed differently (a union of two time ranges) lists each range, and
 * its read summary speaks of both: the files of both listings, both narrowings, one pass.
 */
class NarrowedScansSummaryTest {

  private static final Pattern FILES_READ = Pattern.compile("read (\\d+) log files");
  private static final String FIRST =
      "eventtime >= '2024-03-01T00:00:00Z' AND eventtime < '2024-03-01T02:00:00Z'";
  private static final String LAST =
      "eventtime >= '2024-03-05T10:00:00Z' AND eventtime < '2024-03-05T12:00:00Z'";

  @TempDir static Path temporary;
  static Path archive;

  @BeforeAll
  static void writeFiveDays() throws Exception {
    archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(5)).write(archive);
  }

  @Test
  void aUnionOfTwoRangesReadsBothListingsOnce() throws Exception {
    Cli.Result first = count("first", "SELECT eventid FROM cloudtrail WHERE " + FIRST);
    Cli.Result last = count("last", "SELECT eventid FROM cloudtrail WHERE " + LAST);
    Cli.Result both =
        count(
            "both",
            "SELECT eventid FROM cloudtrail WHERE "
                + FIRST
                + " UNION ALL SELECT eventid FROM cloudtrail WHERE "
                + LAST);

    long expected =
        TestArchives.recordsUnder(archive).stream()
            .map(r -> TestArchives.text(r, "eventTime"))
            .filter(
                t ->
                    (t.compareTo("2024-03-01T00:00:00Z") >= 0
                            && t.compareTo("2024-03-01T02:00:00Z") < 0)
                        || (t.compareTo("2024-03-05T10:00:00Z") >= 0
                            && t.compareTo("2024-03-05T12:00:00Z") < 0))
            .count();
    assertThat(expected).isPositive();
    assertThat(rows("both")).isEqualTo(expected).isEqualTo(rows("first") + rows("last"));

    assertThat(filesRead(both)).isEqualTo(filesRead(first) + filesRead(last));
    assertThat(both.err()).doesNotContain("read the archive");
    String narrowing =
        both.err().lines().filter(l -> l.contains("listed only")).findFirst().orElseThrow();
    assertThat(narrowing)
        .contains("2024-03-01T00:00:00Z")
        .contains("2024-03-05T10:00:00Z")
        .doesNotContain("another scan");
  }

  private static Cli.Result count(String name, String sql) {
    Cli.Result result = Cli.queryToCsv(archive, temporary.resolve(name + ".csv"), "-e", sql);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result;
  }

  private static long rows(String name) throws Exception {
    List<String> lines = Files.readAllLines(temporary.resolve(name + ".csv"));
    return lines.size() - 1;
  }

  private static long filesRead(Cli.Result result) {
    Matcher files = FILES_READ.matcher(result.err());
    assertThat(files.find()).as(result.err()).isTrue();
    return Long.parseLong(files.group(1));
  }
}
