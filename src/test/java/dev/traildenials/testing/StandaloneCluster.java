package dev.traildenials.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and one worker, each a JVM of its own,
 * whose executors are JVMs the worker starts. Spark comes from the project's own dependencies: a
 * Spark home whose {@code jars/} links to the jars a Spark installation provides (integration tests
 * only; the classpath file is written by the pre-integration-test phase).
 */
public final class StandaloneCluster implements AutoCloseable {

  private final Path folder;
  private final List<Process> processes = new ArrayList<>();
  private final String masterUrl;

  private StandaloneCluster(Path folder, String masterUrl) {
    this.folder = folder;
    this.masterUrl = masterUrl;
  }

  /** Starts a master and a worker with this many cores, and waits until the worker registered. */
  public static StandaloneCluster start(Path folder, int cores, String workerMemory)
      throws IOException, InterruptedException {
    Path sparkHome = sparkHome(folder.resolve("spark-home"));
    int port = freePort();
    StandaloneCluster cluster = new StandaloneCluster(folder, "spark://127.0.0.1:" + port);
    try {
      cluster.launch(
          "master",
          sparkHome,
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          String.valueOf(port),
          "--webui-port",
          String.valueOf(freePort()));
      cluster.awaitLog("master", "I have been elected leader");
      cluster.launch(
          "worker",
          sparkHome,
          "org.apache.spark.deploy.worker.Worker",
          cluster.masterUrl,
          "--host",
          "127.0.0.1",
          "--cores",
          String.valueOf(cores),
          "--memory",
          workerMemory,
          "--webui-port",
          String.valueOf(freePort()),
          "--work-dir",
          Files.createDirectories(folder.resolve("work")).toString());
      cluster.awaitLog("worker", "Successfully registered with master");
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** The URL to submit to. */
  public String masterUrl() {
    return masterUrl;
  }

  /** A log of the cluster's own JVMs ("master", "worker"). */
  public Path log(String name) {
    return folder.resolve(name + ".log");
  }

  /** Everything the worker's executors printed, for a failure message. */
  public String executorLogs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(folder.resolve("work"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals("stderr")) {
          all.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return all.toString();
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).descendants().forEach(ProcessHandle::destroy);
      processes.get(i).destroy();
    }
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void launch(String name, Path sparkHome, String mainClass, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("trail-denials.jvm-flags").split("\\s+")));
    command.addAll(List.of("-Xmx512m", "-cp", sparkHome.resolve("jars").toString() + "/*"));
    command.add(mainClass);
    command.addAll(Arrays.asList(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(name).toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SPARK_HOME", sparkHome.toString());
    environment.put("SPARK_SCALA_VERSION", "2.12");
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    environment.put("SPARK_PUBLIC_DNS", "127.0.0.1");
    // The executors the worker starts need the flags Spark needs on Java 17.
    environment.put(
        "SPARK_WORKER_OPTS", "-Dspark.worker.cleanup.enabled=false -Dspark.ui.enabled=false");
    processes.add(builder.start());
  }

  private void awaitLog(String name, String line) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log(name))
          && Files.readString(log(name), StandardCharsets.ISO_8859_1).contains(line)) {
        return;
      }
      if (!processes.get(processes.size() - 1).isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the cluster's " + name + " did not log '" + line + "':\n" + Files.readString(log(name)));
  }

  /** A Spark home whose jars/ links to every jar a Spark installation provides. */
  private static Path sparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    String classpath =
        Files.readString(Path.of(System.getProperty("trail-denials.spark-classpath"))).strip();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar);
        }
      }
    }
    return home;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
