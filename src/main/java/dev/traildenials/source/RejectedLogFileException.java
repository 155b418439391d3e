package dev.traildenials.source;

/** A bad log file met by a strict read, which stops at the first one. */
public final class RejectedLogFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RejectedLogFileException(String path, String reason) {
    super(
        "Rejected log file "
            + path
            + ": "
            + reason
            + ". The read is strict (--strict), so it stops here; without --strict bad files are"
            + " reported and every other file is read.");
  }
}
