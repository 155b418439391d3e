package dev.traildenials.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JVM flags for the short Spark runs the tests start in processes of their own: the client compiler
 * only and the serial collector (on two cores the optimizing compiler's threads took CPU from a
 * one-minute run without paying it back), and a class archive of the classes such a run loads,
 * written by the first run of a build and mapped by the later ones. A run of the report in a child
 * took 54 s wall and 100 s CPU without them, 41 s and 54 s with them.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** The flags for a child whose classpath is {@code classpath}. */
  public static List<String> flags(String classpath) {
    List<String> flags = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    Path archive = archiveFor(classpath);
    if (Files.isRegularFile(archive)) {
      flags.add("-XX:SharedArchiveFile=" + archive);
    } else {
      // Written when the JVM exits; a JVM that is killed writes none, and the next run tries.
      flags.add("-XX:ArchiveClassesAtExit=" + archive);
    }
    flags.add("-Xlog:cds=off");
    flags.add("-Xlog:cds+dynamic=off");
    return flags;
  }

  /**
   * The archive of this classpath as it is now: named by its entries' paths, sizes and times, so a
   * rebuilt jar gets an archive of its own (the JVM refuses one whose jars changed).
   */
  private static Path archiveFor(String classpath) {
    long key = classpath.hashCode();
    for (String entry : classpath.split(File.pathSeparator)) {
      File file = new File(entry);
      key = 31 * key + file.length();
      key = 31 * key + file.lastModified();
    }
    Path folder = Path.of(System.getProperty("java.io.tmpdir"), "trail-denials-test-classes");
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder.resolve(String.format(Locale.ROOT, "%016x.jsa", key));
  }
}
