package dev.traildenials.cli;

import java.util.HashSet;
import java.util.Set;

/** Turns an exception into the sentence a user needs: the innermost message that says something. */
final class Failures {

  private Failures() {}

  static String describe(Throwable failure) {
    Throwable deepest = failure;
    Set<Throwable> seen = new HashSet<>();
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        deepest = cause;
      }
      if (cause instanceof dev.traildenials.source.RejectedLogFileException
          || cause instanceof IllegalArgumentException) {
        return cause.getMessage();
      }
    }
    String message = deepest.getMessage();
    return message == null ? deepest.toString() : message;
  }
}
