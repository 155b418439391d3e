package dev.traildenials.source;

import dev.traildenials.archive.LogFile;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens a planned log file for one sequential read.
 *
 * <p>On S3 the listing already gave each file's size, so the open passes it on and s3a skips the
 * HEAD request it would otherwise make before the GET: one request per file instead of two.
 *
 * <p>On a local disk the file is read without Hadoop's checksum layer, which looks for a {@code
 * .crc} file beside every file it opens (a failed lookup and an exception each time). Archives do
 * not come with such files, and the gzip trailer's CRC-32 already checks every byte read.
 */
final class LogFileOpener {

  private static final String S3A = "org.apache.hadoop.fs.s3a.S3AFileSystem";

  private LogFileOpener() {}

  static FSDataInputStream open(FileSystem fileSystem, LogFile file) throws IOException {
    Path path = fileSystem.makeQualified(new Path(file.path()));
    if (fileSystem.getClass().getName().equals(S3A)) {
      // Only loaded when s3a is in use, so a cluster without hadoop-aws never needs its classes.
      return S3aLogFiles.open(fileSystem, path, file);
    }
    if (fileSystem instanceof LocalFileSystem local) {
      return local.getRawFileSystem().open(path);
    }
    return fileSystem.open(path);
  }
}
