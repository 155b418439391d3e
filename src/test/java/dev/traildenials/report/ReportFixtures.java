package dev.traildenials.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.sample.SampleArchive;
import dev.traildenials.store.ReportTables;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.SharedSpark;
import dev.traildenials.testing.TestArchives;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/** Runs report through the command line and reads its tables back; plus the independent counts. */
final class ReportFixtures {

  private ReportFixtures() {}

  /** The shared archive's first and end day. */
  static final String SHARED_FROM = "2024-03-01";

  static final String SHARED_TO = "2024-03-03";

  private static Path shared;
  private static Path sharedArchive;
  private static Path sharedReport;
  private static Map<String, List<String>> sharedSnapshot;

  /**
   * The archive of {@code smallFixture(2)}, written once for all the test classes of a JVM; a test
   * only reads it (its path is in every event's source_file, so compare runs of this one archive).
   */
  static synchronized Path sharedArchive() throws IOException {
    if (sharedArchive == null) {
      Path archive = sharedFolder().resolve("archive");
      new SampleArchive(TestArchives.smallFixture(2)).write(archive);
      sharedArchive = archive;
    }
    return sharedArchive;
  }

  /**
   * The Delta report over the shared archive from {@value #SHARED_FROM} to {@value #SHARED_TO},
   * made once for the JVM as the run other runs are compared with; a test only reads it.
   */
  static synchronized Path sharedReport() throws IOException {
    if (sharedReport == null) {
      Path out = sharedFolder().resolve("report");
      report(sharedArchive(), out, SHARED_FROM, SHARED_TO);
      sharedReport = out;
    }
    return sharedReport;
  }

  /** {@link #snapshot} of the shared report, read once. */
  static synchronized Map<String, List<String>> sharedReportSnapshot() throws IOException {
    if (sharedSnapshot == null) {
      sharedSnapshot = snapshot(sharedReport(), "delta");
    }
    return sharedSnapshot;
  }

  private static Path sharedFolder() throws IOException {
    if (shared == null) {
      Path folder = Files.createTempDirectory("trail-denials-shared-fixture-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
      shared = folder;
    }
    return shared;
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is the operating system's to clear.
    }
  }

  static Cli.Result report(Path archive, Path out, String from, String to, String... more) {
    Cli.Result result = run(archive, out, from, to, more);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result;
  }

