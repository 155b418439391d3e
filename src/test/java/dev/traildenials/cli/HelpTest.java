package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.Cli;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help teaches: examples, options under headings, defaults, what is required. */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"query", "report", "nightly", "sample"})
  void everyCommandHasExamplesAndHeadings(String command) {
    Cli.Result help = Cli.run(command, "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Examples:").contains("  trail-denials " + command + " ");
    assertThat(help.out()).contains("\nGeneral:\n").contains("--verbose");
    List<String> headings =
        switch (command) {
          case "query" -> List.of("Input", "Filters", "Output", "Tuning");
          case "report" -> List.of("Input", "Filters", "Output", "Alerts", "Tuning");
          case "nightly" -> List.of("Input", "Filters", "Output", "Alerts", "Tuning");
          default -> List.of("What to write", "Output");
        };
    for (String heading : headings) {
      assertThat(help.out()).contains("\n" + heading + ":\n");
    }
    assertThat(help.out().lines().filter(line -> line.length() > 80))
        .as("lines wider than a terminal")
        .isEmpty();
  }

  @Test
  void topLevelHelpHasExamples() {
    Cli.Result help = Cli.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Examples:").contains("  trail-denials sample --out sample");
  }

  @Test
  void defaultsAreShown() {
    assertThat(Cli.run("query", "--help").out())
        .contains("Default: 100")
        .contains("Default: PT30S")
        .contains("Default: P1D")
        .contains("Default: 16")
        .contains("Default: none, the whole archive from its first")
        .doesNotContain("Default: []")
        .doesNotContain("Default: {}");
    assertThat(Cli.run("report", "--help").out())
        .contains("Default: delta")
        .contains("Default: PT1H")
        .contains("Default: 200")
        .contains("Default: { $.eventName = Get*");
    assertThat(Cli.run("nightly", "--help").out())
        .contains("Default: P3D")
        .contains("Default: none, the --look-back window");
  }

  @Test
  void requiredOptionsAreMarked() {
    String query = Cli.run("query", "--help").out();
    assertThat(query).contains("Required unless --tables or --catalog-database");
    assertThat(query).contains("Required: one of --sql, -e.");
    String report = Cli.run("report", "--help").out();
    assertThat(section(report, "--archive=<root>")).contains("Required.");
    assertThat(section(report, "--out=<location>")).contains("Required.");
  }

  @Test
  void everyOptionHasItsHeading() {
    CommandLine root = TrailDenials.commandLine();
    for (CommandLine command : root.getSubcommands().values()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        assertThat(OptionSections.known(option))
            .as(command.getCommandName() + " " + option.longestName())
            .isTrue();
      }
    }
  }

  @Test
  void versionNamesTheCommit() {
    Cli.Result version = Cli.run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out().strip())
        .matches("trail-denials \\S+ \\((commit [0-9a-f]{7,40}|unknown commit)\\)");
  }

  @Test
  void versionWithoutGitSaysUnknownCommit() {
    Properties fromSourceTarball = new Properties();
    fromSourceTarball.setProperty("version", "0.1.0");
    fromSourceTarball.setProperty("commit", "${git.commit.id.abbrev}");

    assertThat(Version.line(fromSourceTarball)).isEqualTo("trail-denials 0.1.0 (unknown commit)");
    assertThat(Version.line(new Properties()))
        .isEqualTo("trail-denials development (unknown commit)");
  }

  /** An option's lines of the help: its own and the description lines under it. */
  private static String section(String help, String option) {
    List<String> lines = help.lines().toList();
    int first = 0;
    while (!lines.get(first).strip().startsWith(option)) {
      first++;
    }
    StringBuilder text = new StringBuilder(lines.get(first));
    for (int i = first + 1; i < lines.size() && lines.get(i).startsWith(" ".repeat(10)); i++) {
      text.append('\n').append(lines.get(i));
    }
    return text.toString();
  }
}
