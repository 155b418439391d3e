package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message shape of IAM's "Troubleshoot access denied error messages", and its variants. */
class DenialMessageTest {

  private static final String USER = "arn:aws:iam::777788889999:user/JohnDoe";

  static Stream<Arguments> messages() {
    return Stream.of(
        // Implicit denies, one per policy type IAM names.
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: codecommit:ListRepositories because no"
                + " identity-based policy allows the codecommit:ListRepositories action",
            new DenialMessage(
                USER,
                "codecommit:ListRepositories",
                null,
                DenyKind.IMPLICIT,
                PolicyType.IDENTITY_BASED,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: codecommit:ListRepositories on resource:"
                + " arn:aws:codecommit:us-east-1:123456789012:MyRepo because no resource-based"
                + " policy allows the codecommit:ListRepositories action",
            new DenialMessage(
                USER,
                "codecommit:ListRepositories",
                "arn:aws:codecommit:us-east-1:123456789012:MyRepo",
                DenyKind.IMPLICIT,
                PolicyType.RESOURCE_BASED,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: iam:CreateRole on resource:"
                + " arn:aws:iam::777788889999:role/etl because no permissions boundary allows the"
                + " iam:CreateRole action",
            new DenialMessage(
                USER,
                "iam:CreateRole",
                "arn:aws:iam::777788889999:role/etl",
                DenyKind.IMPLICIT,
                PolicyType.PERMISSIONS_BOUNDARY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: dynamodb:DescribeTable because no service"
                + " control policy allows the dynamodb:DescribeTable action",
            new DenialMessage(
                USER,
                "dynamodb:DescribeTable",
                null,
                DenyKind.IMPLICIT,
                PolicyType.SERVICE_CONTROL_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::logs\""
                + " because no session policy allows the s3:ListBucket action",
            new DenialMessage(
                USER,
                "s3:ListBucket",
                "arn:aws:s3:::logs",
                DenyKind.IMPLICIT,
                PolicyType.SESSION_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:GetObject on resource:"
                + " \"arn:aws:s3:::logs/a b.txt\" because no VPC endpoint policy allows the"
                + " s3:GetObject action",
            new DenialMessage(
                USER,
                "s3:GetObject",
                "arn:aws:s3:::logs/a b.txt",
                DenyKind.IMPLICIT,
                PolicyType.VPC_ENDPOINT_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: sts:AssumeRole because no role trust policy"
                + " allows the sts:AssumeRole action",
            new DenialMessage(
                USER,
                "sts:AssumeRole",
                null,
                DenyKind.IMPLICIT,
                PolicyType.ROLE_TRUST_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::b/k\""
                + " because no resource control policy allows the s3:PutObject action",
            new DenialMessage(
                USER,
                "s3:PutObject",
                "arn:aws:s3:::b/k",
                DenyKind.IMPLICIT,
                PolicyType.RESOURCE_CONTROL_POLICY,
                null)),
        // Explicit denies, with and without the policy's ARN.
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: codecommit:ListRepositories with an explicit deny"
                + " in an identity-based policy",
            new DenialMessage(
                USER,
                "codecommit:ListRepositories",
                null,
                DenyKind.EXPLICIT,
                PolicyType.IDENTITY_BASED,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: iam:AttachRolePolicy on resource:"
                + " arn:aws:iam::777788889999:role/Admin with an explicit deny in an identity-based"
                + " policy: arn:aws:iam::777788889999:policy/DenyIamChanges",
            new DenialMessage(
                USER,
                "iam:AttachRolePolicy",
                "arn:aws:iam::777788889999:role/Admin",
                DenyKind.EXPLICIT,
                PolicyType.IDENTITY_BASED,
                "arn:aws:iam::777788889999:policy/DenyIamChanges")),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: kms:Decrypt on resource:"
                + " arn:aws:kms:us-east-1:777788889999:key/k1 with an explicit deny in a"
                + " resource-based policy",
            new DenialMessage(
                USER,
                "kms:Decrypt",
                "arn:aws:kms:us-east-1:777788889999:key/k1",
                DenyKind.EXPLICIT,
                PolicyType.RESOURCE_BASED,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: iam:DeleteRole on resource:"
                + " arn:aws:iam::777788889999:role/etl with an explicit deny in a permissions"
                + " boundary",
            new DenialMessage(
                USER,
                "iam:DeleteRole",
                "arn:aws:iam::777788889999:role/etl",
                DenyKind.EXPLICIT,
                PolicyType.PERMISSIONS_BOUNDARY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in a"
                + " service control policy: arn:aws:organizations::111122223333:policy/"
                + "o-abc/service_control_policy/p-1",
            new DenialMessage(
                USER,
                "s3:ListAllMyBuckets",
                null,
                DenyKind.EXPLICIT,
                PolicyType.SERVICE_CONTROL_POLICY,
                "arn:aws:organizations::111122223333:policy/o-abc/service_control_policy/p-1")),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\""
                + " with an explicit deny in a resource control policy",
            new DenialMessage(
                USER,
                "s3:GetObject",
                "arn:aws:s3:::b/k",
                DenyKind.EXPLICIT,
                PolicyType.RESOURCE_CONTROL_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\""
                + " with an explicit deny in a session policy",
            new DenialMessage(
                USER,
                "s3:GetObject",
                "arn:aws:s3:::b/k",
                DenyKind.EXPLICIT,
                PolicyType.SESSION_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\""
                + " with an explicit deny in a VPC endpoint policy",
            new DenialMessage(
                USER,
                "s3:GetObject",
                "arn:aws:s3:::b/k",
                DenyKind.EXPLICIT,
                PolicyType.VPC_ENDPOINT_POLICY,
                null)),
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: sts:AssumeRole with an explicit deny in the role"
                + " trust policy",
            new DenialMessage(
                USER,
                "sts:AssumeRole",
                null,
                DenyKind.EXPLICIT,
                PolicyType.ROLE_TRUST_POLICY,
                null)),
        // IAM's note: an SCP denial may say "due to an explicit deny in a Service Control Policy".
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: ec2:RunInstances due to an explicit deny in a"
                + " Service Control Policy.",
            new DenialMessage(
                USER,
                "ec2:RunInstances",
                null,
                DenyKind.EXPLICIT,
                PolicyType.SERVICE_CONTROL_POLICY,
                null)),
        // EC2: a prefix sentence, an explicit deny, then the encoded message.
        Arguments.of(
            "You are not authorized to perform this operation. User: "
                + USER
                + " is not authorized to perform: ec2:RunInstances on resource:"
                + " arn:aws:ec2:us-east-1:777788889999:instance/* with an explicit deny in a"
                + " service control policy. Encoded authorization failure message: AbC-d_e",
            new DenialMessage(
                USER,
                "ec2:RunInstances",
                "arn:aws:ec2:us-east-1:777788889999:instance/*",
                DenyKind.EXPLICIT,
                PolicyType.SERVICE_CONTROL_POLICY,
                null)),
        Arguments.of(
            "You are not authorized to perform this operation. Encoded authorization failure"
                + " message: ywUZb4ww98QmHKSEiQ7VqtRmMdV6Ck",
            new DenialMessage(null, null, null, DenyKind.ENCODED, null, null)),
        // The older message: no reason at all (also what the real logs hold for AssumeRole).
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: sts:AssumeRole on resource:"
                + " arn:aws:iam::777788889999:role/Admin",
            new DenialMessage(
                USER,
                "sts:AssumeRole",
                "arn:aws:iam::777788889999:role/Admin",
                DenyKind.UNKNOWN,
                null,
                null)),
        // KMS cannot tell a missing key from a policy denial.
        Arguments.of(
            "User: "
                + USER
                + " is not authorized to perform: kms:Decrypt on the resource associated with this"
                + " ciphertext because the resource does not exist in this Region, no"
                + " resource-based policies allow access, or a resource-based policy explicitly"
                + " denies access",
            new DenialMessage(
                USER, "kms:Decrypt", null, DenyKind.UNKNOWN, PolicyType.RESOURCE_BASED, null)),
        Arguments.of("Access Denied", DenialMessage.NOTHING),
        Arguments.of("", DenialMessage.NOTHING),
        Arguments.of(null, DenialMessage.NOTHING));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void readsTheMessage(String message, DenialMessage expected) {
    assertThat(DenialMessage.parse(message)).isEqualTo(expected);
  }
}
