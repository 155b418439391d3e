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
      Classification classification = DenialClassifier.classify(factsOf(event));
      String service = source.substring(0, source.indexOf('.'));

      if (message.startsWith("You are not authorized to perform this operation. Encoded")) {
        encoded++;
        assertThat(classification)
            .isEqualTo(
                new Classification(
                    DenyKind.ENCODED, null, null, service + ":" + name, instanceArnOf(event)));
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

  /**
   * Every EC2 denial of both real datasets names its resource: the instance its request names, as
   * an ARN of the record's account and region, where the message names none or only {@code
   * instance/*}.
   */
  @Test
  void everyRealEc2DenialNamesTheInstanceItsRequestNames() {
    int withInstance = 0;
    int wildcardOnly = 0;
    for (JsonNode event :
        concat(
            TestArchives.recordsUnder(TestArchives.sigmaDataset()),
            TestArchives.recordsUnder(TestArchives.stratusDataset()))) {
      String code = TestArchives.text(event, "errorCode");
      if (!"ec2.amazonaws.com".equals(TestArchives.text(event, "eventSource"))
          || code == null
          || !code.toLowerCase(Locale.ROOT).contains("unauthorized")) {
        continue;
      }
      String resource = DenialClassifier.classify(factsOf(event)).deniedResource();
      String instance = TestArchives.text(event, "requestParameters", "instanceId");
      if (instance != null) {
        withInstance++;
        assertThat(resource).as("%s", event.get("eventID")).isEqualTo(instanceArnOf(event));
      } else {
        // RunInstances names no instance yet: the message's instance/* stays.
        wildcardOnly++;
        assertThat(TestArchives.text(event, "eventName")).isEqualTo("RunInstances");
        assertThat(resource).endsWith(":instance/*");
      }
    }
    assertThat(List.of(withInstance, wildcardOnly)).containsExactly(89, 1);
  }

  private static String instanceArnOf(JsonNode event) {
    return "arn:aws:ec2:"
        + TestArchives.text(event, "awsRegion")
        + ":"
        + TestArchives.text(event, "recipientAccountId")
        + ":instance/"
        + TestArchives.text(event, "requestParameters", "instanceId");
  }

  private static DenialFacts factsOf(JsonNode event) {
    return new DenialFacts(
        TestArchives.text(event, "errorCode"),
        TestArchives.text(event, "errorMessage"),
        TestArchives.text(event, "eventSource"),
        TestArchives.text(event, "eventName"),
        TestArchives.text(event, "recipientAccountId"),
        TestArchives.text(event, "awsRegion"),
        TestArchives.text(event, "userIdentity", "arn"),
        List.of(),
        event.has("requestParameters") ? event.get("requestParameters").toString() : null);
  }

  private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
    List<JsonNode> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }
}
