package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
