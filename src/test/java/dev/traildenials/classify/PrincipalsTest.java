package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalsTest {

  private static final String CONFIG_ROLE =
      "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

  @Test
  void aRoleSessionIsChargedToItsRoleWithThePathTheIssuerKeeps() {
    assertThat(
            Principals.principalArn(
                "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/1690000000",
                CONFIG_ROLE,
                "config.amazonaws.com",
                "AROA:1690000000"))
        .isEqualTo(CONFIG_ROLE);
  }

  @Test
  void withoutAnIssuerTheRoleArnIsRebuiltFromTheSession() {
    assertThat(
            Principals.principalArn(
                "arn:aws-us-gov:sts::111122223333:assumed-role/deployer/ci-run-7",
                null,
                null,
                null))
        .isEqualTo("arn:aws-us-gov:iam::111122223333:role/deployer");
  }

  @Test
  void usersRootAndServicesKeepWhatTheyAre() {
    assertThat(Principals.principalArn("arn:aws:iam::1:user/alice", null, null, "AIDA"))
        .isEqualTo("arn:aws:iam::1:user/alice");
    assertThat(Principals.principalArn("arn:aws:iam::1:root", null, null, "1"))
        .isEqualTo("arn:aws:iam::1:root");
    assertThat(Principals.principalArn(null, null, "cloudtrail.amazonaws.com", null))
        .isEqualTo("cloudtrail.amazonaws.com");
    assertThat(Principals.principalArn(null, null, null, "AIDAEXAMPLE")).isEqualTo("AIDAEXAMPLE");
  }

  @Test
  void onlyTheServiceRolePathMakesAServiceLinkedRole() {
    assertThat(Principals.linkedService(CONFIG_ROLE)).isEqualTo("config.amazonaws.com");
    assertThat(Principals.isServiceLinkedRole(CONFIG_ROLE)).isTrue();
    assertThat(
            Principals.linkedService(
                "arn:aws:iam::1:role/aws-service-role/elasticmapreduce.amazonaws.com/"
                    + "AWSServiceRoleForEMRCleanup"))
        .isEqualTo("elasticmapreduce.amazonaws.com");
    // Named like one, but created by a person on an ordinary path.
    assertThat(Principals.isServiceLinkedRole("arn:aws:iam::1:role/AWSServiceRoleForBackups"))
        .isFalse();
    assertThat(Principals.isServiceLinkedRole("arn:aws:iam::1:role/team/aws-service-role/x"))
        .isFalse();
    assertThat(Principals.isServiceLinkedRole(null)).isFalse();
  }
}
