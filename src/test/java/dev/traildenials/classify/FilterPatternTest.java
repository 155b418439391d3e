package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPatternTest {

  /** Seed 000's metric filter, as the blog post writes it. */
  static final String SEED_PATTERN =
      "{ $.eventName = Get* && $.errorCode = AccessDenied &&"
          + " $.userIdentity.sessionContext.sessionIssuer.arn ="
          + " \"arn:aws:iam::*:role/aws-service-role/*\" }";

  private static final String ISSUER = "userIdentity.sessionContext.sessionIssuer.arn";

  @Test
  void theSeedPatternMatchesServiceLinkedRoleGetDenials() {
    FilterPattern pattern = FilterPattern.parse(SEED_PATTERN);

    assertThat(pattern.paths()).containsExactly("eventName", "errorCode", ISSUER);
    assertThat(
            pattern.matches(
                Map.of(
                        "eventName",
                        "GetBucketAcl",
                        "errorCode",
                        "AccessDenied",
                        ISSUER,
                        "arn:aws:iam::1:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig")
                    ::get))
        .isTrue();
    // PutObject is not Get*; AccessDeniedException is not AccessDenied; a plain role is not one.
    assertThat(
            pattern.matches(
                Map.of(
                        "eventName",
                        "PutObject",
                        "errorCode",
                        "AccessDenied",
                        ISSUER,
                        "arn:aws:iam::1:role/aws-service-role/x/y")
                    ::get))
        .isFalse();
    assertThat(
            pattern.matches(
                Map.of(
                        "eventName",
                        "GetObject",
                        "errorCode",
                        "AccessDeniedException",
                        ISSUER,
                        "arn:aws:iam::1:role/aws-service-role/x/y")
                    ::get))
        .isFalse();
    assertThat(
            pattern.matches(
                Map.of(
                        "eventName",
                        "GetObject",
                        "errorCode",
                        "AccessDenied",
                        ISSUER,
                        "arn:aws:iam::1:role/AWSServiceRoleForBackups")
                    ::get))
        .isFalse();
    // Matching is case-sensitive, as in CloudWatch.
    assertThat(
            pattern.matches(
                Map.of(
                        "eventName",
                        "getObject",
                        "errorCode",
                        "AccessDenied",
                        ISSUER,
                        "arn:aws:iam::1:role/aws-service-role/x/y")
                    ::get))
        .isFalse();
  }

  @Test
  void orParenthesesNegationNumbersAndChecks() {
    FilterPattern pattern =
        FilterPattern.parse(
            "{ ($.errorCode = \"AccessDenied\" || $.errorCode = *UnauthorizedOperation)"
                + " && $.eventSource != s3.amazonaws.com && $.userIdentity.invokedBy IS NULL }");
    assertThat(
            pattern.matches(
                Map.of(
                        "errorCode",
                        "Client.UnauthorizedOperation",
                        "eventSource",
                        "ec2.amazonaws.com")
                    ::get))
        .isTrue();
    assertThat(
            pattern.matches(
                Map.of("errorCode", "AccessDenied", "eventSource", "s3.amazonaws.com")::get))
        .isFalse();
    assertThat(
            pattern.matches(
                Map.of(
                        "errorCode",
                        "AccessDenied",
                        "eventSource",
                        "kms.amazonaws.com",
                        "userIdentity.invokedBy",
                        "config.amazonaws.com")
                    ::get))
        .isFalse();

    FilterPattern numbers = FilterPattern.parse("{ $.bytes >= 10 && $.flag IS TRUE }");
    assertThat(numbers.matches(Map.of("bytes", "12", "flag", "true")::get)).isTrue();
    assertThat(numbers.matches(Map.of("bytes", "9.5", "flag", "true")::get)).isFalse();
    assertThat(FilterPattern.parse("{ $.x NOT EXISTS }").matches(Map.<String, String>of()::get))
        .isTrue();
  }

  @Test
  void mistakesAreExplained() {
    assertThatThrownBy(() -> FilterPattern.parse("{ $.errorCode = AccessDenied"))
        .hasMessageContaining("expected a closing }");
    assertThatThrownBy(() -> FilterPattern.parse("{ errorCode = AccessDenied }"))
        .hasMessageContaining("expected a selector such as $.errorCode at character 3");
    assertThatThrownBy(() -> FilterPattern.parse("{ $.eventName > Get }"))
        .hasMessageContaining("a number after >");
    assertThatThrownBy(() -> FilterPattern.parse("{ $.a = \"open }"))
        .hasMessageContaining("a closing \"");
  }
}
