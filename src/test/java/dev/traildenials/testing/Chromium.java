package dev.traildenials.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium: a page as a browser shows it, after its scripts ran, and a picture of
 * it. A test that needs it is skipped when it is not installed, unless {@value #REQUIRED} is true
 * (CI): then it fails.
 */
public final class Chromium {

  public static final String REQUIRED = "chromium.required";

  /** A page as the browser left it: its DOM, and what its scripts wrote to the console. */
  public record Rendered(String dom, List<String> console) {}

  private final Path binary;
  private final Path profile;

  private Chromium(Path binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /** The installed browser, with a profile of its own under {@code work}. */
  public static Chromium installed(Path work) {
    for (String name : List.of("chromium", "chromium-browser")) {
      Optional<Path> binary = Executables.onPath(name);
      if (binary.isPresent()) {
        return new Chromium(binary.get(), work.resolve("chromium-profile"));
      }
    }
    String reason =
        "skipped: needs Chromium to render the report page (apt-get install chromium); -D"
            + REQUIRED
            + "=true makes this a failure";
    if (Boolean.getBoolean(REQUIRED)) {
      throw new AssertionError(reason);
    }
    Assumptions.abort(reason);
    throw new IllegalStateException("not reached");
  }

  /** The page's DOM once its scripts ran, and its console lines. */
  public Rendered render(Path page) throws IOException, InterruptedException {
    Run run = run("--dump-dom", page.toUri().toString());
    List<String> console = new ArrayList<>();
    for (String line : run.err.split("\n")) {
      int at = line.indexOf(":CONSOLE");
      if (at >= 0) {
        console.add(line.substring(line.indexOf(']', at) + 1).strip());
      }
    }
    return new Rendered(run.out, console);
  }

  /** A picture of the page's top, {@code width} by {@code height} CSS pixels. */
  public void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(),
        page.toUri().toString());
    assertThat(png).isNotEmptyFile();
  }

  private record Run(String out, String err) {}

  private Run run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    // Root in a container has no sandbox to enter; the page is the project's own file.
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--enable-logging=stderr",
            "--v=0",
            // The page's scripts run to the end before the DOM or the picture is taken.
            "--virtual-time-budget=10000"));
    command.addAll(List.of(arguments));
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("chromium within 2 minutes").isTrue();
    String errors = Files.readString(err);
    assertThat(process.exitValue()).as(errors).isZero();
    return new Run(out, errors);
  }
}
