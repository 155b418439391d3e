package dev.traildenials.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server on 127.0.0.1 that takes what a run sends: a chat webhook at {@code /hook} and
 * SNS's Publish action (the AWS query protocol, as the SDK speaks it) at {@code /sns}.
 */
public final class AlertReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<String> webhookBodies = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> snsPublishes =
      Collections.synchronizedList(new ArrayList<>());

  public AlertReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          webhookBodies.add(body(exchange.getRequestBody()));
          respond(exchange, 200, "text/plain", "ok");
        });
    server.createContext(
        "/sns",
        exchange -> {
          Map<String, String> form = form(body(exchange.getRequestBody()));
          snsPublishes.add(form);
          respond(
              exchange,
              200,
              "text/xml",
              "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                  + "<PublishResult><MessageId>m-"
                  + snsPublishes.size()
                  + "</MessageId></PublishResult>"
                  + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                  + "</PublishResponse>");
        });
    server.start();
  }

  public String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public String snsEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sns";
  }

  /** The bodies POSTed to the webhook, in order. */
  public List<String> webhookBodies() {
    return List.copyOf(webhookBodies);
  }

  /** The form fields of each SNS request, in order. */
  public List<Map<String, String>> snsRequests() {
    return List.copyOf(snsPublishes);
  }

  private static String body(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void respond(
      com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
