package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.cli.TrailDenials;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files are reported with their reasons and cost no good record. */
class MessySampleArchiveTest {

  private static final SampleSettings SMALL =
      new SampleSettings(
          LocalDate.of(2024, 3, 1),
          2,
          List.of("111111111111", "222222222222"),
          "o-exampleorg01",
          List.of("444444444444"),
          List.of("us-east-1", "eu-west-1"),
          1,
          12,
          7L,
          false);

  @TempDir static Path temporary;
  static Path clean;
  static Path messy;

  @BeforeAll
  static void writeArchives() throws Exception {
    clean = temporary.resolve("clean");
    messy = temporary.resolve("messy");
    new SampleArchive(SMALL).write(clean);
    new SampleArchive(SMALL.withMessy(true)).write(messy);
  }

  private static String seedQuery() throws Exception {
    return Files.readString(
        dev.traildenials.testing.TestArchives.projectDirectory().resolve("sql/denied_calls.sql"));
  }

  private record Answer(List<Row> rows, ArchiveRead report) {}

  private static Answer answer(Path archive, String sql, Map<String, Object> parameters) {
    SparkSession spark = SharedSpark.session();
    ArchiveRequest request = ArchiveRequest.everything("file:" + archive);
    ArchiveRead read =
        ArchiveRead.listedByScans(spark, new CloudTrailReadOptions(request, false, 4, false));
    ArchiveTables.register(spark, read);
    List<Row> rows = spark.sql(sql, parameters).collectAsList();
    return new Answer(rows, read);
  }

  @Test
  void theMessyArchiveGivesTheCleanArchivesAnswers() throws Exception {
    Map<String, Object> range =
        Map.of("from", "2024-02-29T00:00:00Z", "to", "2024-03-04T00:00:00Z");
    Answer fromClean = answer(clean, seedQuery(), range);
    Answer fromMessy = answer(messy, seedQuery(), range);
    assertThat(fromClean.rows()).isNotEmpty();
    assertThat(fromMessy.rows()).isEqualTo(fromClean.rows());

    String columns =
        java.util.Arrays.stream(dev.traildenials.source.SparkSchema.table().fieldNames())
            .filter(name -> !name.equals("source_file"))
            .collect(Collectors.joining(", "));
    String everything =
        "SELECT " + columns + " FROM cloudtrail ORDER BY eventid, eventtime, requestid";
    List<Row> allClean = answer(clean, everything, Map.of()).rows();
    List<Row> allMessy = answer(messy, everything, Map.of()).rows();
    assertThat(allMessy).hasSameSizeAs(allClean).isEqualTo(allClean);
  }

  @Test
  void everyBadFileIsListedWithItsReason() {
    Answer fromMessy = answer(messy, "SELECT count(*) FROM cloudtrail", Map.of());
    Map<String, String> reasons =
        fromMessy.report().rejectedFiles().stream()
            .collect(
                Collectors.toMap(
                    file -> file.path().substring(file.path().lastIndexOf('_') + 1),
                    SkippedPath::reason));
    assertThat(reasons).hasSize(8);
    assertThat(reasons.get("CorruptGzip00001.json.gz")).contains("corrupt gzip data");
    assertThat(reasons.get("TruncatedGzip001.json.gz")).contains("truncated");
    assertThat(reasons.get("S3ErrorDocument1.json.gz")).contains("starts like XML");
    assertThat(reasons.get("JsonLines0000001.json.gz")).contains("JSON lines");
    assertThat(reasons.get("ZeroBytes0000001.json.gz")).contains("empty file (0 bytes)");
    assertThat(reasons.get("NotCompressed001.json.gz")).contains("not gzip-compressed");
    assertThat(reasons.get("InvalidUtf8Text1.json.gz")).contains("invalid UTF-8");
    assertThat(reasons.get("RecordsNotArray1.json.gz")).contains("not an array");

    List<SkippedPath> skipped = fromMessy.report().plan().orElseThrow().skipped();
    assertThat(skipped)
        .extracting(SkippedPath::path)
        .anyMatch(path -> path.endsWith("/README.txt"));
    assertThat(skipped)
        .extracting(SkippedPath::reason)
        .anyMatch(reason -> reason.contains("digest file"));
  }

  @Test
  void aStrictRunStopsAtTheFirstBadFileAndSaysWhy() {
    Cli.Result result =
        Cli.run(
            "query",
            "--archive",
            messy.toString(),
            "--strict",
            "-e",
            "SELECT count(*) FROM cloudtrail");
    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_BAD_DATA);
    assertThat(result.err()).contains("Rejected log file").contains("--strict");
  }

  @Test
  void withoutStrictTheCommandListsTheRejectedFiles() {
    Cli.Result result =
        Cli.run(
            "query", "--archive", messy.toString(), "-e", "SELECT count(*) AS n FROM cloudtrail");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("8 rejected")
        .contains("rejected file:")
        .contains("TruncatedGzip001.json.gz: truncated");
  }
}
