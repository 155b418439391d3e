package dev.traildenials.cli;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from {@code conf/trail-denials.properties}. Precedence, highest first: the flag
 * on the command line, then {@code <command>.<option>} in the file, then {@code <option>} in the
 * file, then the default built into the option. Keys are long option names without dashes.
 *
 * <p>The file is found through the {@code trail-denials.conf} system property (the launcher sets it
 * to the project's {@code conf/} folder); without it only built-in defaults apply.
 */
final class ConfDefaults implements IDefaultValueProvider {

  static final String CONF_DIRECTORY_PROPERTY = "trail-denials.conf";
  static final String FILE_NAME = "trail-denials.properties";

  private final Properties properties;

  ConfDefaults(Properties properties) {
    this.properties = properties;
  }

  static ConfDefaults load() {
    Properties properties = new Properties();
    Optional<Path> file = confFile(FILE_NAME);
    if (file.isPresent()) {
      try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw Failure.internal("Cannot read " + file.get() + ": " + e.getMessage(), e);
      }
    }
    return new ConfDefaults(properties);
  }

  /** A file of the conf folder the launcher names, if there is one and it holds the file. */
  static Optional<Path> confFile(String name) {
    String directory = System.getProperty(CONF_DIRECTORY_PROPERTY);
    if (directory == null) {
      return Optional.empty();
    }
    Path file = Path.of(directory, name);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option) || argument.command() == null) {
      return null;
    }
    String key = option.longestName().replaceFirst("^-+", "");
    String qualified = argument.command().name() + "." + key;
    return properties.getProperty(qualified, properties.getProperty(key));
  }
}
