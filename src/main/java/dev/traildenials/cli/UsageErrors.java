package dev.traildenials.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistake on the command line as one line, with the option or command the user most likely meant,
 * and where to read more: {@code trail-denials: unknown option --form; did you mean --from?}.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException exception, String[] arguments) {
    CommandLine line = exception.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(line.getColorScheme().errorText("trail-denials: " + describe(exception)));
    err.println(
        "Run '" + line.getCommandSpec().qualifiedName() + " --help' for its options and examples.");
    err.flush();
    CommandSpec spec = line.getCommandSpec();
    return spec.exitCodeOnInvalidInput();
  }

  static String describe(ParameterException exception) {
    if (exception instanceof UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()) {
      return unmatched(
          unmatched.getCommandLine().getCommandSpec(), unmatched.getUnmatched().get(0));
    }
    String message = exception.getMessage();
    if (message == null) {
      return exception.toString();
    }
    return message.lines().findFirst().orElse(message).replaceFirst("^Error: ", "");
  }

  /** What to say about the first word nothing matched. */
  static String unmatched(CommandSpec spec, String argument) {
    if (argument.startsWith("-")) {
      String typed =
          argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
      List<String> names = new ArrayList<>();
      for (OptionSpec option : spec.options()) {
        if (!option.hidden()) {
          names.addAll(List.of(option.names()));
        }
      }
      return "unknown option " + typed + suggestion(typed, names);
    }
    if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
      return "unknown command "
          + argument
          + suggestion(argument, new ArrayList<>(spec.subcommands().keySet()));
    }
    return "unexpected argument " + argument + " (every value belongs to an option)";
  }

  private static String suggestion(String typed, List<String> candidates) {
    Optional<String> closest = EditDistance.closest(typed, candidates);
    return closest.map(name -> "; did you mean " + name + "?").orElse("");
  }
}
