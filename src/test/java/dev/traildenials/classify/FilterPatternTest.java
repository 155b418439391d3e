package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.classify.FilterPattern.All;
import dev.traildenials.classify.FilterPattern.Any;
import dev.traildenials.classify.FilterPattern.Check;
import dev.traildenials.classify.FilterPattern.CheckKind;
import dev.traildenials.classify.FilterPattern.Comparison;
import dev.traildenials.classify.FilterPattern.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser; what a pattern matches is tested on Spark rows in FilterPatternColumnsTest. */
class FilterPatternTest {

  /** AWS's metric filter for service-linked-role denials, as the blog post writes it. */
  private static final String AWS_SLR_PATTERN =
      "{ $.eventName = Get* && $.errorCode = AccessDenied &&"
          + " $.userIdentity.sessionContext.sessionIssuer.arn ="
          + " \"arn:aws:iam::*:role/aws-service-role/*\" }";

  @Test
  void theSeedPatternIsThreeComparisons() {
    FilterPattern pattern = FilterPattern.parse(AWS_SLR_PATTERN);

    assertThat(pattern.expression())
        .isEqualTo(
            new All(
                List.of(
                    new Comparison("eventName", Operator.EQUAL, "Get*", false),
                    new Comparison("errorCode", Operator.EQUAL, "AccessDenied", false),
                    new Comparison(
                        "userIdentity.sessionContext.sessionIssuer.arn",
                        Operator.EQUAL,
                        "arn:aws:iam::*:role/aws-service-role/*",
                        false))));
    assertThat(pattern.paths())
        .containsExactly("eventName", "errorCode", "userIdentity.sessionContext.sessionIssuer.arn");
    assertThat(pattern.text()).isEqualTo(AWS_SLR_PATTERN);
  }

  @Test
  void andBindsTighterThanOrAndParenthesesGroup() {
    assertThat(FilterPattern.parse("$.a = 1 || $.b = x && $.c IS NULL").expression())
        .isEqualTo(
            new Any(
                List.of(
                    new Comparison("a", Operator.EQUAL, "1", true),
                    new All(
                        List.of(
                            new Comparison("b", Operator.EQUAL, "x", false),
                            new Check("c", CheckKind.IS_NULL))))));
    assertThat(
            FilterPattern.parse("{ ($.a != \"q \\\" d\" || $.b >= -2.5) && $.c NOT EXISTS }")
                .expression())
        .isEqualTo(
            new All(
                List.of(
                    new Any(
                        List.of(
                            new Comparison("a", Operator.NOT_EQUAL, "q \" d", false),
                            new Comparison("b", Operator.GREATER_OR_EQUAL, "-2.5", true))),
                    new Check("c", CheckKind.NOT_EXISTS))));
    assertThat(FilterPattern.parse("{ $.flag is true }").expression())
        .isEqualTo(new Check("flag", CheckKind.IS_TRUE));
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
    assertThatThrownBy(() -> FilterPattern.parse("$.a = b c"))
        .hasMessageContaining("&&, || or the end of the pattern");
  }
}
