package dev.traildenials.alert;

import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.AmazonSNSClientBuilder;
import com.amazonaws.services.sns.model.PublishRequest;
import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends an alert: the JSON file beside the tables, a chat webhook, an SNS topic. */
public final class AlertDelivery {

  private static final int ATTEMPTS = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private AlertDelivery() {}

  /** Where a run's alert document goes: {@code <out>/alerts/<run id>.json}. */
  public static String fileOf(String out, Alert alert) {
    return (out.endsWith("/") ? out : out + "/") + "alerts/" + alert.runId() + ".json";
  }

  /**
   * POSTs the Slack-compatible message; a 5xx answer or a broken connection is tried again, twice.
   * Errors name the host only: a webhook URL is a secret.
   */
  public static void postToWebhook(URI webhook, Alert alert) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(AlertMessages.slackPayload(alert)))
            .build();
    String failure = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return;
        }
        failure = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
        if (response.statusCode() < 500 && response.statusCode() != 429) {
          break;
        }
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted";
        break;
      }
      pause(attempt);
    }
    throw Failure.storage(
        "The webhook at " + webhook.getHost() + " did not take the alert: " + failure, null);
  }

  /**
   * Publishes the alert document to an SNS topic with the default AWS credential chain, in the
   * topic's region.
   *
   * @param endpoint another SNS endpoint (a VPC endpoint), or null for the region's own
   */
  public static void publishToSns(String topicArn, String endpoint, Alert alert) {
    String[] arn = topicArn.split(":");
    if (arn.length != 6 || !arn[0].equals("arn") || !arn[2].equals("sns")) {
      throw Failure.userInput(
          "{snsTopic} " + topicArn + " is not an SNS topic ARN (arn:aws:sns:region:account:name)",
          "snsTopic");
    }
    AmazonSNSClientBuilder builder =
        AmazonSNSClientBuilder.standard()
            .withCredentials(DefaultAWSCredentialsProviderChain.getInstance());
    if (endpoint == null) {
      builder.withRegion(arn[3]);
    } else {
      builder.withEndpointConfiguration(new EndpointConfiguration(endpoint, arn[3]));
    }
    AmazonSNS sns = builder.build();
    try {
      sns.publish(
          new PublishRequest()
              .withTopicArn(topicArn)
              .withSubject(AlertMessages.subject(alert))
              .withMessage(AlertMessages.document(alert)));
    } finally {
      sns.shutdown();
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(1000L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviate(String body) {
    String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