  /** {@code report} over the range, however it ends (a null bound is left out). */
  static Cli.Result run(Path archive, Path out, String from, String to, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of("report", "--archive", archive.toString(), "--out", out.toString()));
    if (from != null) {
      arguments.addAll(List.of("--from", from));
    }
    if (to != null) {
      arguments.addAll(List.of("--to", to));
    }
    arguments.addAll(List.of(more));
    return Cli.run(arguments.toArray(String[]::new));
  }

  /**
   * The event ids of denial_events that the predicate of AWS's troubleshooting query selects, as
   * stored.
   */
  static List<String> seedPredicateIds(Path out) {
    return SharedSpark.session()
        .read()
        .format("delta")
        .load(out.resolve("denial_events").toString())
        .filter(
            "event_type = 'AwsApiCall' AND (lower(error_code) LIKE '%accessdenied%'"
                + " OR lower(error_code) LIKE '%unauthorized%')")
        .select("event_id")
        .as(Encoders.STRING())
        .collectAsList();
  }

  /** A table's rows as sorted text lines, to compare tables across runs. */
  static List<String> rows(Path out, String table, String format) {
    return rows(out.toString(), table, format);
  }

  /** A table under any location (local or s3a) as sorted text lines, some columns left out. */
  static List<String> rows(String out, String table, String format, String... without) {
    return sortedLines(
        SharedSpark.session().read().format(format).load(out + "/" + table).drop(without));
  }

  /** Rows as sorted text lines, columns in name order. */
  static List<String> sortedLines(Dataset<Row> rows) {
    List<String> lines = new ArrayList<>();
    // Parquet puts partition columns last: compare columns by name, not position.
    String[] columns = rows.columns();
    Arrays.sort(columns);
    for (Row row : rows.selectExpr(columns).collectAsList()) {
      lines.add(row.toString());
    }
    lines.sort(null);
    return lines;
  }

  static long version(Path out, String table) {
    return DeltaTable.forPath(SharedSpark.session(), out.resolve(table).toString())
        .history(1)
        .select("version")
        .first()
        .getLong(0);
  }

  /**
   * Every table but runs, which gains a row per run by design, and processed_files, which only
   * incremental runs keep. Of new_denials only the combinations, and of slr_alarms all but the run
   * that raised each period: when each was first seen depends on the order of the runs.
   */
  static Map<String, List<String>> snapshot(Path out, String format) {
    return snapshot(out.toString(), format);
  }

  static Map<String, List<String>> snapshot(String out, String format) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : ReportTables.ALL) {
      if (table.equals(ReportTables.NEW_DENIALS)) {
        tables.put(table, newDenialCombinations(out, format));
      } else if (table.equals(ReportTables.SLR_ALARMS)) {
        tables.put(table, rows(out, table, format, "raised_by_run_id"));
      } else if (!table.equals(ReportTables.RUNS) && !table.equals(ReportTables.PROCESSED_FILES)) {
        tables.put(table, rows(out, table, format));
      }
    }
    return tables;
  }

  /** The (principal, action, resource) combinations of new_denials, as sorted text lines. */
  static List<String> newDenialCombinations(String out, String format) {
    List<String> lines = new ArrayList<>();
    for (Row row :
        SharedSpark.session()
            .read()
            .format(format)
            .load(out + "/" + ReportTables.NEW_DENIALS)
            .select("principal_arn", "denied_action", "denied_resource")
            .collectAsList()) {
      lines.add(row.toString());
    }
    lines.sort(null);
    return lines;
  }

  /**
   * The jq selection of AWS's troubleshooting article over the raw files, read with Jackson:
   * eventType AwsApiCall, the error code contains accessdenied or unauthorized, event time in
   * [from, to). Event id → count.
   */
  static Map<String, Integer> seedDenials(Path archive, Instant from, Instant to) {
    Map<String, Integer> ids = new HashMap<>();
    for (JsonNode event : readableRecords(archive)) {
      String code = TestArchives.text(event, "errorCode");
      String time = TestArchives.text(event, "eventTime");
      if (code == null
          || time == null
          || !"AwsApiCall".equals(TestArchives.text(event, "eventType"))) {
        continue;
      }
      String lower = code.toLowerCase(Locale.ROOT);
      Instant at = Instant.parse(time);
      if ((lower.contains("accessdenied") || lower.contains("unauthorized"))
          && !at.isBefore(from)
          && at.isBefore(to)) {
        ids.merge(TestArchives.text(event, "eventID"), 1, Integer::sum);
      }
    }
    return ids;
  }

  /**
   * The records of every log file that Jackson can read whole; digest files, stray files and the
   * messy archive's broken files are passed over, as a person with jq would.
   */
  static List<JsonNode> readableRecords(Path archive) {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches(".*_CloudTrail_.*\\.json\\.gz"))
              .sorted()
              .toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          JsonNode array = mapper.readTree(in).get("Records");
          if (array != null && array.isArray()) {
            array.forEach(records::add);
          }
        } catch (IOException | RuntimeException unreadable) {
          // A broken file: the report lists it in rejected_files.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  private static final Pattern SERVICE_ROLE =
      Pattern.compile("arn:aws:iam::.*:role/aws-service-role/.*");

  /**
   * AWS's service-linked-role metric filter counted by hand: eventName = Get*, errorCode =
   * AccessDenied, session issuer ARN = arn:aws:iam::*:role/aws-service-role/*; each event once; per
   * hour, account and region, as "hour|account|region" → count.
   */
  static Map<String, Long> seedMetric(Path archive, Instant from, Instant to) {
    Map<String, String> keyById = new HashMap<>();
    for (JsonNode event : readableRecords(archive)) {
      String name = TestArchives.text(event, "eventName");
      String issuer =
          TestArchives.text(event, "userIdentity", "sessionContext", "sessionIssuer", "arn");
      String time = TestArchives.text(event, "eventTime");
      if (name == null || time == null || issuer == null) {
        continue;
      }
      Instant at = Instant.parse(time);
      if (name.startsWith("Get")
          && "AccessDenied".equals(TestArchives.text(event, "errorCode"))
          && SERVICE_ROLE.matcher(issuer).matches()
          && !at.isBefore(from)
          && at.isBefore(to)) {
        keyById.put(
            TestArchives.text(event, "eventID"),
            at.truncatedTo(ChronoUnit.HOURS)
                + "|"
                + TestArchives.text(event, "recipientAccountId")
                + "|"
                + TestArchives.text(event, "awsRegion"));
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    keyById.values().forEach(key -> counts.merge(key, 1L, Long::sum));
    return counts;
  }
}
