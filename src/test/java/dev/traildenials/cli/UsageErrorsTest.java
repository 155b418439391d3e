package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.Cli;
import org.junit.jupiter.api.Test;

/** A mistake on the command line: one line that names what was meant, a hint, exit code 2. */
class UsageErrorsTest {

  @Test
  void aMistypedOptionSuggestsTheClosestOne() {
    Cli.Result result = Cli.run("query", "--form", "2024-03-01", "-e", "SELECT 1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines())
        .containsExactly(
            "trail-denials: unknown option --form; did you mean --from?",
            "Run 'trail-denials query --help' for its options and examples.");
  }

  @Test
  void aMistypedOptionWithItsValueAfterAnEqualsSign() {
    Cli.Result result = Cli.run("report", "--archiv=sample", "--out", "out");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("trail-denials: unknown option --archiv; did you mean --archive?");
  }

  @Test
  void aMistypedCommandSuggestsTheClosestOne() {
    Cli.Result result = Cli.run("qurey", "-e", "SELECT 1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("trail-denials: unknown command qurey; did you mean query?")
        .contains("trail-denials --help");
  }

  @Test
  void nothingCloseMeansNoSuggestion() {
    Cli.Result result = Cli.run("sample", "--out", "x", "--colour");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("trail-denials: unknown option --colour\n");
  }

  @Test
  void otherUsageErrorsAreOneLineWithTheHint() {
    Cli.Result result = Cli.run("report", "--archive", "sample");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines())
        .containsExactly(
            "trail-denials: Missing required option: '--out=<location>'",
            "Run 'trail-denials report --help' for its options and examples.");
  }

  @Test
  void aMistakeFoundOnlyWhenTheCommandRunsIsUserInputToo() {
    Cli.Result result = Cli.run("query", "-e", "SELECT 1");

    assertThat(result.exitCode()).isEqualTo(TrailDenials.EXIT_USER_INPUT);
    assertThat(result.err().lines()).hasSize(1);
  }
}
