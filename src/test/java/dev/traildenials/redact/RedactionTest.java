package dev.traildenials.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactionTest {

  private static final byte[] KEY =
      "a key of thirty-two bytes, no..".getBytes(StandardCharsets.UTF_8);

  @Test
  void anAddressHashesTheSameWithTheSameKeyAndOtherwiseWithAnother() {
    Redaction redaction = Redaction.withKey(KEY);
    String hashed = redaction.sourceIp("203.0.113.7");
    assertThat(hashed).matches("hmac-sha256:[0-9a-f]{32}");
    assertThat(redaction.sourceIp("203.0.113.7")).isEqualTo(hashed);
    assertThat(redaction.sourceIp("203.0.113.8")).isNotEqualTo(hashed);
    assertThat(
            Redaction.withKey("another key of 32 bytes, no.....".getBytes(StandardCharsets.UTF_8))
                .sourceIp("203.0.113.7"))
        .isNotEqualTo(hashed);
    // RFC 4231 test case 2 ("Jefe", "what do ya want for nothing?") starts 5bdcc146bf60754e.
    assertThat(hmacOf("Jefe", "what do ya want for nothing?")).startsWith("5bdcc146bf60754e");
  }

  private static String hmacOf(String key, String text) {
    // The 16-byte minimum is for configured keys; the algorithm is checked with the RFC's vector.
    try {
      var constructor = Redaction.class.getDeclaredConstructor(boolean.class, byte[].class);
      constructor.setAccessible(true);
      Redaction redaction = constructor.newInstance(true, key.getBytes(StandardCharsets.UTF_8));
      return redaction.sourceIp(text).substring("hmac-sha256:".length());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void withoutAKeyAddressesAreDroppedAndOtherFieldsAlways() {
    Redaction redaction = Redaction.dropAll();
    assertThat(redaction.sourceIp("203.0.113.7")).isNull();
    assertThat(redaction.dropped("aws-cli/2.15")).isNull();
    assertThat(Redaction.withKey(KEY).dropped("{\"bucketName\":\"b\"}")).isNull();
    assertThat(Redaction.none().sourceIp("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(Redaction.none().dropped("aws-cli/2.15")).isEqualTo("aws-cli/2.15");
    assertThat(Redaction.withKey(KEY).sourceIp(null)).isNull();
  }

  @Test
  void aShortKeyIsRefusedAndNoKeyIsEverPrinted() {
    assertThatThrownBy(() -> Redaction.withKey("short".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("at least 16 bytes");
    assertThat(Redaction.withKey(KEY).toString())
        .isEqualTo("redacted, source IPs hashed with a key")
        .doesNotContain("thirty-two");
  }
}
