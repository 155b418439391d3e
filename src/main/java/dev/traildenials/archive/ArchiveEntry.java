package dev.traildenials.archive;

/**
 * One object or folder as a listing returns it.
 *
 * @param path full path, as the store names it ({@code s3a://bucket/AWSLogs/...})
 * @param directory whether it is a folder (a common prefix on S3)
 * @param size bytes, 0 for folders
 * @param modificationTime epoch milliseconds, 0 when unknown
 */
public record ArchiveEntry(String path, boolean directory, long size, long modificationTime) {

  /** The last segment of the path. */
  public String name() {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
