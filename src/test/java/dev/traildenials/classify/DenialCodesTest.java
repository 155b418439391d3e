package dev.traildenials.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.testing.TestArchives;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenialCodesTest {

  @Test
  void theShippedListHoldsAwsPredicateAndDocumentedCodes() throws IOException {
    Path file = TestArchives.projectDirectory().resolve("conf/denial-codes.conf");
    DenialCodes codes;
    try (Reader reader = Files.newBufferedReader(file)) {
      codes = DenialCodes.parse(reader, file.toString());
    }
    assertThat(codes.fragments()).containsExactly("accessdenied", "unauthorized");
    for (String denial :
        List.of(
            "AccessDenied",
            "AccessDeniedException",
            "Client.UnauthorizedOperation",
            "UnauthorizedAccess",
            "AuthFailure",
            "Client.AuthFailure",
            "AuthorizationError")) {
      assertThat(codes.matches(denial)).as(denial).isTrue();
    }
    for (String other :
        List.of("ThrottlingException", "NoSuchBucketPolicy", "InvalidAccessException", "")) {
      assertThat(codes.matches(other)).as(other).isFalse();
    }
    assertThat(codes.matches(null)).isFalse();
    // Every rule says where it comes from.
    assertThat(Files.readAllLines(file))
        .filteredOn(line -> line.startsWith("contains") || line.startsWith("is "))
        .allSatisfy(line -> assertThat(line).contains("#"));
  }

  @Test
  void exactCodesReplaceThePredicate() {
    DenialCodes codes = DenialCodes.exactly(List.of("AccessDenied"));
    assertThat(codes.matches("accessdenied")).isTrue();
    assertThat(codes.matches("AccessDeniedException")).isFalse();
  }

  @Test
  void aBadRuleNamesItsLine() {
    assertThatThrownBy(
            () -> DenialCodes.parse(new StringReader("contains x\nequals y\n"), "codes.conf"))
        .hasMessageContaining("codes.conf line 2: 'equals y' is not a rule");
  }
}
