package dev.traildenials.render;

/**
 * Error messages as a person reads them on a page. EC2 appends an encoded authorization failure
 * message of a kilobyte or more, which only {@code aws sts decode-authorization-message} can read;
 * the page shows the words before it and how to decode it, and the tables keep the whole text.
 */
public final class ReadableMessages {

  static final String ENCODED = "Encoded authorization failure message: ";

  private ReadableMessages() {}

  /** The message, with an encoded authorization failure message replaced by how to decode it. */
  public static String readable(String message) {
    if (message == null) {
      return null;
    }
    int encoded = message.indexOf(ENCODED);
    if (encoded < 0) {
      return message;
    }
    int length = message.length() - encoded - ENCODED.length();
    return message.substring(0, encoded)
        + "Encoded authorization failure message of "
        + length
        + " characters: decode it with aws sts decode-authorization-message --encoded-message"
        + " <the message in denial_events>.";
  }
}
