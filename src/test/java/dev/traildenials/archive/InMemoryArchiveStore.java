package dev.traildenials.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A bucket in memory that records every listing made of it. */
final class InMemoryArchiveStore implements ArchiveStore {

  private final TreeMap<String, Long> files = new TreeMap<>();
  final List<String> listings = Collections.synchronizedList(new ArrayList<>());

  InMemoryArchiveStore add(String path, long size) {
    files.put(path, size);
    return this;
  }

  @Override
  public List<ArchiveEntry> list(String folder) {
    listings.add(folder);
    String prefix = folder + "/";
    Set<String> folders = new TreeSet<>();
    List<ArchiveEntry> entries = new ArrayList<>();
    for (var file : files.tailMap(prefix).entrySet()) {
      if (!file.getKey().startsWith(prefix)) {
        break;
      }
      String rest = file.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        entries.add(new ArchiveEntry(file.getKey(), false, file.getValue(), 0));
      } else {
        folders.add(prefix + rest.substring(0, slash));
      }
    }
    folders.forEach(path -> entries.add(new ArchiveEntry(path, true, 0, 0)));
    return entries;
  }

  @Override
  public List<ArchiveEntry> listFilesRecursively(String folder) {
    listings.add(folder + " (recursive)");
    String prefix = folder + "/";
    List<ArchiveEntry> entries = new ArrayList<>();
    for (var file : files.tailMap(prefix).entrySet()) {
      if (!file.getKey().startsWith(prefix)) {
        break;
      }
      entries.add(new ArchiveEntry(file.getKey(), false, file.getValue(), 0));
    }
    return entries;
  }
}
