package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenialClassifierTest {

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static DenialFacts facts(
      String message, String source, String name, List<String> resources, String parameters) {
    return new DenialFacts(
        "AccessDenied",
        message,
        source,
        name,
        "111122223333",
        "eu-west-1",
        ALICE,
        resources,
        parameters);
  }

  @Test
  void theMessageNamesActionResourceAndPolicy() {
    Classification classification =
        DenialClassifier.classify(
            facts(
                "User: "
                    + ALICE
                    + " is not authorized to perform: s3:GetEncryptionConfiguration on resource:"
                    + " \"arn:aws:s3:::audit\" because no VPC endpoint policy allows the"
                    + " s3:GetEncryptionConfiguration action",
                "s3.amazonaws.com",
                "GetBucketEncryption",
                List.of("arn:aws:s3:::other"),
                "{\"bucketName\":\"other\"}"));

    assertThat(classification)
        .isEqualTo(
            new Classification(
                DenyKind.IMPLICIT,
                "VPC endpoint policy",
                null,
                "s3:GetEncryptionConfiguration",
                "arn:aws:s3:::audit"));
  }

  @Test
  void withoutAMessageTheEventNamesTheActionAndResourcesTheResource() {
    Classification classification =
        DenialClassifier.classify(
            facts(
                "Access Denied",
                "s3.amazonaws.com",
                "GetBucketAcl",
                List.of("arn:aws:s3:::audit-logs"),
                "{\"bucketName\":\"ignored\"}"));

    assertThat(classification)
        .isEqualTo(
            new Classification(
                DenyKind.UNKNOWN, null, null, "s3:GetBucketAcl", "arn:aws:s3:::audit-logs"));
  }

  @Test
  void versionedEventNamesLoseTheirVersion() {
    assertThat(
            DenialClassifier.classify(
                    facts(null, "lambda.amazonaws.com", "CreateFunction20150331", null, null))
                .deniedAction())
        .isEqualTo("lambda:CreateFunction");
  }

  @Test
  void requestParametersNameTheResourceLast() {
    assertThat(resourceFrom("{\"bucketName\":\"b\",\"key\":\"a/b.txt\",\"x\":{\"y\":1}}"))
        .isEqualTo("arn:aws:s3:::b/a/b.txt");
    assertThat(resourceFrom("{\"roleArn\":\"arn:aws:iam::1:role/r\",\"bucketName\":\"b\"}"))
        .isEqualTo("arn:aws:iam::1:role/r");
    assertThat(resourceFrom("{\"roleName\":\"deployer\"}"))
        .isEqualTo("arn:aws:iam::111122223333:role/deployer");
    assertThat(resourceFrom("{\"tableName\":\"orders\"}"))
        .isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/orders");
    assertThat(resourceFrom("{\"functionName\":\"arn:aws:lambda:eu-west-1:1:function:f\"}"))
        .isEqualTo("arn:aws:lambda:eu-west-1:1:function:f");
    assertThat(resourceFrom("{\"instancesSet\":{\"items\":[]}}")).isNull();
    assertThat(resourceFrom("not json")).isNull();
    assertThat(resourceFrom(null)).isNull();
  }

  @Test
  void aWildcardResourceGivesWayToABetterOne() {
    Classification classification =
        DenialClassifier.classify(
            facts(
                "User: "
                    + ALICE
                    + " is not authorized to perform: ecr:GetAuthorizationToken on resource: *"
                    + " because no identity-based policy allows the ecr:GetAuthorizationToken"
                    + " action",
                "ecr.amazonaws.com",
                "GetAuthorizationToken",
                null,
                null));
    assertThat(classification.deniedResource()).isEqualTo("*");
    assertThat(classification.deniedAction()).isEqualTo("ecr:GetAuthorizationToken");
  }

  private static String resourceFrom(String parameters) {
    return DenialClassifier.classify(facts(null, "x.amazonaws.com", "Call", null, parameters))
        .deniedResource();
  }
}
