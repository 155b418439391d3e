package dev.traildenials.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Programs the tests run, found as a shell finds them. */
public final class Executables {

  private Executables() {}

  /** The first executable of this name in a folder of {@code PATH}. */
  public static Optional<Path> onPath(String command) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(folder, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
