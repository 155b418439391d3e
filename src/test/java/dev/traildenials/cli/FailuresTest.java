package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.traildenials.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException;
import org.apache.spark.sql.AnalysisException;
import org.junit.jupiter.api.Test;

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
}
