package dev.traildenials.archive;

import java.io.Serializable;

/** Something under the archive that is not read, and why. */
public record SkippedPath(String path, String reason) implements Serializable {}
