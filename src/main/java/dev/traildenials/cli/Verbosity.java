package dev.traildenials.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, on every command: failures with their stack trace and Spark's plan. */
final class Verbosity {

  static final String OPTION = "--verbose";

  @Option(
      names = OPTION,
      description =
          "On failure, print the full stack trace (and Spark's query plan) to standard error"
              + " after the one-line error.")
  boolean verbose;
}
