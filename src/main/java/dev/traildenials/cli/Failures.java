package dev.traildenials.cli;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Turns an exception into the one line a user needs: what failed, why, and what to do. Stack traces
 * and Spark's plans are left to {@code --verbose}.
 */
final class Failures {

  /** What the AWS SDK and s3a say when the credential chain found nothing. */
  private static final List<String> NO_CREDENTIALS =
      List.of(
          "Unable to load AWS credentials from any provider in the chain",
          "No AWS Credentials provided by",
          "NoAuthWithAWSException",
          "NoAwsCredentialsException");

  private static final Set<String> NO_CREDENTIALS_CLASSES =
      Set.of(
          "org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException",
          "org.apache.hadoop.fs.s3a.auth.NoAwsCredentialsException");

  /** Derby's XSDB6, as its message reads (the state code is not in it). */
  private static final Pattern DERBY_BOOTED =
      Pattern.compile(
          "Another instance of Derby may have already booted the database (\\S+?)\\.?$",
          Pattern.MULTILINE);

  private static final Pattern S3A_BUCKET = Pattern.compile("s3a://([^/\\s:;,'\"`)]+)");

  /** The user and secret of a URI such as s3a://KEY:SECRET@bucket/, never to be printed. */
  private static final Pattern USER_INFO =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

  private Failures() {}

  static String describe(Throwable failure) {
    List<Throwable> chain = chain(failure);
    String credentials = missingCredentials(chain);
    if (credentials != null) {
      return credentials;
    }
    String catalog = catalogInUse(chain);
    if (catalog != null) {
      return catalog;
    }
    for (Throwable cause : chain) {
      if (cause instanceof Failure known) {
        return oneLine(known.messageNaming(Failure::flagName));
      }
      if (cause instanceof AnalysisException analysis) {
        return analysis(analysis);
      }
      if (cause instanceof IllegalArgumentException && hasMessage(cause)) {
        return oneLine(cause.getMessage());
      }
    }
    Throwable deepest = failure;
    for (Throwable cause : chain) {
      if (hasMessage(cause)) {
        deepest = cause;
      }
    }
    return hasMessage(deepest) ? oneLine(deepest.getMessage()) : deepest.toString();
  }

  /**
   * What kind of failure this is: the kind a {@link Failure} in the chain says; else a SQL error or
   * an illegal argument is the user's input, a storage exception (or missing credentials) the
   * storage, anything else this project's own mistake.
   */
  static Failure.Kind kind(Throwable failure) {
    List<Throwable> chain = chain(failure);
    if (missingCredentials(chain) != null || catalogInUse(chain) != null) {
      return Failure.Kind.STORAGE;
    }
    for (Throwable cause : chain) {
      if (cause instanceof Failure known) {
        return known.kind();
      }
      if (cause instanceof AnalysisException
          || cause instanceof ParseException
          || cause instanceof IllegalArgumentException) {
        return Failure.Kind.USER_INPUT;
      }
      if (cause instanceof IOException || cause instanceof UncheckedIOException) {
        return Failure.Kind.STORAGE;
      }
    }
    return Failure.Kind.INTERNAL;
  }

  /**
   * Spark's error without the logical plan it carries: the first line of the message, where in the
   * SQL it is, and not the rest.
   */
  static String analysis(AnalysisException exception) {
    String message = oneLine(exception.getSimpleMessage());
    if (exception.line().isDefined()
        && exception.startPosition().isDefined()
        && !message.contains("line " + exception.line().get())) {
      message += "; line " + exception.line().get() + " pos " + exception.startPosition().get();
    }
    return message;
  }

  /** The first line that says something, with any credentials in a URI left out. */
  static String oneLine(String message) {
    String line =
        message
            .lines()
            .map(String::strip)
            .filter(text -> !text.isEmpty())
            .findFirst()
            .orElse(message.strip());
    return USER_INFO.matcher(line).replaceAll("$1");
  }

  private static String missingCredentials(List<Throwable> chain) {
    boolean missing = false;
    String bucket = null;
    for (Throwable cause : chain) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      if (NO_CREDENTIALS_CLASSES.contains(cause.getClass().getName())
          || NO_CREDENTIALS.stream().anyMatch(message::contains)) {
        missing = true;
      }
      Matcher matcher = S3A_BUCKET.matcher(USER_INFO.matcher(message).replaceAll("$1"));
      if (bucket == null && matcher.find()) {
        bucket = matcher.group(1);
      }
    }
    if (!missing) {
      return null;
    }
    return "no AWS credentials for "
        + (bucket == null ? "s3a" : "s3a://" + bucket)
        + ": set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance"
        + " with a role (s3a uses the default credential chain)";
  }

  /**
   * The local catalog's embedded Derby database opened by another process (a notebook, another run
   * with --catalog-database): Derby lets one process at a time boot it, and says so as XSDB6.
   */
  private static String catalogInUse(List<Throwable> chain) {
    for (Throwable cause : chain) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      Matcher booted = DERBY_BOOTED.matcher(message);
      if (booted.find()) {
        return "the local catalog "
            + booted.group(1)
            + " is open in another process (a notebook, or another run with --catalog-database),"
            + " and its database serves one process at a time: close that process and run again"
            + " (a notebook opened on the --out location holds no catalog), or run without"
            + " --catalog-database (the tables are written to --out either way)";
      }
    }
    return null;
  }

  private static boolean hasMessage(Throwable throwable) {
    return throwable.getMessage() != null && !throwable.getMessage().isBlank();
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = new HashSet<>();
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }
}
