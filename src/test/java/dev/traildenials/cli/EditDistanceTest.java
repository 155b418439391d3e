package dev.traildenials.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

  @Test
  void countsInsertionsDeletionsSubstitutionsAndSwaps() {
    assertThat(EditDistance.damerauLevenshtein("", "")).isZero();
    assertThat(EditDistance.damerauLevenshtein("from", "from")).isZero();
    assertThat(EditDistance.damerauLevenshtein("", "abc")).isEqualTo(3);
    assertThat(EditDistance.damerauLevenshtein("abc", "")).isEqualTo(3);
    assertThat(EditDistance.damerauLevenshtein("form", "from")).isEqualTo(1);
    assertThat(EditDistance.damerauLevenshtein("form", "format")).isEqualTo(2);
    assertThat(EditDistance.damerauLevenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.damerauLevenshtein("archiv", "archive")).isEqualTo(1);
    assertThat(EditDistance.damerauLevenshtein("rgeion", "region")).isEqualTo(1);
    // A swapped pair edited again: 2, where the restricted variant says 3.
    assertThat(EditDistance.damerauLevenshtein("ca", "abc")).isEqualTo(2);
  }

  @Test
  void isSymmetric() {
    for (List<String> pair :
        List.of(List.of("form", "from"), List.of("ca", "abc"), List.of("max-rows", "max-row"))) {
      assertThat(EditDistance.damerauLevenshtein(pair.get(0), pair.get(1)))
          .isEqualTo(EditDistance.damerauLevenshtein(pair.get(1), pair.get(0)));
    }
  }

  @Test
  void suggestsTheClosestOptionWithinAThirdOfItsLength() {
    List<String> options = List.of("--format", "--from", "--to", "--out");

    assertThat(EditDistance.closest("--form", options)).contains("--from");
    assertThat(EditDistance.closest("--fromat", options)).contains("--format");
    assertThat(EditDistance.closest("--ot", options)).contains("--to");
    assertThat(EditDistance.closest("--webhook", options)).isEmpty();
  }
}
