package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.traildenials.testing.TestArchives;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every denial in the real logs under ../shared/datasets, classified. The logs hold three message
 * shapes; each is asserted on every record that has it, and no denial is left unasserted.
 */
class RealDenialMessagesTest {

  @Test
  void everyRealDenialIsClassified() {
    List<JsonNode> denials = new ArrayList<>();
    for (JsonNode event : TestArchives.recordsUnder(TestArchives.sigmaDataset())) {
      String code = TestArchives.text(event, "errorCode");
      if (code != null
          && (code.toLowerCase(Locale.ROOT).contains("accessdenied")
              || code.toLowerCase(Locale.ROOT).contains("unauthorized"))) {
        denials.add(event);
      }
    }
    assertThat(denials).hasSize(60);

    int encoded = 0;
    int assumeRole = 0;
    int implicit = 0;
    int notActivated = 0;
    for (JsonNode event : denials) {
      String message = TestArchives.text(event, "errorMessage");
      String source = TestArchives.text(event, "eventSource");
      String name = TestArchives.text(event, "eventName");
      Classification classification =
          DenialClassifier.classify(
              new DenialFacts(
                  TestArchives.text(event, "errorCode"),
                  message,
                  source,
                  name,
                  TestArchives.text(event, "recipientAccountId"),
                  TestArchives.text(event, "awsRegion"),
                  TestArchives.text(event, "userIdentity", "arn"),
                  List.of(),
                  event.has("requestParameters")
                      ? event.get("requestParameters").toString()
                      : null));
      String service = source.substring(0, source.indexOf('.'));

      if (message.startsWith("You are not authorized to perform this operation. Encoded")) {
        encoded++;
        assertThat(classification)
            .isEqualTo(
                new Classification(DenyKind.ENCODED, null, null, service + ":" + name, null));
      } else if (message.contains("perform: sts:AssumeRole on resource: ")) {
        assumeRole++;
        String role = message.substring(message.indexOf("on resource: ") + 13);
        assertThat(classification)
            .isEqualTo(new Classification(DenyKind.UNKNOWN, null, null, "sts:AssumeRole", role));
      } else if (message.contains("because no identity-based policy allows")) {
        implicit++;
        assertThat(classification)
            .isEqualTo(
                new Classification(
                    DenyKind.IMPLICIT,
                    "identity-based policy",
                    null,
                    "organizations:LeaveOrganization",
                    "*"));
      } else {
        notActivated++;
        assertThat(message).isEqualTo("IAM user access not activated");
        assertThat(classification)
            .isEqualTo(new Classification(DenyKind.UNKNOWN, null, null, "ce:" + name, null));
      }
    }
    assertThat(List.of(encoded, assumeRole, implicit, notActivated)).containsExactly(44, 13, 1, 2);
  }
}
