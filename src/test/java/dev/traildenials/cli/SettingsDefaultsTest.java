package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.archive.ArchiveRequest;
import dev.traildenials.classify.DenialCodes;
import dev.traildenials.redact.Redaction;
import dev.traildenials.report.ReportSettings;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.store.TableFormat;
import dev.traildenials.testing.TestArchives;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every setting's name and built-in default, pinned: a changed default or a renamed key is a change
 * users see, so it fails here first. Each mapping test sets every setting to a value other than its
 * default and checks that it reaches the typed settings.
 */
class SettingsDefaultsTest {

  private static final String NONE = "<none>";

  private static final Map<String, String> ARCHIVE_OPTIONS =
      Map.ofEntries(
          Map.entry("--archive", NONE),
          Map.entry("--from", NONE),
          Map.entry("--to", NONE),
          Map.entry("--account", NONE),
          Map.entry("--region", NONE),
          Map.entry("--max-delivery-delay", "P1D"),
          Map.entry("--file-time-margin", "PT15M"),
          Map.entry("--strict", "false"),
          Map.entry("--listing-parallelism", "16"),
          Map.entry("--progress-interval", "PT30S"),
          Map.entry("--conf", NONE),
          Map.entry("--verbose", NONE));

  private static final Map<String, String> REPORT_OPTIONS =
      Map.ofEntries(
          Map.entry("--out", NONE),
          Map.entry("--format", "delta"),
          Map.entry("--identity", NONE),
          Map.entry("--event-source", NONE),
          Map.entry("--error-code", NONE),
          Map.entry("--denial-codes", NONE),
          Map.entry(
              "--slr-filter",
              "{ $.eventName = Get* && $.errorCode = AccessDenied &&"
                  + " $.userIdentity.sessionContext.sessionIssuer.arn ="
                  + " \"arn:aws:iam::*:role/aws-service-role/*\" }"),
          Map.entry("--slr-period", "PT1H"),
          Map.entry("--slr-threshold", "1"),
          Map.entry("--report-rows", "200"),
          Map.entry("--idle-days", "90"),
          Map.entry("--catalog-database", NONE),
          Map.entry("--redact", "false"),
          Map.entry("--redaction-key-file", NONE));

  private static final Map<String, String> NIGHTLY_OPTIONS =
      Map.of(
          "--look-back", "P3D",
          "--as-of", NONE,
          "--watch-identity", NONE,
          "--webhook-url", NONE,
          "--sns-topic", NONE,
          "--sns-endpoint", NONE,
          "--fail-on-alarm", "false");

  private static final Map<String, String> QUERY_OPTIONS =
      Map.of(
          "--sql", NONE,
          "-e", NONE,
          "--param", NONE,
          "--tables", NONE,
          "--catalog-database", NONE,
          "--csv", NONE,
          "--max-rows", "100");

  private static final Map<String, String> SAMPLE_OPTIONS =
      Map.of(
          "--out", NONE,
          "--messy", NONE,
          "--first-day", NONE,
          "--days", NONE,
          "--files-per-hour", NONE,
          "--records-per-file", NONE,
          "--seed", NONE,
          "--realistic", NONE,
          "--verbose", NONE);

  /** Each option of a command by its longest name, with its built-in default. */
  private static Map<String, String> defaults(String command) {
    CommandSpec spec = TrailDenials.commandLine().getSubcommands().get(command).getCommandSpec();
    Map<String, String> defaults = new TreeMap<>();
    for (OptionSpec option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String value = option.defaultValue();
      defaults.put(option.longestName(), value == null ? NONE : value);
    }
    return defaults;
  }

  @SafeVarargs
  private static Map<String, String> union(Map<String, String>... maps) {
    Map<String, String> union = new TreeMap<>();
    for (Map<String, String> map : maps) {
      union.putAll(map);
    }
    return union;
  }

  @Test
  void everyCommandsOptionsAndDefaultsArePinned() {
    assertThat(defaults("report")).isEqualTo(union(ARCHIVE_OPTIONS, REPORT_OPTIONS));
    assertThat(defaults("nightly"))
        .isEqualTo(union(ARCHIVE_OPTIONS, REPORT_OPTIONS, NIGHTLY_OPTIONS));
    assertThat(defaults("query")).isEqualTo(union(ARCHIVE_OPTIONS, QUERY_OPTIONS));
    assertThat(defaults("sample")).isEqualTo(new TreeMap<>(SAMPLE_OPTIONS));
  }

  @Test
  void theShippedSettingsFileNamesOptionsAndChangesNoDefault() throws Exception {
    Path file = TestArchives.projectDirectory().resolve("conf/" + ConfDefaults.FILE_NAME);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> everyOption =
        union(ARCHIVE_OPTIONS, REPORT_OPTIONS, NIGHTLY_OPTIONS, QUERY_OPTIONS);
    for (String key : properties.stringPropertyNames()) {
      String option = "--" + key.substring(key.indexOf('.') + 1);
      assertThat(everyOption).as("%s names an option", key).containsKey(option);
      assertThat(properties.getProperty(key))
          .as("%s in %s repeats the built-in default", key, file)
          .isEqualTo(everyOption.get(option));
    }
  }

