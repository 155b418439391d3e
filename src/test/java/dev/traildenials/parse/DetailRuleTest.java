package dev.traildenials.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.schema.CloudTrailSchema;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the report's rule every record is handed out; a notable one (an error code, or a call to
 * IAM) exactly as without a rule, any other with its summary columns as without a rule and every
 * other column null — in a file held in memory and in a streamed one alike (a streamed file may
 * decode more, never less or otherwise).
 */
class DetailRuleTest {

  private static final FieldSelection COLUMNS = new FieldSelection(CloudTrailSchema.columns());

  @TempDir Path temporary;

  private static LogFileReader reader(DetailRule rule, long holdLimitBytes) {
    return new LogFileReader(
        new CloudTrailLogParser(COLUMNS, new JavaValues(), EventTimeWindow.ALL, List.of(), rule),
        holdLimitBytes);
  }

  private static boolean notable(List<Object> row) {
    return row.get(COLUMNS.ordinalOfName("errorcode")) != null
        || "iam.amazonaws.com".equals(row.get(COLUMNS.ordinalOfName("eventsource")));
  }

  /** The row as the rule's reader must give it: summary columns only, unless notable. */
  private static List<Object> expected(List<Object> whole) {
    if (notable(whole)) {
      return whole;
    }
    List<Object> summary = new ArrayList<>(whole);
    for (int ordinal = 0; ordinal < COLUMNS.size(); ordinal++) {
      String name = CloudTrailSchema.columns().get(ordinal).name();
      if (!DetailRule.ERRORS_AND_IAM.summaryColumns().contains(name)) {
        summary.set(ordinal, null);
      }
    }
    return summary;
  }

  private static List<Path> logFiles(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> path.toString().endsWith(".json.gz"))
          .filter(path -> path.getFileName().toString().contains("_CloudTrail_"))
          .sorted()
          .toList();
    }
  }

  private static int[] check(List<Path> files) throws Exception {
    LogFileReader whole = reader(null, LogFileReader.DEFAULT_HOLD_LIMIT_BYTES);
    LogFileReader inMemory =
        reader(DetailRule.ERRORS_AND_IAM, LogFileReader.DEFAULT_HOLD_LIMIT_BYTES);
    LogFileReader streamed = reader(DetailRule.ERRORS_AND_IAM, 0);
    int records = 0;
    int notable = 0;
    for (Path file : files) {
      byte[] compressed = Files.readAllBytes(file);
      List<List<Object>> every = RequiredColumnsTest.read(whole, compressed);
      assertThat(RequiredColumnsTest.read(inMemory, compressed))
          .as(file.toString())
          .isEqualTo(every.stream().map(DetailRuleTest::expected).toList());
      List<List<Object>> fromStream = RequiredColumnsTest.read(streamed, compressed);
      assertThat(fromStream).hasSameSizeAs(every);
      for (int i = 0; i < every.size(); i++) {
        if (notable(every.get(i))) {
          assertThat(fromStream.get(i)).isEqualTo(every.get(i));
        }
      }
      records += every.size();
      notable += (int) every.stream().filter(DetailRuleTest::notable).count();
    }
    return new int[] {records, notable};
  }

  @Test
  void theSampleArchiveIsReadWholeWhereNotableAndSummedUpElsewhere() throws Exception {
    Path archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    int[] counts = check(logFiles(archive));
    // Both kinds occur, so decoding late and leaving out are both exercised.
    assertThat(counts[1]).isPositive().isLessThan(counts[0]);
  }

  @Test
  void theRealLogsToo() throws Exception {
    int[] counts = check(logFiles(TestArchives.sigmaDataset()));
    assertThat(counts[1]).isPositive().isLessThan(counts[0]);
  }

  @Test
  void aRuleIsNamedOrThereIsNone() {
    assertThat(DetailRule.named(DetailRule.ERRORS_AND_IAM_NAME))
        .isSameAs(DetailRule.ERRORS_AND_IAM);
    assertThat(DetailRule.named(null)).isNull();
    assertThat(DetailRule.named("")).isNull();
  }
}
