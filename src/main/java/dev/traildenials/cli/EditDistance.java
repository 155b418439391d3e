package dev.traildenials.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** How far apart two words are, for suggesting the option or command a user meant. */
final class EditDistance {

  private EditDistance() {}

  /**
   * The Damerau-Levenshtein distance: the fewest insertions, deletions, substitutions and swaps of
   * two adjacent characters that turn one text into the other ({@code form} and {@code from} are 1
   * apart, {@code form} and {@code format} 2). Unlike the restricted variant, a swapped pair may be
   * edited again ({@code ca} to {@code abc} is 2).
   */
  static int damerauLevenshtein(String a, String b) {
    int n = a.length();
    int m = b.length();
    int infinity = n + m;
    // d[i + 1][j + 1] is the distance between the first i characters of a and the first j of b.
    int[][] d = new int[n + 2][m + 2];
    d[0][0] = infinity;
    for (int i = 0; i <= n; i++) {
      d[i + 1][0] = infinity;
      d[i + 1][1] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j + 1] = infinity;
      d[1][j + 1] = j;
    }
    Map<Character, Integer> lastRowOf = new HashMap<>();
    for (int i = 1; i <= n; i++) {
      int lastMatchingColumn = 0;
      for (int j = 1; j <= m; j++) {
        int k = lastRowOf.getOrDefault(b.charAt(j - 1), 0);
        int l = lastMatchingColumn;
        int cost = 1;
        if (a.charAt(i - 1) == b.charAt(j - 1)) {
          cost = 0;
          lastMatchingColumn = j;
        }
        d[i + 1][j + 1] =
            Math.min(
                Math.min(d[i][j] + cost, d[i + 1][j] + 1),
                Math.min(d[i][j + 1] + 1, d[k][l] + (i - k - 1) + 1 + (j - l - 1)));
      }
      lastRowOf.put(a.charAt(i - 1), i);
    }
    return d[n + 1][m + 1];
  }

  /**
   * The candidate closest to what was typed, if it is close enough to be a typo: at most a third of
   * the typed length apart (at least one edit). Leading dashes are ignored; on a tie the earlier
   * candidate wins.
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String word = stripDashes(typed);
    int limit = Math.max(1, word.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = damerauLevenshtein(word, stripDashes(candidate));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  private static String stripDashes(String text) {
    return text.replaceFirst("^-+", "");
  }
}