  @Test
  void theDataSourcesOptionsAndDefaultsArePinned() {
    CloudTrailReadOptions options =
        CloudTrailReadOptions.parse(
            new org.apache.spark.sql.util.CaseInsensitiveStringMap(Map.of("archive", "s3a://b")));
    assertThat(options.toMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "archive", "s3a://b",
                "maxDeliveryDelay", "PT24H",
                "fileTimeMargin", "PT15M",
                "strict", "false",
                "listingParallelism", "16",
                "wholeFiles", "false"));
    assertThat(
            Set.of(
                CloudTrailReadOptions.ARCHIVE,
                CloudTrailReadOptions.FROM,
                CloudTrailReadOptions.TO,
                CloudTrailReadOptions.ACCOUNTS,
                CloudTrailReadOptions.REGIONS,
                CloudTrailReadOptions.MAX_DELIVERY_DELAY,
                CloudTrailReadOptions.FILE_TIME_MARGIN,
                CloudTrailReadOptions.STRICT,
                CloudTrailReadOptions.LISTING_PARALLELISM,
                CloudTrailReadOptions.WHOLE_FILES))
        .containsExactlyInAnyOrder(
            "archive",
            "from",
            "to",
            "accounts",
            "regions",
            "maxDeliveryDelay",
            "fileTimeMargin",
            "strict",
            "listingParallelism",
            "wholeFiles");
  }

  @Test
  void theReportsDefaultsAreAwssMetricFilterAndAlarm() {
    ReportSettings defaults = ReportSettings.defaults("file:/out", DenialCodes.exactly(List.of()));
    assertThat(defaults.format()).isEqualTo(TableFormat.DELTA);
    assertThat(defaults.slrFilter().text()).isEqualTo(REPORT_OPTIONS.get("--slr-filter"));
    assertThat(defaults.slrPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.slrThreshold()).isEqualTo(1.0);
    assertThat(defaults.reportRows()).isEqualTo(200);
    assertThat(defaults.idleDays()).isEqualTo(ReportSettings.DEFAULT_IDLE_DAYS).isEqualTo(90);
    assertThat(defaults.identityPatterns()).isEmpty();
    assertThat(defaults.eventSources()).isEmpty();
    assertThat(defaults.watchPatterns()).isEmpty();
    assertThat(defaults.redaction()).hasToString(Redaction.none().toString());
  }

  @Test
  void everyArchiveOptionReachesTheRead() {
    ReportCommand command = new ReportCommand();
    CommandLine line = new CommandLine(command);
    OptionTypes.register(line);
    line.parseArgs(
        "--archive",
        "s3a://bucket/trail",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-02T06:00:00Z",
        "--account",
        "111111111111,222222222222",
        "--region",
        "eu-west-1",
        "--max-delivery-delay",
        "PT6H",
        "--file-time-margin",
        "PT5M",
        "--strict",
        "--listing-parallelism",
        "4",
        "--progress-interval",
        "PT0S",
        "--out",
        "/o");
    CloudTrailReadOptions read = command.archive.toReadOptions();
    assertThat(read.request())
        .isEqualTo(
            new ArchiveRequest(
                "s3a://bucket/trail",
                Instant.parse("2024-03-01T00:00:00Z"),
                Instant.parse("2024-03-02T06:00:00Z"),
                Set.of("111111111111", "222222222222"),
                Set.of("eu-west-1"),
                Duration.ofHours(6),
                Duration.ofMinutes(5)));
    assertThat(read.strict()).isTrue();
    assertThat(read.listingParallelism()).isEqualTo(4);
    assertThat(read.wholeFiles()).isFalse();
    assertThat(command.archive.progressInterval()).isZero();
  }

  @Test
  void everyReportOptionReachesTheSettings() throws Exception {
    ReportCommand command = new ReportCommand();
    CommandLine line = new CommandLine(command);
    OptionTypes.register(line);
    line.parseArgs(
        "--archive",
        "/a",
        "--out",
        "s3a://bucket/tables",
        "--format",
        "PARQUET",
        "--identity",
        "arn:aws:iam::*:role/Data*",
        "--event-source",
        "s3.amazonaws.com",
        "--error-code",
        "AccessDenied",
        "--slr-filter",
        "{ $.errorCode = AccessDenied }",
        "--slr-period",
        "PT5M",
        "--slr-threshold",
        "3",
        "--report-rows",
        "7",
        "--idle-days",
        "30",
        "--redact");
    ReportSettings settings = command.options.settings(List.of("^arn:watched$"));
    assertThat(settings.out()).isEqualTo("s3a://bucket/tables");
    assertThat(settings.format()).isEqualTo(TableFormat.PARQUET);
    assertThat(settings.identityPatterns()).hasSize(1);
    assertThat("arn:aws:iam::1:role/DataPipeline").matches(settings.identityPatterns().get(0));
    assertThat(settings.eventSources()).containsExactly("s3.amazonaws.com");
    assertThat(settings.denialCodes().matches("AccessDenied")).isTrue();
    assertThat(settings.denialCodes().matches("UnauthorizedOperation")).isFalse();
    assertThat(settings.slrFilter().text()).isEqualTo("{ $.errorCode = AccessDenied }");
    assertThat(settings.slrPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.slrThreshold()).isEqualTo(3.0);
    assertThat(settings.reportRows()).isEqualTo(7);
    assertThat(settings.idleDays()).isEqualTo(30);
    assertThat(settings.watchPatterns()).containsExactly("^arn:watched$");
    assertThat(settings.redaction()).hasToString(Redaction.dropAll().toString());
  }
}
