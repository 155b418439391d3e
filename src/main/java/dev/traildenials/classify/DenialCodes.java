package dev.traildenials.classify;

import dev.traildenials.failure.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The error codes that count as denials: codes containing a text (AWS's predicate: {@code
 * lower(errorCode)} contains {@code accessdenied} or {@code unauthorized}) and whole codes.
 *
 * <p>Read from {@code conf/denial-codes.conf}, one rule a line: {@code contains <text>} or {@code
 * is <code>}, each followed by a {@code #} comment saying where the code is documented.
 *
 * @param fragments lower-case texts a code contains
 * @param codes whole codes, compared ignoring case
 */
public record DenialCodes(List<String> fragments, List<String> codes) {

  public DenialCodes {
    fragments = List.copyOf(fragments);
    codes = List.copyOf(codes);
  }

  /** Only these whole codes count (the {@code --error-code} flag). */
  public static DenialCodes exactly(List<String> codes) {
    return new DenialCodes(List.of(), lowerCased(codes));
  }

  public static DenialCodes parse(Reader reader, String source) throws IOException {
    Set<String> fragments = new LinkedHashSet<>();
    Set<String> codes = new LinkedHashSet<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      int comment = line.indexOf('#');
      String rule = (comment < 0 ? line : line.substring(0, comment)).strip();
      if (rule.isEmpty()) {
        continue;
      }
      String[] words = rule.split("\\s+");
      if (words.length != 2 || !(words[0].equals("contains") || words[0].equals("is"))) {
        throw Failure.userInput(
            source
                + " line "
                + number
                + ": '"
                + rule
                + "' is not a rule; write 'contains <text>' or 'is <code>'");
      }
      (words[0].equals("contains") ? fragments : codes).add(words[1].toLowerCase(Locale.ROOT));
    }
    if (fragments.isEmpty() && codes.isEmpty()) {
      throw Failure.userInput(source + " lists no error codes");
    }
    return new DenialCodes(new ArrayList<>(fragments), new ArrayList<>(codes));
  }

  /** Whether a record with this error code is a denial. */
  public boolean matches(String errorCode) {
    if (errorCode == null) {
      return false;
    }
    String lower = errorCode.toLowerCase(Locale.ROOT);
    return codes.contains(lower) || fragments.stream().anyMatch(lower::contains);
  }

  private static List<String> lowerCased(List<String> values) {
    return values.stream().map(value -> value.toLowerCase(Locale.ROOT)).distinct().toList();
  }
}
