package dev.traildenials.store;

import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Text files beside the tables (the human report, alert documents), written whole. */
public final class OutputFiles {

  private OutputFiles() {}

  /** Writes {@code text} as UTF-8 to {@code file}, replacing it; returns the file's location. */
  public static String write(Configuration hadoop, String file, String text) {
    Path path = new Path(file);
    try {
      FileSystem fileSystem = path.getFileSystem(hadoop);
      try (OutputStream stream = fileSystem.create(path, true)) {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return path.toString();
    } catch (IOException e) {
      throw Failure.storage("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static boolean exists(Configuration hadoop, String file) {
    Path path = new Path(file);
    try {
      return path.getFileSystem(hadoop).exists(path);
    } catch (IOException e) {
      throw Failure.storage("Cannot look for " + file + ": " + e.getMessage(), e);
    }
  }
}
