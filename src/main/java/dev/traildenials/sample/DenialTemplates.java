package dev.traildenials.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The denials the sample archive draws from, kept as data in {@code denial-templates.json} beside
 * this class. A denial is drawn by name: each template scores a draw by hashing its own name with
 * it and the highest score wins, so a new template takes only the draws it wins and every other
 * draw keeps its template (adding one does not rewrite the whole sample).
 */
final class DenialTemplates {

  /** The callers a template may name, each defined by {@link EventFactory}. */
  static final Set<String> PRINCIPALS =
      Set.of("alice", "pipeline", "config", "guardduty", "macie", "lookalike");

  /** The placeholders a template's text may hold. */
  static final Set<String> PLACEHOLDERS =
      Set.of("principal", "account", "bucket", "key", "adminRole", "denyPolicy", "scp");

  private static final String RESOURCE = "denial-templates.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  /** One kind of denial: who called what, and what CloudTrail says about it. */
  record Template(
      String name,
      String principal,
      String eventSource,
      String eventName,
      String errorCode,
      String errorMessage,
      String resourceArn,
      String resourceType,
      boolean encoded) {}

  private final List<Template> templates;
  private final long[] nameHashes;

  DenialTemplates(List<Template> templates) {
    if (templates.isEmpty()) {
      throw Failure.internal("The sample's denial templates are empty: the sample needs one.");
    }
    Set<String> names = new HashSet<>();
    for (Template template : templates) {
      check(template);
      if (!names.add(template.name())) {
        throw Failure.internal(
            "Two of the sample's denial templates are named '"
                + template.name()
                + "': each name draws its own denials, so names must differ.");
      }
    }
    this.templates = List.copyOf(templates);
    this.nameHashes = templates.stream().mapToLong(t -> hash(t.name())).toArray();
  }

  /** The templates of this project, read from the resource beside this class. */
  static DenialTemplates builtIn() {
    try (InputStream in = DenialTemplates.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw Failure.internal("The sample's " + RESOURCE + " is missing from the classpath.");
      }
      return new DenialTemplates(parse(new ObjectMapper().readTree(in)));
    } catch (IOException e) {
      throw Failure.internal("The sample's " + RESOURCE + " cannot be read: " + e.getMessage());
    }
  }

  List<Template> all() {
    return templates;
  }

  /** The template a draw (any long, from the sample's random stream) falls to. */
  Template draw(long value) {
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < templates.size(); i++) {
      long score = mix(value ^ nameHashes[i]);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return templates.get(best);
  }

  /** A template's text with its placeholders filled in. */
  static String fill(String text, Map<String, String> values) {
    if (text == null) {
      return null;
    }
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder(text.length() + 64);
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      if (value == null) {
        throw Failure.internal(
            "The sample's denial text '"
                + text
                + "' names an unknown {"
                + placeholder.group(1)
                + "}.");
      }
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(filled);
    return filled.toString();
  }

  private static List<Template> parse(JsonNode document) {
    List<Template> parsed = new ArrayList<>();
    for (JsonNode entry : document.path("templates")) {
      parsed.add(
          new Template(
              text(entry, "name"),
              text(entry, "principal"),
              text(entry, "eventSource"),
              text(entry, "eventName"),
              text(entry, "errorCode"),
              text(entry, "errorMessage"),
              text(entry, "resourceArn"),
              text(entry, "resourceType"),
              entry.path("encoded").asBoolean(false)));
    }
    return parsed;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void check(Template template) {
    String what = "The sample's denial template '" + template.name() + "'";
    if (template.name() == null || template.name().isBlank()) {
      throw Failure.internal("A sample denial template has no name: each is drawn by its name.");
    }
    if (!PRINCIPALS.contains(template.principal())) {
      throw Failure.internal(
          what + " names the caller '" + template.principal() + "'; callers: " + PRINCIPALS);
    }
    for (String required :
        new String[] {
          template.eventSource(),
          template.eventName(),
          template.errorCode(),
          template.errorMessage()
        }) {
      if (required == null || required.isBlank()) {
        throw Failure.internal(
            what + " lacks one of eventSource, eventName, errorCode, errorMessage.");
      }
    }
    if ((template.resourceArn() == null) != (template.resourceType() == null)) {
      throw Failure.internal(what + " has a resourceArn without a resourceType or the reverse.");
    }
    for (String text : new String[] {template.errorMessage(), template.resourceArn()}) {
      Matcher placeholder = PLACEHOLDER.matcher(text == null ? "" : text);
      while (placeholder.find()) {
        if (!PLACEHOLDERS.contains(placeholder.group(1))) {
          throw Failure.internal(
              what + " uses {" + placeholder.group(1) + "}; placeholders: " + PLACEHOLDERS);
        }
      }
    }
  }

  /** FNV-1a over the name's UTF-8 bytes: stable across JVMs, unlike String.hashCode's spread. */
  private static long hash(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** A 64-bit finalizer (MurmurHash3's), so that close inputs give unrelated scores. */
  private static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
