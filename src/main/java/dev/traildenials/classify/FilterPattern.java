package dev.traildenials.classify;

import dev.traildenials.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A CloudWatch Logs JSON filter pattern, such as AWS's metric filter for service-linked-role
 * denials {@code { $.eventName = Get* && $.errorCode = AccessDenied &&
 * $.userIdentity.sessionContext.sessionIssuer.arn = "arn:aws:iam::*:role/aws-service-role/*" }}, so
 * that users bring the pattern they already have.
 *
 * <p>Supported: {@code &&}, {@code ||}, parentheses; {@code = !=} on strings with {@code *}
 * wildcards (case-sensitive, as CloudWatch matches); {@code = != < <= > >=} on numbers; {@code IS
 * NULL}, {@code NOT EXISTS}, {@code IS TRUE}, {@code IS FALSE}. Selectors are {@code $.a.b.c}.
 */
public final class FilterPattern {

  /** A part of a pattern. */
  public sealed interface Expression permits All, Any, Comparison, Check {}

  /** Every part holds ({@code &&}). */
  public record All(List<Expression> parts) implements Expression {}

  /** Some part holds ({@code ||}). */
  public record Any(List<Expression> parts) implements Expression {}

  /** {@code $.path op value}. */
  public record Comparison(String path, Operator operator, String value, boolean numeric)
      implements Expression {

    /** Whether a string value has CloudWatch's {@code *} wildcard. */
    public boolean hasWildcard() {
      return !numeric && value.indexOf('*') >= 0;
    }
  }

  /** {@code $.path IS NULL}, {@code NOT EXISTS}, {@code IS TRUE}, {@code IS FALSE}. */
  public record Check(String path, CheckKind kind) implements Expression {}

