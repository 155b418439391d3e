package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/**
 * The EMR definitions shipped in jobs/emr cannot rot: their spark-submit arguments name the real
 * main class, carry exactly the settings of conf/spark-cluster.conf, and their job arguments parse
 * with the real command line (an unknown or misspelt option fails here).
 */
class JobDefinitionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PROJECT = TestArchives.projectDirectory();

  @Test
  void theEmrStepRunsTheReportWithTheClusterSettings() throws IOException {
    JsonNode steps = JSON.readTree(PROJECT.resolve("jobs/emr/add-steps.json").toFile());
    assertThat(steps).isNotEmpty();
    for (JsonNode step : steps) {
      assertThat(step.get("Jar").asText()).isEqualTo("command-runner.jar");
      List<String> arguments = new ArrayList<>();
      step.get("Args").forEach(argument -> arguments.add(argument.asText()));
      assertThat(arguments.get(0)).isEqualTo("spark-submit");
      SparkSubmitArguments submit =
          SparkSubmitArguments.parse(arguments.subList(1, arguments.size()));
      assertSubmission(submit);
    }
  }

  @Test
  void theServerlessJobRunRunsTheReportWithTheClusterSettings() throws IOException {
    JsonNode run = JSON.readTree(PROJECT.resolve("jobs/emr/serverless-job-run.json").toFile());
    JsonNode driver = run.get("jobDriver").get("sparkSubmit");
    List<String> arguments =
        new ArrayList<>(Arrays.asList(driver.get("sparkSubmitParameters").asText().split("\\s+")));
    arguments.add(driver.get("entryPoint").asText());
    driver.get("entryPointArguments").forEach(argument -> arguments.add(argument.asText()));
    assertSubmission(SparkSubmitArguments.parse(arguments));
    assertThat(run.get("executionRoleArn").asText()).startsWith("arn:aws:iam::");
  }

  @Test
  void theNightlyScheduleStartsTheNightlyRunWithTheClusterSettings() throws IOException {
    JsonNode schedule = JSON.readTree(PROJECT.resolve("jobs/emr/nightly-schedule.json").toFile());
    assertThat(schedule.get("ScheduleExpression").asText()).matches("cron\\(.+\\)");
    JsonNode target = schedule.get("Target");
    assertThat(target.get("Arn").asText())
        .isEqualTo("arn:aws:scheduler:::aws-sdk:emrserverless:startJobRun");
    // The target's input is the StartJobRun request, as text.
    JsonNode run = JSON.readTree(target.get("Input").asText());
    assertThat(run.get("clientToken").asText()).isEqualTo("<aws.scheduler.execution-id>");
    JsonNode driver = run.get("jobDriver").get("sparkSubmit");
    List<String> arguments =
        new ArrayList<>(Arrays.asList(driver.get("sparkSubmitParameters").asText().split("\\s+")));
    arguments.add(driver.get("entryPoint").asText());
    driver.get("entryPointArguments").forEach(argument -> arguments.add(argument.asText()));
    SparkSubmitArguments submit = SparkSubmitArguments.parse(arguments);
    assertSubmission(submit);
    assertThat(submit.jobArguments()[0]).isEqualTo("nightly");
  }

  @Test
  void theCronScriptRunsTheSameCommand() throws IOException {
    String script = Files.readString(PROJECT.resolve("jobs/nightly.sh"));
    assertThat(script).contains("/trail-denials\" nightly --archive");
    assertThat(PROJECT.resolve("jobs/nightly.sh")).isExecutable();
    String readme = Files.readString(PROJECT.resolve("README.md"));
    assertThat(readme).containsPattern("(?m)^[0-9*/, -]+ +\\S*jobs/nightly\\.sh");
  }

  /**
   * The cron script in a jobs folder of its own, beside a launcher that prints what it was given
   * and exits 7: the script's own part (one run per output, the time on each line, the exit code)
   * without a Spark run.
   */
  @Test
  void theCronScriptRunsOncePerOutputStampsItsLinesAndPassesTheExitCodeOn(@TempDir Path temporary)
      throws Exception {
    Path jobs = Files.createDirectories(temporary.resolve("jobs"));
    Files.copy(PROJECT.resolve("jobs/nightly.sh"), jobs.resolve("nightly.sh"));
    Path launcher = jobs.resolve("trail-denials");
    Files.writeString(launcher, "#!/usr/bin/env bash\necho \"launched: $*\"\nexit 7\n");
    launcher.toFile().setExecutable(true);
    String held = "s3a://lake/held";
    String lock =
        "trail-denials-nightly-"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(held.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16)
            + ".lock";
    Process holder =
        new ProcessBuilder("flock", temporary.resolve(lock).toString(), "sleep", "60").start();
    try {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (new ProcessBuilder("flock", "-n", temporary.resolve(lock).toString(), "true")
                  .start()
                  .waitFor()
              == 0
          && System.nanoTime() < deadline) {
        Thread.sleep(50); // until the holder has the lock
      }
      Process refused = nightlyScript(jobs, temporary, held + "/").start();
      String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(refused.waitFor()).isEqualTo(75);
      assertThat(refusal)
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ trail-denials: another nightly run for"
                  + " s3a://lake/held/ holds .*"
                  + lock
                  + "; not starting a second one\\s*");

      Process other = nightlyScript(jobs, temporary, "s3a://lake/other").start();
      String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(other.waitFor()).as("the launcher's exit code").isEqualTo(7);
      assertThat(output)
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ launched: nightly --archive"
                  + " s3a://trail/logs --out s3a://lake/other --look-back P2D\\s*");
    } finally {
      holder.destroy();
    }
  }

  private static ProcessBuilder nightlyScript(Path jobs, Path temporary, String out) {
    ProcessBuilder script =
        new ProcessBuilder("bash", jobs.resolve("nightly.sh").toString()).redirectErrorStream(true);
    Map<String, String> environment = script.environment();
    environment.put("TMPDIR", temporary.toString());
    environment.put("TRAIL_DENIALS_ENV_FILE", temporary.resolve("no-such.env").toString());
    environment.put("TRAIL_DENIALS_ARCHIVE", "s3a://trail/logs");
    environment.put("TRAIL_DENIALS_OUT", out);
    environment.put("TRAIL_DENIALS_NIGHTLY_OPTIONS", "--look-back P2D");
    return script;
  }

  @Test
  void theClusterConfigurationsUseGlueAsTheMetastore() throws IOException {
    JsonNode configurations =
        JSON.readTree(PROJECT.resolve("jobs/emr/cluster-configurations.json").toFile());
    assertThat(configurations.findValuesAsText("hive.metastore.client.factory.class"))
        .containsExactly(
            "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
  }

  @Test
  void noDefinitionHoldsACredential() throws IOException {
    for (String file :
        List.of(
            "jobs/emr/add-steps.json",
            "jobs/emr/serverless-job-run.json",
            "jobs/emr/nightly-schedule.json",
            "jobs/nightly.sh",
            "jobs/emr/cluster-configurations.json",
            "conf/spark-cluster.conf",
            "conf/spark-defaults.conf")) {
      String text = Files.readString(PROJECT.resolve(file), StandardCharsets.UTF_8);
      assertThat(text)
          .as(file)
          .doesNotContainPattern("(?i)access[._-]?key\\s*[=:]")
          .doesNotContainPattern("(?i)secret[._-]?key\\s*[=:]")
          .doesNotContainPattern("AKIA[0-9A-Z]{16}");
    }
  }

  private static void assertSubmission(SparkSubmitArguments submit) throws IOException {
    assertThat(submit.mainClass()).isEqualTo(TrailDenials.class.getName());
    assertThat(submit.jar()).endsWith(".jar").startsWith("s3://");
    assertThat(submit.conf()).isEqualTo(clusterConf());
    ParseResult parsed = TrailDenials.commandLine().parseArgs(submit.jobArguments());
    assertThat(parsed.subcommand().commandSpec().name()).isIn("report", "nightly");
    assertThat(parsed.subcommand().matchedOptionValue("--archive", "")).startsWith("s3://");
    assertThat(parsed.subcommand().matchedOptionValue("--out", "")).startsWith("s3://");
  }

  /** The uncommented settings of conf/spark-cluster.conf, in spark-submit's own reading. */
  private static Map<String, String> clusterConf() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(PROJECT.resolve("conf/spark-cluster.conf"), StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        String[] keyAndValue = trimmed.split("\\s+", 2);
        settings.put(keyAndValue[0], keyAndValue[1].strip());
      }
    }
    assertThat(settings).containsKey("spark.hadoop.fs.s3a.directory.marker.retention");
    return settings;
  }

  /** spark-submit's arguments: its options, then the application jar, then the job's. */
  private record SparkSubmitArguments(
      String mainClass, Map<String, String> conf, String jar, String[] jobArguments) {

    static SparkSubmitArguments parse(List<String> arguments) {
      String mainClass = null;
      Map<String, String> conf = new LinkedHashMap<>();
      int i = 0;
      while (arguments.get(i).startsWith("--")) {
        String option = arguments.get(i);
        String value = arguments.get(i + 1);
        switch (option) {
          case "--class" -> mainClass = value;
          case "--conf" -> {
            String[] keyAndValue = value.split("=", 2);
            conf.put(keyAndValue[0], keyAndValue[1]);
          }
          case "--deploy-mode" -> assertThat(value).isEqualTo("cluster");
          default -> throw new AssertionError("unexpected spark-submit option " + option);
        }
        i += 2;
      }
      return new SparkSubmitArguments(
          mainClass,
          conf,
          arguments.get(i),
          arguments.subList(i + 1, arguments.size()).toArray(String[]::new));
    }
  }
}
