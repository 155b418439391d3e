package dev.traildenials.parse;

/** A log file that cannot be read completely as one CloudTrail log; it is rejected whole. */
public final class MalformedLogFileException extends Exception {

  private static final long serialVersionUID = 1L;

  public MalformedLogFileException(String reason) {
    super(reason);
  }

  /** Why the file was rejected, for a person. */
  public String reason() {
    return getMessage();
  }
}
