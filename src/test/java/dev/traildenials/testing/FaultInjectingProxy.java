package dev.traildenials.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on 127.0.0.1 between s3a and the S3 test server that fails a fixed share of the
 * requests: every {@code period}-th request gets the next fault of the cycle (503 SlowDown, 500
 * InternalError, a connection reset before the answer, a reset half way through the answer's body);
 * the others pass through. Keys it is told to deny always get a 403 AccessDenied.
 *
 * <p>Each connection carries one request ({@code Connection: close} both ways), which keeps the
 * proxy free of HTTP framing beyond the request head and lets a reset hit exactly one request.
 */
public final class FaultInjectingProxy implements Closeable {

  /** What the proxy did to a request. */
  public enum Fault {
    SLOW_DOWN_503,
    INTERNAL_ERROR_500,
    RESET_BEFORE_ANSWER,
    RESET_DURING_BODY,
    ACCESS_DENIED_403
  }

  private static final Fault[] CYCLE = {
    Fault.SLOW_DOWN_503,
    Fault.INTERNAL_ERROR_500,
    Fault.RESET_BEFORE_ANSWER,
    Fault.RESET_DURING_BODY
  };

  private final int upstreamPort;
  private final int period;
  private final ServerSocket server;
  private final ExecutorService connections = Executors.newCachedThreadPool(daemonThreads());
  private final AtomicLong requests = new AtomicLong();
  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final Set<String> deniedKeys = ConcurrentHashMap.newKeySet();
  private volatile boolean failing = true;
  private volatile long delayMillis;

  /**
   * @param upstreamPort the S3 test server's port on 127.0.0.1
   * @param period one request in this many fails (5: 20%)
   */
  public FaultInjectingProxy(int upstreamPort, int period) throws IOException {
    this.upstreamPort = upstreamPort;
    this.period = period;
    for (Fault fault : Fault.values()) {
      injected.put(fault, new AtomicLong());
    }
    server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-injecting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Answers every request for a key ending in this text with 403 AccessDenied. */
  public void deny(String keySuffix) {
    deniedKeys.add(keySuffix);
  }

  /** Lets a denied key through again. */
  public void allow(String keySuffix) {
    deniedKeys.remove(keySuffix);
  }

  /** Stops or resumes the periodic faults (denied keys stay denied). */
  public void failing(boolean value) {
    this.failing = value;
  }

  /**
   * Holds every request this long before it is answered, as an object store's first-byte latency
   * would.
   */
  public void delay(java.time.Duration perRequest) {
    this.delayMillis = perRequest.toMillis();
  }

  /** Requests the proxy received. */
  public long requests() {
    return requests.get();
  }

  /** Requests that got each fault. */
  public Map<Fault, Long> injected() {
    Map<Fault, Long> counts = new EnumMap<>(Fault.class);
    injected.forEach((fault, count) -> counts.put(fault, count.get()));
    return counts;
  }

  /** Requests that got a fault other than a denial. */
  public long transientFaults() {
    return injected().entrySet().stream()
        .filter(entry -> entry.getKey() != Fault.ACCESS_DENIED_403)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Forgets the counts. */
  public void resetCounts() {
    requests.set(0);
    injected.values().forEach(count -> count.set(0));
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      byte[] head = readHead(client.getInputStream());
      if (head == null) {
        return;
      }
      String requestHead = new String(head, StandardCharsets.ISO_8859_1);
      String[] requestLine = requestHead.substring(0, requestHead.indexOf("\r\n")).split(" ");
      String method = requestLine[0];
      String path = requestLine[1].split("\\?")[0];
      byte[] body = client.getInputStream().readNBytes(contentLength(requestHead));
      long number = requests.incrementAndGet();
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }

      if (deniedKeys.stream().anyMatch(path::endsWith)) {
        injected.get(Fault.ACCESS_DENIED_403).incrementAndGet();
        answer(client, 403, "Forbidden", "AccessDenied", "Access Denied", method);
        return;
      }
      Fault fault = failing && number % period == 0 ? CYCLE[(int) (number / period) % 4] : null;
      if (fault == Fault.RESET_DURING_BODY && method.equals("HEAD")) {
        fault = Fault.SLOW_DOWN_503; // a HEAD answer has no body to break
      }
      if (fault != null) {
        injected.get(fault).incrementAndGet();
      }
      if (fault == Fault.SLOW_DOWN_503) {
        answer(client, 503, "Slow Down", "SlowDown", "Please reduce your request rate.", method);
      } else if (fault == Fault.INTERNAL_ERROR_500) {
        answer(
            client,
            500,
            "Internal Server Error",
            "InternalError",
            "We encountered an internal error. Please try again.",
            method);
      } else if (fault == Fault.RESET_BEFORE_ANSWER) {
        reset(client);
      } else {
        byte[] response = forward(withConnectionClose(requestHead), body);
        OutputStream out = client.getOutputStream();
        if (fault == Fault.RESET_DURING_BODY) {
          int bodyStart = indexOfBlankLine(response) + 4;
          out.write(response, 0, bodyStart + (response.length - bodyStart) / 2);
          out.flush();
          reset(client);
        } else {
          out.write(response);
          out.flush();
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to do.
    }
  }

  private byte[] forward(String requestHead, byte[] body) throws IOException {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      OutputStream out = upstream.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      byte[] response = upstream.getInputStream().readAllBytes();
      // The upstream's answer, told to close the client's connection after it.
      int blank = indexOfBlankLine(response);
      String responseHead = new String(response, 0, blank + 4, StandardCharsets.ISO_8859_1);
      ByteArrayOutputStream rewritten = new ByteArrayOutputStream(response.length + 32);
      rewritten.write(withConnectionClose(responseHead).getBytes(StandardCharsets.ISO_8859_1));
      rewritten.write(response, blank + 4, response.length - blank - 4);
      return rewritten.toByteArray();
    }
  }

  private static void answer(
      Socket client, int status, String reason, String code, String message, String method)
      throws IOException {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>fault</RequestId></Error>";
    byte[] body = method.equals("HEAD") ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8);
    String head =
        String.format(
            Locale.ROOT,
            "HTTP/1.1 %d %s\r\nContent-Type: application/xml\r\nContent-Length: %d\r\n"
                + "x-amz-request-id: fault\r\nConnection: close\r\n\r\n",
            status,
            reason,
            body.length);
    OutputStream out = client.getOutputStream();
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static void reset(Socket client) throws IOException {
    client.setSoLinger(true, 0); // close with RST, not FIN
    client.close();
  }

  /** The head with any Connection header replaced by {@code Connection: close}. */
  private static String withConnectionClose(String head) {
    List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
    lines.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:"));
    lines.add("Connection: close");
    return String.join("\r\n", lines) + "\r\n\r\n";
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  /** Reads up to and including the blank line that ends an HTTP head; null at end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    int matched = 0;
    int next;
    while ((next = in.read()) >= 0) {
      head.write(next);
      matched = (next == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (next == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
    }
    return null;
  }

  private static int indexOfBlankLine(byte[] bytes) {
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == '\r'
          && bytes[i + 1] == '\n'
          && bytes[i + 2] == '\r'
          && bytes[i + 3] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("no HTTP head in the upstream's answer");
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "fault-injecting-proxy-connection");
      thread.setDaemon(true);
      return thread;
    };
  }
}
