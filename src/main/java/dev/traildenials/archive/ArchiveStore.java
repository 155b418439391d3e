package dev.traildenials.archive;

import java.io.IOException;
import java.util.List;

/** The listing operations the planner needs from a file system or object store. */
public interface ArchiveStore {

  /** The direct children of a folder; an empty list when it does not exist. */
  List<ArchiveEntry> list(String folder) throws IOException;

  /** Every file below a folder, at any depth; an empty list when it does not exist. */
  List<ArchiveEntry> listFilesRecursively(String folder) throws IOException;
}
