package dev.traildenials.archive;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The listing operations the planner needs from a file system or object store. */
public interface ArchiveStore {

  /** The direct children of a folder; an empty list when it does not exist. */
  List<ArchiveEntry> list(String folder) throws IOException;

  /** Every file below a folder, at any depth; an empty list when it does not exist. */
  List<ArchiveEntry> listFilesRecursively(String folder) throws IOException;

  /**
   * The path itself, a file or a folder; empty when nothing is there. Asked only of a root that
   * listed nothing, to tell a missing path from a single file or an empty folder.
   */
  Optional<ArchiveEntry> status(String path) throws IOException;
}