  public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public enum CheckKind {
    IS_NULL,
    NOT_EXISTS,
    IS_TRUE,
    IS_FALSE
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private final String text;
  private final Expression expression;

  private FilterPattern(String text, Expression expression) {
    this.text = text;
    this.expression = expression;
  }

  public static FilterPattern parse(String text) {
    return new FilterPattern(text, new Parser(text).parseWhole());
  }

  public String text() {
    return text;
  }

  public Expression expression() {
    return expression;
  }

  /** The selectors the pattern names, without {@code $.}, in order of appearance. */
  public List<String> paths() {
    List<String> paths = new ArrayList<>();
    collectPaths(expression, paths);
    return paths;
  }

  private static void collectPaths(Expression expression, List<String> paths) {
    if (expression instanceof All all) {
      all.parts().forEach(part -> collectPaths(part, paths));
    } else if (expression instanceof Any any) {
      any.parts().forEach(part -> collectPaths(part, paths));
    } else if (expression instanceof Comparison comparison) {
      paths.add(comparison.path());
    } else if (expression instanceof Check check) {
      paths.add(check.path());
    }
  }

  @Override
  public String toString() {
    return text;
  }

  /** A recursive-descent parser over the pattern's characters. */
  private static final class Parser {
    private final String text;
    private int position;

    Parser(String text) {
      this.text = text == null ? "" : text;
    }

    Expression parseWhole() {
      skipSpace();
      boolean braced = consume("{");
      Expression expression = parseAny();
      skipSpace();
      if (braced && !consume("}")) {
        throw error("a closing }");
      }
      skipSpace();
      if (position != text.length()) {
        throw error("&&, || or the end of the pattern");
      }
      return expression;
    }

    private Expression parseAny() {
      List<Expression> parts = new ArrayList<>();
      parts.add(parseAll());
      while (consume("||")) {
        parts.add(parseAll());
      }
      return parts.size() == 1 ? parts.get(0) : new Any(parts);
    }

    private Expression parseAll() {
      List<Expression> parts = new ArrayList<>();
      parts.add(parsePrimary());
      while (consume("&&")) {
        parts.add(parsePrimary());
      }
      return parts.size() == 1 ? parts.get(0) : new All(parts);
    }

    private Expression parsePrimary() {
      if (consume("(")) {
        Expression inner = parseAny();
        if (!consume(")")) {
          throw error("a closing )");
        }
        return inner;
      }
      String path = parseSelector();
      skipSpace();
      if (consumeWord("IS")) {
        if (consumeWord("NULL")) {
          return new Check(path, CheckKind.IS_NULL);
        }
        if (consumeWord("TRUE")) {
          return new Check(path, CheckKind.IS_TRUE);
        }
        if (consumeWord("FALSE")) {
          return new Check(path, CheckKind.IS_FALSE);
        }
        throw error("NULL, TRUE or FALSE after IS");
      }
      if (consumeWord("NOT")) {
        if (consumeWord("EXISTS")) {
          return new Check(path, CheckKind.NOT_EXISTS);
        }
        throw error("EXISTS after NOT");
      }
      Operator operator = parseOperator();
      skipSpace();
      boolean quoted = position < text.length() && text.charAt(position) == '"';
      String value = quoted ? parseQuoted() : parseBare();
      boolean numeric = !quoted && NUMBER.matcher(value).matches();
      if (!numeric && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
        throw error("a number after " + operator.symbol());
      }
      return new Comparison(path, operator, value, numeric);
    }

    private String parseSelector() {
      skipSpace();
      if (!consume("$")) {
        throw error("a selector such as $.errorCode");
      }
      StringBuilder path = new StringBuilder();
      while (position < text.length() && text.charAt(position) == '.') {
        position++;
        int start = position;
        while (position < text.length()
            && (Character.isLetterOrDigit(text.charAt(position))
                || text.charAt(position) == '_'
                || text.charAt(position) == '-')) {
          position++;
        }
        if (start == position) {
          throw error("a field name after .");
        }
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(text, start, position);
      }
      if (path.length() == 0) {
        throw error("a field after $, such as $.errorCode");
      }
      return path.toString();
    }

    private Operator parseOperator() {
      skipSpace();
      for (String symbol : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
        if (text.startsWith(symbol, position)) {
          position += symbol.length();
          for (Operator operator : Operator.values()) {
            if (operator.symbol().equals(symbol)) {
              return operator;
            }
          }
        }
      }
      throw error("an operator (=, !=, <, <=, >, >=, IS NULL, NOT EXISTS)");
    }

    private String parseQuoted() {
      int start = ++position;
      StringBuilder value = new StringBuilder();
      while (position < text.length() && text.charAt(position) != '"') {
        if (text.charAt(position) == '\\' && position + 1 < text.length()) {
          position++;
        }
        value.append(text.charAt(position++));
      }
      if (position >= text.length()) {
        position = start;
        throw error("a closing \"");
      }
      position++;
      return value.toString();
    }

    private String parseBare() {
      int start = position;
      while (position < text.length()
          && !Character.isWhitespace(text.charAt(position))
          && "()}&|".indexOf(text.charAt(position)) < 0) {
        position++;
      }
      if (start == position) {
        throw error("a value");
      }
      return text.substring(start, position);
    }

    private boolean consume(String symbol) {
      skipSpace();
      if (text.startsWith(symbol, position)) {
        position += symbol.length();
        return true;
      }
      return false;
    }

    private boolean consumeWord(String word) {
      skipSpace();
      int end = position + word.length();
      if (end <= text.length()
          && text.substring(position, end).toUpperCase(Locale.ROOT).equals(word)
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        position = end;
        return true;
      }
      return false;
    }

    private void skipSpace() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private Failure error(String expected) {
      return Failure.userInput(
          "Filter pattern '"
              + text
              + "': expected "
              + expected
              + " at character "
              + (position + 1)
              + ". Write it as CloudWatch Logs does, e.g. { $.errorCode = AccessDenied &&"
              + " $.eventName = Get* }");
    }
  }
}
