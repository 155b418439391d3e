package dev.traildenials.classify;

import static dev.traildenials.classify.PrincipalKind.AWS_ACCOUNT;
import static dev.traildenials.classify.PrincipalKind.HUMAN;
import static dev.traildenials.classify.PrincipalKind.ROLE;
import static dev.traildenials.classify.PrincipalKind.SERVICE_LINKED_ROLE;
import static dev.traildenials.classify.PrincipalKind.SERVICE_PRINCIPAL;
import static dev.traildenials.classify.PrincipalKind.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.traildenials.testing.TestArchives;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every userIdentity shape of IAM's CloudTrail documentation, and every one in the real logs. */
class PrincipalKindTest {

  private static final String ACCOUNT = "111122223333";

  @Test
  void peopleAreHumanWhicheverWayTheySignedIn() {
    assertThat(kind("Root", "arn:aws:iam::" + ACCOUNT + ":root", null, null)).isEqualTo(HUMAN);
    assertThat(kind("IAMUser", "arn:aws:iam::" + ACCOUNT + ":user/Alice", null, null))
        .isEqualTo(HUMAN);
    assertThat(kind("IAMUser", null, null, null))
        .as("a console sign-in without an ARN")
        .isEqualTo(HUMAN);
    assertThat(kind("FederatedUser", "arn:aws:sts::" + ACCOUNT + ":federated-user/Bob", null, null))
        .isEqualTo(HUMAN);
    assertThat(kind("IdentityCenterUser", null, null, null)).isEqualTo(HUMAN);
    assertThat(kind("SAMLUser", null, null, null)).isEqualTo(HUMAN);
    assertThat(kind("WebIdentityUser", null, null, null)).isEqualTo(HUMAN);
    assertThat(kind("Directory", null, null, null)).isEqualTo(HUMAN);
    String ssoRole =
        "arn:aws:iam::"
            + ACCOUNT
            + ":role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef";
    String ssoSession =
        "arn:aws:sts::" + ACCOUNT + ":assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice";
    assertThat(kind("AssumedRole", ssoSession, ssoRole, null))
        .as("an Identity Center session")
        .isEqualTo(HUMAN);
    assertThat(kind("AssumedRole", ssoSession, null, null))
        .as("an Identity Center session without its issuer")
        .isEqualTo(HUMAN);
  }

  @Test
  void roleSessionsAreRolesUnlessTheRoleIsServiceLinked() {
    String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/DataPipelineRole/run-1";
    assertThat(
            kind(
                "AssumedRole", session, "arn:aws:iam::" + ACCOUNT + ":role/DataPipelineRole", null))
        .isEqualTo(ROLE);
    assertThat(kind("AssumedRole", session, null, null)).isEqualTo(ROLE);
    assertThat(kind("Role", "arn:aws:iam::" + ACCOUNT + ":role/Deployer", null, null))
        .isEqualTo(ROLE);
    String configRole =
        "arn:aws:iam::"
            + ACCOUNT
            + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
    assertThat(
            kind(
                "AssumedRole",
                "arn:aws:sts::"
                    + ACCOUNT
                    + ":assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe",
                configRole,
                "config.amazonaws.com"))
        .isEqualTo(SERVICE_LINKED_ROLE);
    assertThat(
            kind(
                "AssumedRole",
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/AWSServiceRoleForBackups/job",
                "arn:aws:iam::" + ACCOUNT + ":role/AWSServiceRoleForBackups",
                null))
        .as("named like a service-linked role, but not under aws-service-role/")
        .isEqualTo(ROLE);
  }

  @Test
  void servicesAndAccountsAreWhatTheyAre() {
    assertThat(kind("AWSService", null, null, "delivery.logs.amazonaws.com"))
        .isEqualTo(SERVICE_PRINCIPAL);
    assertThat(kind(null, null, null, "ec2.amazonaws.com"))
        .as("a service event that names only its service")
        .isEqualTo(SERVICE_PRINCIPAL);
    assertThat(kind("AWSAccount", null, null, null)).isEqualTo(AWS_ACCOUNT);
    assertThat(kind("Unknown", null, null, null)).isEqualTo(UNKNOWN);
    assertThat(kind(null, null, null, null)).isEqualTo(UNKNOWN);
    assertThat(kind("awsservice", null, null, "x.amazonaws.com"))
        .as("any case")
        .isEqualTo(SERVICE_PRINCIPAL);
    assertThat(SERVICE_LINKED_ROLE.label()).isEqualTo("service-linked role");
  }

  /**
   * Every record of both real datasets, by the identity type and issuer its raw JSON holds: the
   * kinds, and how many of each (counted from the files, see each dataset's README).
   */
  @Test
  void everyIdentityInTheRealLogsHasItsKind() {
    List<JsonNode> records =
        new ArrayList<>(TestArchives.recordsUnder(TestArchives.sigmaDataset()));
    records.addAll(TestArchives.recordsUnder(TestArchives.stratusDataset()));
    Map<String, Integer> kinds = new TreeMap<>();
    for (JsonNode event : records) {
      String type = TestArchives.text(event, "userIdentity", "type");
      String issuer =
          TestArchives.text(event, "userIdentity", "sessionContext", "sessionIssuer", "arn");
      PrincipalKind kind =
          kind(
              type,
              TestArchives.text(event, "userIdentity", "arn"),
              issuer,
              TestArchives.text(event, "userIdentity", "invokedBy"));
      PrincipalKind expected =
          switch (type == null ? "none" : type) {
            case "IAMUser", "FederatedUser" -> HUMAN;
            case "AssumedRole" ->
                issuer.contains(":role/aws-service-role/")
                    ? SERVICE_LINKED_ROLE
                    : issuer.contains(":role/aws-reserved/sso.amazonaws.com/") ? HUMAN : ROLE;
            case "AWSService", "none" -> SERVICE_PRINCIPAL;
            default ->
                throw new AssertionError("an identity type this test does not know: " + type);
          };
      assertThat(kind).as("%s", event.get("eventID")).isEqualTo(expected);
      kinds.merge(kind.label(), 1, Integer::sum);
    }
    assertThat(kinds)
        .containsExactly(
            Map.entry("human", 2994),
            Map.entry("role", 134),
            Map.entry("service principal", 76),
            Map.entry("service-linked role", 6));
  }

  private static PrincipalKind kind(String type, String arn, String issuer, String invokedBy) {
    return PrincipalKind.of(type, arn, issuer, invokedBy);
  }
}
