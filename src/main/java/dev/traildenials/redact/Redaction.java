package dev.traildenials.redact;

import dev.traildenials.failure.Failure;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the sensitive fields of a denial are written to tables meant to be shared outside the
 * security team: source IP addresses are replaced by a keyed hash (HMAC-SHA256) when a key is
 * given, so that the same address still groups together, and dropped otherwise; user agents and
 * request parameters are dropped.
 *
 * <p>A plain hash would not do: the IPv4 space is small enough to hash every address and look one
 * up. The key never appears in {@link #toString()}.
 */
public final class Redaction implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";
  private static final Redaction NONE = new Redaction(false, null);

  private final boolean enabled;
  private final byte[] key;

  private Redaction(boolean enabled, byte[] key) {
    this.enabled = enabled;
    this.key = key == null ? null : key.clone();
  }

  /** Fields are written as read. */
  public static Redaction none() {
    return NONE;
  }

  /**
   * Sensitive fields redacted; source IPs hashed with this key, or dropped when it is null.
   *
   * @param key the HMAC key; at least 16 bytes, for a key shorter than that is guessable
   */
  public static Redaction withKey(byte[] key) {
    if (key != null && key.length < 16) {
      throw Failure.userInput(
          "The redaction key must be at least 16 bytes (it has " + key.length + ")");
    }
    return new Redaction(true, key);
  }

  /** Sensitive fields redacted, source IPs dropped. */
  public static Redaction dropAll() {
    return new Redaction(true, null);
  }

  public boolean enabled() {
    return enabled;
  }

  /** A source IP address as it may be written: itself, its keyed hash, or null. */
  public String sourceIp(String address) {
    if (!enabled || address == null) {
      return address;
    }
    if (key == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      byte[] digest = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
      return "hmac-sha256:" + HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
    } catch (GeneralSecurityException e) {
      throw Failure.internal("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** A field that is dropped when redacting (user agent, request parameters). */
  public String dropped(String value) {
    return enabled ? null : value;
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "no redaction";
    }
    return key == null ? "redacted, source IPs dropped" : "redacted, source IPs hashed with a key";
  }
}
