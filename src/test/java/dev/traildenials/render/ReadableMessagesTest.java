package dev.traildenials.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableMessagesTest {

  @Test
  void anEncodedMessageBecomesHowToDecodeItAndTheWordsBeforeItStay() {
    String encoded = "x".repeat(1200);
    String message =
        "You are not authorized to perform this operation. User: arn:aws:sts::1:assumed-role/r/s"
            + " is not authorized to perform: ec2:RunInstances. Encoded authorization failure"
            + " message: "
            + encoded;
    String readable = ReadableMessages.readable(message);
    assertThat(readable)
        .startsWith(message.substring(0, message.indexOf("Encoded")))
        .contains("of 1200 characters")
        .contains("aws sts decode-authorization-message")
        .doesNotContain(encoded.substring(0, 40));
  }

  @Test
  void anyOtherMessageIsLeftAsItIs() {
    String message = "User: arn:aws:iam::1:user/a is not authorized to perform: s3:GetObject";
    assertThat(ReadableMessages.readable(message)).isEqualTo(message);
    assertThat(ReadableMessages.readable(null)).isNull();
  }
}
