package dev.traildenials.cli;

import dev.traildenials.failure.Failure;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code trail-denials} command: the same entry point locally and under spark-submit. */
@Command(
    name = "trail-denials",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    showDefaultValues = true,
    commandListHeading = "%nCommands:%n",
    description = {
      "Finds access-denied and unauthorized calls in AWS CloudTrail archives (local or s3a).",
      "Option defaults come from conf/trail-denials.properties; flags win over the file.",
      "Run 'trail-denials <command> --help' for a command's options and examples."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # A sample archive, a report of its denials, and a question to the tables",
      "  trail-denials sample --out sample",
      "  trail-denials report --archive sample --out out",
      "  trail-denials query --tables out \\",
      "      -e \"SELECT principal_arn, count(*) AS n FROM denial_events GROUP BY 1\""
    },
    subcommands = {
      QueryCommand.class,
      ReportCommand.class,
      NightlyCommand.class,
      SampleCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TrailDenials implements Runnable {

  /** Exit code of a failure this project got wrong (a bug: report it). */
  public static final int EXIT_INTERNAL = 1;

  /** Exit code when the command line, a setting or the SQL is wrong; nothing was written. */
  public static final int EXIT_USER_INPUT = 2;

  /** Exit code of {@code nightly --fail-on-alarm} when the run raised alerts. */
  public static final int EXIT_ALARM = 3;

  /** Exit code of a strict read that met a bad log file. */
  public static final int EXIT_BAD_DATA = 4;

  /**
   * Exit code when the storage or an alert's endpoint could not be used now (unreachable, refused,
   * another run holds the output's lock): re-running later may succeed.
   */
  public static final int EXIT_STORAGE = 5;

  /** Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT's number, as shells report). */
  public static final int EXIT_INTERRUPTED = 130;

  /** The exit code of a failure of this kind. */
  static int exitCode(Failure.Kind kind) {
    return switch (kind) {
      case USER_INPUT -> EXIT_USER_INPUT;
      case BAD_DATA -> EXIT_BAD_DATA;
      case STORAGE -> EXIT_STORAGE;
      case INTERNAL -> EXIT_INTERNAL;
      case INTERRUPTED -> EXIT_INTERRUPTED;
    };
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin Verbosity verbosity;

  public static void main(String[] arguments) {
    // Outside a run a signal ends the process, as it would without the runs' own handling.
    Interruptions.exitWhenIdle();
    System.exit(commandLine().execute(arguments));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TrailDenials());
    commandLine.setDefaultValueProvider(ConfDefaults.load());
    OptionTypes.register(commandLine);
    OptionSections.install(commandLine);
    commandLine.setParameterExceptionHandler(new UsageErrors());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          PrintWriter err = line.getErr();
          err.println(
              line.getColorScheme().errorText("trail-denials: " + Failures.describe(exception)));
          if (verbose(parseResult)) {
            exception.printStackTrace(err);
          }
          err.flush();
          return exitCode(Failures.kind(exception));
        });
    return commandLine;
  }

  /** Whether --verbose was given to the command or to any command on the way to it. */
  static boolean verbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption(Verbosity.OPTION)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Name a command: report, nightly, query or sample.");
  }
}
