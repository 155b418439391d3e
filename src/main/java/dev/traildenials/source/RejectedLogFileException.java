package dev.traildenials.source;

import dev.traildenials.failure.Failure;
import java.util.List;

/** A bad log file met by a strict read, which stops at the first one. */
public final class RejectedLogFileException extends Failure {

  private static final long serialVersionUID = 1L;

  public RejectedLogFileException(String path, String reason) {
    super(
        Kind.BAD_DATA,
        "Rejected log file "
            + path
            + ": "
            + reason
            + ". The read is strict ({strict}), so it stops here; without it bad files are"
            + " reported and every other file is read.",
        List.of(CloudTrailReadOptions.STRICT),
        null);
  }
}
