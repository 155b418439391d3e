package dev.traildenials.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
  public Optional<ArchiveEntry> status(String path) {
    listings.add(path + " (status)");
    if (files.containsKey(path)) {
      return Optional.of(new ArchiveEntry(path, false, files.get(path), 0));
    }
    String prefix = path + "/";
    String next = files.ceilingKey(prefix);
    return next != null && next.startsWith(prefix)
        ? Optional.of(new ArchiveEntry(path, true, 0, 0))
        : Optional.empty();
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
