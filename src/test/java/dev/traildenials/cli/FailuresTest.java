package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.traildenials.failure.Failure;
import dev.traildenials.source.RejectedLogFileException;
import dev.traildenials.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.derby.jdbc.EmbeddedDriver;
import org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException;
import org.apache.spark.sql.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exception as one line that says what, why and what to do. */
class FailuresTest {

  @Test
  void anAnalysisErrorLeavesOutSparksPlan() {
    Throwable failure =
        catchThrowable(() -> SharedSpark.session().sql("SELECT nope FROM range(3)").count());
    assertThat(failure).isInstanceOf(AnalysisException.class);
    assertThat(failure.getMessage()).contains("Project"); // Spark's own message carries the plan

    String line = Failures.describe(new RuntimeException("query failed", failure));

    assertThat(line).doesNotContain("\n").doesNotContain("Project").doesNotContain("+- ");
    assertThat(line).contains("UNRESOLVED_COLUMN").contains("`nope`").endsWith("line 1 pos 7");
  }

  @Test
  void aSyntaxErrorIsItsFirstLineWithoutTheSqlSnippet() {
    Throwable failure = catchThrowable(() -> SharedSpark.session().sql("SELECT 1 FORM x"));

    String line = Failures.describe(failure);

    assertThat(line)
        .contains("PARSE_SYNTAX_ERROR")
        .doesNotContain("\n")
        .doesNotContain("== SQL ==");
  }

  @Test
  void missingCredentialsForS3aSayWhatToSet() {
    // What s3a throws when the default credential chain finds nothing (Hadoop 3.3).
    NoAuthWithAWSException chain =
        new NoAuthWithAWSException(
            "No AWS Credentials provided by TemporaryAWSCredentialsProvider"
                + " SimpleAWSCredentialsProvider EnvironmentVariableCredentialsProvider"
                + " IAMInstanceCredentialsProvider : com.amazonaws.SdkClientException: Unable to"
                + " load AWS credentials from environment variables");
    AccessDeniedException denied =
        new AccessDeniedException(
            "s3a://my-trail-bucket/AWSLogs: org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException:"
                + " No AWS Credentials provided by TemporaryAWSCredentialsProvider");
    denied.initCause(chain);

    assertThat(Failures.describe(new UncheckedIOException(denied)))
        .isEqualTo(
            "no AWS credentials for s3a://my-trail-bucket: set AWS_PROFILE or"
                + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance with a role (s3a"
                + " uses the default credential chain)");
  }

  @Test
  void theSdksOwnMessageCountsToo() {
    RuntimeException failure =
        new RuntimeException(
            "listing s3a://other-bucket/prefix",
            new IOException("Unable to load AWS credentials from any provider in the chain"));

    assertThat(Failures.describe(failure)).startsWith("no AWS credentials for s3a://other-bucket:");
  }

  @Test
  void credentialsInAUriAreNeverPrinted() {
    RuntimeException failure =
        new RuntimeException(
            "Cannot open s3a://AKIAEXAMPLE:wJalrXUtnFEMIsecret@my-bucket/x\nmore detail");

    assertThat(Failures.describe(failure)).isEqualTo("Cannot open s3a://my-bucket/x");
  }

  @Test
  void ourOwnMessagesStayAsTheyAre() {
    RuntimeException failure =
        new RuntimeException(
            "wrapped", new IllegalArgumentException("--look-back must not be negative"));

    assertThat(Failures.describe(failure)).isEqualTo("--look-back must not be negative");
  }

  @Test
  void aFailureNamesItsSettingAsTheCallerKnowsIt() {
    Failure failure = Failure.userInput("{slrPeriod} PT7M must divide a day", "slrPeriod");

    assertThat(failure.getMessage()).isEqualTo("option 'slrPeriod' PT7M must divide a day");
    assertThat(Failures.describe(new RuntimeException("wrapped", failure)))
        .isEqualTo("--slr-period PT7M must divide a day");
    assertThat(Failure.flagName("catalogDatabase")).isEqualTo("--catalog-database");
  }

  /**
   * The catalog held by another process, from a real embedded Derby: this JVM boots a database and
   * a class loader of its own tries to boot it again, as a second process would.
   */
  @Test
  void aCatalogOpenInAnotherProcessIsOneLineThatSaysWhatToDo(@TempDir Path temporary)
      throws Exception {
    String database = temporary.resolve("metastore_db").toString();
    try (Connection held = DriverManager.getConnection("jdbc:derby:" + database + ";create=true");
        URLClassLoader other =
            new URLClassLoader(
                new URL[] {
                  EmbeddedDriver.class.getProtectionDomain().getCodeSource().getLocation()
                },
                ClassLoader.getPlatformClassLoader())) {
      assertThat(held.isValid(5)).isTrue();
      Driver secondDriver =
          (Driver)
              other
                  .loadClass("org.apache.derby.jdbc.EmbeddedDriver")
                  .getDeclaredConstructor()
                  .newInstance();
      Throwable refused =
          catchThrowable(() -> secondDriver.connect("jdbc:derby:" + database, new Properties()));
      assertThat(refused).isNotNull();
      Throwable wrapped =
          new RuntimeException("Unable to instantiate the metastore client", refused);
      assertThat(Failures.describe(wrapped))
          .isEqualTo(
              "the local catalog "
                  + database
                  + " is open in another process (a notebook, or another run with"
                  + " --catalog-database), and its database serves one process at a time: close that"
                  + " process and run again (a notebook opened on the --out location holds no"
                  + " catalog), or run without --catalog-database (the tables are written to --out"
                  + " either way)");
      assertThat(Failures.kind(wrapped)).isEqualTo(Failure.Kind.STORAGE);
    } finally {
      try {
        DriverManager.getConnection("jdbc:derby:" + database + ";shutdown=true");
      } catch (SQLException shutDown) {
        // Derby says a database shut down with an exception.
      }
    }
  }

  @Test
  void eachKindOfFailureHasItsExitCode() {
    Map<Throwable, Integer> codes = new LinkedHashMap<>();
    codes.put(Failure.userInput("bad {from}", "from"), TrailDenials.EXIT_USER_INPUT);
    codes.put(new IllegalArgumentException("--look-back must not be negative"), 2);
    codes.put(
        catchThrowable(() -> SharedSpark.session().sql("SELECT nope FROM range(3)")),
        TrailDenials.EXIT_USER_INPUT);
    codes.put(new RejectedLogFileException("s3a://b/f.json.gz", "not gzip"), 4);
    codes.put(new UncheckedIOException(new IOException("connection reset")), 5);
    codes.put(new RuntimeException("job aborted", new AccessDeniedException("s3a://b/k")), 5);
    codes.put(Failure.storage("Another run is writing the tables", null), 5);
    codes.put(new IllegalStateException("a step read a table it was not given"), 1);
    for (Map.Entry<Throwable, Integer> expected : codes.entrySet()) {
      assertThat(TrailDenials.exitCode(Failures.kind(expected.getKey())))
          .as("%s", expected.getKey())
          .isEqualTo(expected.getValue());
    }
    assertThat(
            List.of(
                TrailDenials.EXIT_INTERNAL,
                TrailDenials.EXIT_USER_INPUT,
                TrailDenials.EXIT_ALARM,
                TrailDenials.EXIT_BAD_DATA,
                TrailDenials.EXIT_STORAGE))
        .containsExactly(1, 2, 3, 4, 5);
  }
}
