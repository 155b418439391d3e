package dev.traildenials.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * JVM flags for the short Spark runs the tests start in processes of their own: the client compiler
 * only and the serial collector (on two cores the optimizing compiler's threads took CPU from a
 * one-minute run without paying it back), and a class archive of the classes such a run loads,
 * written by the first run of a build and mapped by the later ones. A report in a child took 54 s
 * wall and 100 s CPU without them, 41 s and 54 s with them.
 */
public final class ChildJvm {

  private final List<String> flags = new ArrayList<>();
  private final Path archive;
  private final Path dumping;

  private ChildJvm(Path archive, Path dumping) {
    this.archive = archive;
    this.dumping = dumping;
  }

  /** The flags for a child JVM whose classpath is {@code classpath}. */
  public static ChildJvm forClasspath(String classpath) {
    Path archive = archiveFor(classpath);
    ChildJvm child;
    if (Files.isRegularFile(archive)) {
      child = new ChildJvm(archive, null);
      child.flags.add("-XX:SharedArchiveFile=" + archive);
    } else {
      // Written to a name of its own when the JVM exits, and put in place only after a clean exit:
      // a killed or failed run, or two runs at once, never leave a partial archive under the name.
      Path dumping = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID());
      child = new ChildJvm(archive, dumping);
      child.flags.add("-XX:ArchiveClassesAtExit=" + dumping);
    }
    child.flags.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off"));
    return child;
  }

  public List<String> flags() {
    return flags;
  }

  /** Puts the archive the started JVM writes in place once it exits cleanly. */
  public void started(Process process) {
    if (dumping == null) {
      return;
    }
    process
        .onExit()
        .thenRun(
            () -> {
              try {
                if (process.exitValue() == 0 && Files.isRegularFile(dumping)) {
                  Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.deleteIfExists(dumping);
              } catch (IOException e) {
                // Another run put its archive in place first; this one is not needed.
              }
            });
  }

  /**
   * The archive of this classpath as it is now, under the build's folder: named by the JVM, the
   * project's JVM flags and the classpath's entries (paths, sizes, times), so that a rebuilt jar or
   * another JDK gets an archive of its own (the JVM ignores one that does not match). Archives of
   * earlier builds are removed.
   */
  private static Path archiveFor(String classpath) {
    long key = (System.getProperty("java.home") + System.getProperty("java.vm.version")).hashCode();
    key = 31 * key + System.getProperty("trail-denials.jvm-flags", "").hashCode();
    key = 31 * key + classpath.hashCode();
    for (String entry : classpath.split(File.pathSeparator)) {
      File file = new File(entry);
      key = 31 * key + file.length();
      key = 31 * key + file.lastModified();
    }
    Path folder =
        Path.of(System.getProperty("trail-denials.jar")).getParent().resolve("child-classes");
    String name = String.format(Locale.ROOT, "%016x.jsa", key);
    try {
      Files.createDirectories(folder);
      try (Stream<Path> old = Files.list(folder)) {
        for (Path file : old.toList()) {
          if (file.getFileName().toString().endsWith(".jsa")
              && !file.getFileName().toString().equals(name)) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder.resolve(name);
  }
}
