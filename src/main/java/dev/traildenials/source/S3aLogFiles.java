package dev.traildenials.source;

import dev.traildenials.archive.LogFile;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileStatus;
import org.apache.hadoop.util.functional.FutureIO;

/** s3a's open with a known status: no HEAD request, read policy sequential (whole gzip files). */
final class S3aLogFiles {

  private S3aLogFiles() {}

  static FSDataInputStream open(FileSystem fileSystem, Path path, LogFile file) throws IOException {
    // Hadoop 3.3.4's s3a skips its HEAD only for a status of its own type.
    S3AFileStatus status =
        new S3AFileStatus(
            file.size(),
            file.modificationTime(),
            path,
            fileSystem.getDefaultBlockSize(path),
            "",
            null,
            null);
    return FutureIO.awaitFuture(
        fileSystem
            .openFile(path)
            .withFileStatus(status)
            .opt("fs.s3a.experimental.input.fadvise", "sequential")
            .build());
  }
}
