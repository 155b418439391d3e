package dev.traildenials.testing;

import dev.traildenials.cli.TrailDenials;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process, in the shared Spark session, and keeps what it printed. */
public final class Cli {

  public record Result(int exitCode, String out, String err) {}

  private Cli() {}

  public static Result run(String... arguments) {
    SharedSpark.session();
    CommandLine commandLine = TrailDenials.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(arguments);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** {@code query --archive <archive> <options> --csv <csv>}. */
  public static Result queryToCsv(Object archive, java.nio.file.Path csv, String... options) {
    java.util.List<String> arguments = new java.util.ArrayList<>();
    arguments.addAll(java.util.List.of("query", "--archive", archive.toString()));
    arguments.addAll(java.util.List.of(options));
    arguments.addAll(java.util.List.of("--csv", csv.toString()));
    return run(arguments.toArray(String[]::new));
  }
}
