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

  @Test
  void ec2CallsNameTheirResourceByIdAndGetItsArn() {
    assertThat(ec2ResourceFrom("{\"instanceId\":\"i-0abc\",\"attribute\":\"userData\"}"))
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc");
    assertThat(
            ec2ResourceFrom(
                "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-1\"},{\"instanceId\":\"i-2\"}]},\"force\":false}"))
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/i-1");
    assertThat(
            ec2ResourceFrom(
                "{\"volumeId\":\"vol-1\",\"instanceId\":\"i-9\",\"device\":\"/dev/sdf\"}"))
        .as("a call that names an instance and a volume is about the instance")
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/i-9");
    assertThat(
            ec2ResourceFrom("{\"snapshotId\":\"snap-1\",\"attribute\":\"createVolumePermission\"}"))
        .as("snapshots and images are regional, with no account in their ARN")
        .isEqualTo("arn:aws:ec2:eu-west-1::snapshot/snap-1");
    assertThat(ec2ResourceFrom("{\"groupId\":\"sg-1\",\"ipPermissions\":{}}"))
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1");
    assertThat(ec2ResourceFrom("{\"keyName\":\"ops\"}"))
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:key-pair/ops");
    assertThat(ec2ResourceFrom("{\"filterSet\":{}}")).isNull();
    assertThat(
            DenialClassifier.classify(
                    new DenialFacts(
                        "Client.UnauthorizedOperation",
                        null,
                        "ec2.amazonaws.com",
                        "GetPasswordData",
                        null,
                        "eu-west-1",
                        ALICE,
                        List.of(),
                        "{\"instanceId\":\"i-0abc\"}"))
                .deniedResource())
        .as("without the account, the id itself")
        .isEqualTo("i-0abc");
    assertThat(resourceFrom("{\"groupId\":\"g-1\"}"))
        .as("only EC2's parameters are read as EC2's")
        .isNull();
  }

  @Test
  void aWildcardOfOneTypeGivesWayToTheResourceTheRequestNames() {
    String message =
        "You are not authorized to perform this operation. User: "
            + ALICE
            + " is not authorized to perform: ec2:GetPasswordData on resource:"
            + " arn:aws:ec2:eu-west-1:111122223333:instance/* because no identity-based policy"
            + " allows the ec2:GetPasswordData action. Encoded authorization failure message: x";
    assertThat(
            DenialClassifier.classify(
                    facts(
                        message,
                        "ec2.amazonaws.com",
                        "GetPasswordData",
                        null,
                        "{\"instanceId\":\"i-7\"}"))
                .deniedResource())
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/i-7");
    assertThat(
            DenialClassifier.classify(
                    facts(message, "ec2.amazonaws.com", "GetPasswordData", null, "{}"))
                .deniedResource())
        .as("with nothing better, the message's wildcard")
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/*");
    assertThat(
            DenialClassifier.classify(
                    facts(
                        message.replace("GetPasswordData", "RunInstances"),
                        "ec2.amazonaws.com",
                        "RunInstances",
                        null,
                        "{\"subnetId\":\"subnet-1\",\"instanceType\":\"p2.xlarge\"}"))
                .deniedResource())
        .as("instance/* does not give way to a resource of another type")
        .isEqualTo("arn:aws:ec2:eu-west-1:111122223333:instance/*");
  }

  private static String ec2ResourceFrom(String parameters) {
    return DenialClassifier.classify(
            facts(null, "ec2.amazonaws.com", "Call", List.of(), parameters))
        .deniedResource();
  }

  private static String resourceFrom(String parameters) {
    return DenialClassifier.classify(facts(null, "x.amazonaws.com", "Call", null, parameters))
        .deniedResource();
  }
}
