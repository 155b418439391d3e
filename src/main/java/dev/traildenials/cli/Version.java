package dev.traildenials.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and the git commit the build came from, as the build wrote them into {@code
 * version.properties}: the same from the classes folder and from the jar.
 */
final class Version implements IVersionProvider {

  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {line(load())};
  }

  /** {@code trail-denials 0.1.0 (commit cee77f5)}, or what is known of it. */
  static String line(Properties properties) {
    String version = known(properties.getProperty("version"));
    String commit = known(properties.getProperty("commit"));
    return "trail-denials "
        + (version == null ? "development" : version)
        + (commit == null ? " (unknown commit)" : " (commit " + commit + ")");
  }

  /** A value the build filled in, or null for a missing one or a placeholder left as it was. */
  private static String known(String value) {
    if (value == null || value.isBlank() || value.contains("${")) {
      return null;
    }
    return value.strip();
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // No version is no reason to fail: the line says what is unknown.
    }
    return properties;
  }
}
