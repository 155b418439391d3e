package dev.traildenials.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant HOUR = Instant.parse("2024-03-01T10:00:00Z");

  private static AlarmPeriod period(int hour, String principal) {
    return new AlarmPeriod(
        HOUR.plusSeconds(3600L * hour),
        HOUR.plusSeconds(3600L * (hour + 1)),
        "111111111111",
        "us-east-1",
        3,
        1.0,
        List.of(principal),
        List.of("s3:GetObject"),
        List.of("arn:aws:s3:::audit-logs/key"));
  }

  private static WatchedDenial watched(String principal) {
    return new WatchedDenial(
        "e-1",
        HOUR,
        "111111111111",
        "us-east-1",
        principal + "/session",
        principal,
        "kms.amazonaws.com",
        "Decrypt",
        "AccessDenied",
        "explicit",
        "resource-based policy",
        "kms:Decrypt",
        null);
  }

  private static Alert alert(List<AlarmPeriod> alarms, List<WatchedDenial> watched, long total) {
    return new Alert(
        "run-1", "s3a://trail/logs", "s3a://lake/td", HOUR, alarms, watched, total, 4, false);
  }

  @Test
  void theDocumentHoldsEveryAlarmPeriodAndWatchedDenial() throws Exception {
    List<AlarmPeriod> alarms = new ArrayList<>();
    for (int hour = 0; hour < 14; hour++) {
      alarms.add(period(hour, "arn:aws:iam::111111111111:role/aws-service-role/x/AWSServiceRole"));
    }
    JsonNode document =
        JSON.readTree(AlertMessages.document(alert(alarms, List.of(watched("arn:r")), 1)));
    assertThat(document.get("run_id").asText()).isEqualTo("run-1");
    assertThat(document.get("new_alarms")).hasSize(14);
    assertThat(document.get("new_alarms").get(13).get("period_start").asText())
        .isEqualTo("2024-03-01T23:00:00Z");
    assertThat(document.get("new_alarms").get(0).get("actions").get(0).asText())
        .isEqualTo("s3:GetObject");
    assertThat(document.get("watched_denials").get(0).get("denied_resource").isNull()).isTrue();
    assertThat(document.get("new_denial_combinations").asLong()).isEqualTo(4);
  }

  @Test
  void theChatMessageListsTenPeriodsAndCountsTheRest() throws Exception {
    List<AlarmPeriod> alarms = new ArrayList<>();
    for (int hour = 0; hour < 14; hour++) {
      alarms.add(period(hour, "arn:aws:iam::1:role/r"));
    }
    JsonNode slack = JSON.readTree(AlertMessages.slackPayload(alert(alarms, List.of(), 0)));
    assertThat(slack.get("text").asText())
        .isEqualTo(
            "trail-denials: 14 new service-linked-role alarm periods, 0 denials of watched"
                + " identities, 4 new denied (principal, action, resource) combinations");
    String periods = slack.get("blocks").get(1).get("text").get("text").asText();
    assertThat(periods.lines().filter(line -> line.startsWith("• "))).hasSize(10);
    assertThat(periods).endsWith("… and 4 more alarm periods");
    assertThat(slack.get("blocks").get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
  }

  @Test
  void slacksControlCharactersAreEscapedAndLongSectionsCut() throws Exception {
    String hostile = "arn:aws:iam::1:role/<!channel>&" + "x".repeat(5000);
    JsonNode slack =
        JSON.readTree(AlertMessages.slackPayload(alert(List.of(period(0, hostile)), List.of(), 0)));
    String periods = slack.get("blocks").get(1).get("text").get("text").asText();
    assertThat(periods).contains("&lt;!channel&gt;&amp;").doesNotContain("<!channel>");
    assertThat(periods.length()).isLessThanOrEqualTo(3000);
  }

  @Test
  void watchedDenialsAreListedWithTheirCount() throws Exception {
    JsonNode slack =
        JSON.readTree(
            AlertMessages.slackPayload(
                alert(List.of(), List.of(watched("arn:aws:iam::1:role/r")), 25)));
    assertThat(slack.get("blocks")).hasSize(3);
    String section = slack.get("blocks").get(1).get("text").get("text").asText();
    assertThat(section)
        .startsWith("*Watched identities*")
        .contains("arn:aws:iam::1:role/r denied kms:Decrypt on ? (AccessDenied)")
        .endsWith("… and 24 more denials");
  }

  @Test
  void aRunWithoutAlarmsOrWatchedDenialsRaisesNothingAndSubjectsAreShort() {
    assertThat(alert(List.of(), List.of(), 0).raised()).isFalse();
    assertThat(alert(List.of(period(0, "r")), List.of(), 0).raised()).isTrue();
    assertThat(alert(List.of(), List.of(), 1).raised()).isTrue();
    assertThat(AlertMessages.subject(alert(List.of(period(0, "r")), List.of(), 123456)))
        .hasSizeLessThanOrEqualTo(100)
        .startsWith("trail-denials: 1 new service-linked-role alarm period, ");
  }
}
