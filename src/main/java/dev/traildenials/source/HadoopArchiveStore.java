package dev.traildenials.source;

import dev.traildenials.archive.ArchiveEntry;
import dev.traildenials.archive.ArchiveStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists an archive through Hadoop's file systems: {@code file:} locally, {@code s3a:} on S3.
 *
 * <p>Returned paths are spelled from the folder the caller gave, not as the file system qualifies
 * them, so that the planner can compare them with its own.
 */
public final class HadoopArchiveStore implements ArchiveStore {

  private final Configuration configuration;

  public HadoopArchiveStore(Configuration configuration) {
    this.configuration = configuration;
  }

  @Override
  public List<ArchiveEntry> list(String folder) throws IOException {
    Path path = new Path(folder);
    FileSystem fileSystem = path.getFileSystem(configuration);
    FileStatus[] statuses;
    try {
      statuses = fileSystem.listStatus(path);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<ArchiveEntry> entries = new ArrayList<>(statuses.length);
    for (FileStatus status : statuses) {
      if (status.isFile() && status.getPath().equals(fileSystem.makeQualified(path))) {
        continue; // the folder is a file: it has no children
      }
      entries.add(entryOf(folder + "/" + status.getPath().getName(), status));
    }
    return entries;
  }

  @Override
  public List<ArchiveEntry> listFilesRecursively(String folder) throws IOException {
    Path path = new Path(folder);
    FileSystem fileSystem = path.getFileSystem(configuration);
    String qualifiedFolder = fileSystem.makeQualified(path).toString();
    List<ArchiveEntry> entries = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(path, true);
      while (files.hasNext()) {
        LocatedFileStatus status = files.next();
        String qualified = status.getPath().toString();
        if (!qualified.startsWith(qualifiedFolder + "/")) {
          continue;
        }
        entries.add(entryOf(folder + qualified.substring(qualifiedFolder.length()), status));
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    return entries;
  }

  private static ArchiveEntry entryOf(String path, FileStatus status) {
    return new ArchiveEntry(
        path, status.isDirectory(), status.getLen(), status.getModificationTime());
  }
}
