package dev.traildenials.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.traildenials.failure.Failure;
import java.util.List;
import java.util.Locale;

/** The texts an alert is sent as: its JSON document, a Slack message, an SNS subject. */
public final class AlertMessages {

  /** Alarm periods and watched denials listed by name in a chat message; the rest are counted. */
  static final int CHAT_LINES = 10;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AlertMessages() {}

  /** The alert file's document (also the SNS message). */
  public static String document(Alert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", alert.runId());
    root.put("archive", alert.archive());
    root.put("tables", alert.out());
    root.put("finished_at", alert.finishedAt().toString());
    root.put("summary", summary(alert));
    ArrayNode alarms = root.putArray("new_alarms");
    for (AlarmPeriod period : alert.newAlarms()) {
      ObjectNode node = alarms.addObject();
      node.put("period_start", period.periodStart().toString());
      node.put("period_end", period.periodEnd().toString());
      node.put("account_id", period.accountId());
      node.put("region", period.region());
      node.put("value", period.value());
      node.put("threshold", period.threshold());
      strings(node.putArray("principals"), period.principals());
      strings(node.putArray("actions"), period.actions());
      strings(node.putArray("resources"), period.resources());
    }
    root.put("watched_denials_total", alert.watchedDenialsTotal());
    ArrayNode watched = root.putArray("watched_denials");
    for (WatchedDenial denial : alert.watchedDenials()) {
      ObjectNode node = watched.addObject();
      node.put("event_id", denial.eventId());
      node.put("event_time", denial.eventTime().toString());
      node.put("account_id", denial.accountId());
      node.put("region", denial.region());
      node.put("identity_arn", denial.identityArn());
      node.put("principal_arn", denial.principalArn());
      node.put("event_source", denial.eventSource());
      node.put("event_name", denial.eventName());
      node.put("error_code", denial.errorCode());
      node.put("deny_kind", denial.denyKind());
      node.put("policy_type", denial.policyType());
      node.put("denied_action", denial.deniedAction());
      node.put("denied_resource", denial.deniedResource());
    }
    root.put("new_denial_combinations", alert.newDenialCombinations());
    return write(root);
  }

  /**
   * A Slack incoming-webhook message (also accepted by Mattermost, Rocket.Chat and Teams' Slack
   * compatible hooks): a plain {@code text} for notifications and mrkdwn blocks for the details.
   */
  public static String slackPayload(Alert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", "trail-denials: " + summary(alert));
    ArrayNode blocks = root.putArray("blocks");
    section(blocks, "*trail-denials:* " + escape(summary(alert)));
    if (!alert.newAlarms().isEmpty()) {
      StringBuilder lines = new StringBuilder("*Service-linked-role alarm periods*");
      List<AlarmPeriod> shown = alert.newAlarms().stream().limit(CHAT_LINES).toList();
      for (AlarmPeriod period : shown) {
        lines.append(
            String.format(
                Locale.ROOT,
                "%n• %s – %s  %s %s: %d denials (≥ %s) by %s on %s",
                period.periodStart(),
                period.periodEnd(),
                period.accountId(),
                period.region(),
                period.value(),
                number(period.threshold()),
                escape(String.join(", ", period.principals())),
                escape(String.join(", ", period.actions()))));
      }
      more(lines, alert.newAlarms().size() - shown.size(), "alarm periods");
      section(blocks, lines.toString());
    }
    if (alert.watchedDenialsTotal() > 0) {
      StringBuilder lines = new StringBuilder("*Watched identities*");
      List<WatchedDenial> shown = alert.watchedDenials().stream().limit(CHAT_LINES).toList();
      for (WatchedDenial denial : shown) {
        lines.append(
            String.format(
                Locale.ROOT,
                "%n• %s  %s denied %s on %s (%s)",
                denial.eventTime(),
                escape(denial.principalArn()),
                escape(denial.deniedAction() == null ? denial.eventName() : denial.deniedAction()),
                escape(denial.deniedResource() == null ? "?" : denial.deniedResource()),
                escape(denial.errorCode())));
      }
      more(lines, alert.watchedDenialsTotal() - shown.size(), "denials");
      section(blocks, lines.toString());
    }
    section(blocks, "Run `" + alert.runId() + "`, tables in `" + escape(alert.out()) + "`");
    return write(root);
  }

  /** An SNS subject: one line, at most 100 characters. */
  public static String subject(Alert alert) {
    String subject = "trail-denials: " + summary(alert);
    return subject.length() <= 100 ? subject : subject.substring(0, 99) + "…";
  }

  /** One sentence: what the run found that someone should look at. */
  public static String summary(Alert alert) {
    String text =
        String.format(
            Locale.ROOT,
            "%d new service-linked-role alarm period%s, %d denial%s of watched identities, %d new"
                + " denied (principal, action, resource) combination%s",
            alert.newAlarms().size(),
            alert.newAlarms().size() == 1 ? "" : "s",
            alert.watchedDenialsTotal(),
            alert.watchedDenialsTotal() == 1 ? "" : "s",
            alert.newDenialCombinations(),
            alert.newDenialCombinations() == 1 ? "" : "s");
    return text;
  }

  private static void section(ArrayNode blocks, String markdown) {
    ObjectNode section = blocks.addObject();
    section.put("type", "section");
    ObjectNode text = section.putObject("text");
    text.put("type", "mrkdwn");
    // Slack refuses a section text over 3,000 characters.
    text.put("text", markdown.length() <= 3000 ? markdown : markdown.substring(0, 2999) + "…");
  }

  private static void more(StringBuilder lines, long hidden, String what) {
    if (hidden > 0) {
      lines.append(String.format(Locale.ROOT, "%n… and %d more %s", hidden, what));
    }
  }

  /** Slack's three control characters; the rest of the text is shown as sent. */
  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw Failure.internal("Cannot write the alert as JSON", e);
    }
  }
}
