package dev.traildenials.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TrailDenials.class.getPackage().getImplementationVersion();
    return new String[] {"trail-denials " + (version == null ? "development" : version)};
  }
}
