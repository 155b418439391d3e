package dev.traildenials.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trail-denials} command: the same entry point locally and under spark-submit. */
@Command(
    name = "trail-denials",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Finds access-denied and unauthorized calls in AWS CloudTrail archives (local or s3a).",
      "Option defaults come from conf/trail-denials.properties; flags win over the file."
    },
    subcommands = {
      QueryCommand.class,
      ReportCommand.class,
      NightlyCommand.class,
      SampleCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TrailDenials implements Runnable {

  /** Exit code when the command ran but failed (bad input, unreadable archive, SQL error). */
  public static final int EXIT_FAILED = 1;

  /** Exit code of {@code nightly --fail-on-alarm} when the run raised alerts. */
  public static final int EXIT_ALARM = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] arguments) {
    System.exit(commandLine().execute(arguments));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TrailDenials());
    commandLine.setDefaultValueProvider(ConfDefaults.load());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          line.getErr()
              .println(
                  line.getColorScheme()
                      .errorText("trail-denials: " + Failures.describe(exception)));
          return EXIT_FAILED;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Name a command: report, nightly, query or sample.");
  }
}
