package dev.traildenials.source;

import dev.traildenials.archive.ArchiveEntry;
import dev.traildenials.archive.ArchiveStore;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>It uses file system instances of its own, not Hadoop's shared cache, so that the requests it
 * reports are exactly the listing's; {@link #close()} releases them.
 */
public final class HadoopArchiveStore implements ArchiveStore, Closeable {

  private final Configuration configuration;
  private final Map<String, FileSystem> fileSystems = new ConcurrentHashMap<>();

  public HadoopArchiveStore(Configuration configuration) {
    this.configuration = configuration;
  }

  /** The requests the listings made so far. */
  public StoreRequests requests() {
    StoreRequests total = StoreRequests.NONE;
    for (FileSystem fileSystem : fileSystems.values()) {
      total = total.plus(StoreRequests.of(fileSystem));
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    for (FileSystem fileSystem : fileSystems.values()) {
      fileSystem.close();
    }
    fileSystems.clear();
  }

  private FileSystem fileSystem(Path path) throws IOException {
    URI uri = path.toUri();
    String key = uri.getScheme() + "://" + uri.getAuthority();
    try {
      return fileSystems.computeIfAbsent(
          key,
          unused -> {
            try {
              return FileSystem.newInstance(uri, configuration);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public List<ArchiveEntry> list(String folder) throws IOException {
    Path path = new Path(folder);
    FileSystem fileSystem = fileSystem(path);
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
    FileSystem fileSystem = fileSystem(path);
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

  @Override
  public Optional<ArchiveEntry> status(String path) throws IOException {
    Path qualified = new Path(path);
    try {
      return Optional.of(entryOf(path, fileSystem(qualified).getFileStatus(qualified)));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  private static ArchiveEntry entryOf(String path, FileStatus status) {
    return new ArchiveEntry(
        path, status.isDirectory(), status.getLen(), status.getModificationTime());
  }
}
