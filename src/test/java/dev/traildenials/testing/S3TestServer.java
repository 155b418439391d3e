package dev.traildenials.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * An S3-compatible server (s3proxy over an in-memory blob store) on 127.0.0.1, one per test JVM,
 * with a log of the requests it served: the server's own view of what s3a asked for.
 *
 * <p>Each test gets buckets of its own; s3a is pointed at the server per bucket ({@code
 * fs.s3a.bucket.<name>.*}), so nothing else in the session changes.
 */
public final class S3TestServer {

  // Throw-away credentials that only this in-process server accepts.
  private static final String ACCESS_KEY = "local-test-access";
  private static final String SECRET_KEY = "local-test-secret";

  private static S3TestServer shared;

  private final BlobStore store;
  private final int port;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private int buckets;

  /** A request the server served: LIST (with its prefix and delimiter), GET or HEAD of a key. */
  public record Request(String kind, String bucket, String key, String delimiter) {}

  private S3TestServer(BlobStoreContext context, int wantedPort) throws Exception {
    store = context.getBlobStore();
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new RecordingBlobStore(store, requests))
            .endpoint(URI.create("http://127.0.0.1:" + wantedPort))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    port = proxy.getPort();
  }

  public static synchronized S3TestServer shared() {
    if (shared == null) {
      try {
        shared =
            new S3TestServer(
                ContextBuilder.newBuilder("transient")
                    .credentials("identity", "credential")
                    .build(BlobStoreContext.class),
                0);
      } catch (Exception e) {
        throw new IllegalStateException("Could not start the S3 test server", e);
      }
    }
    return shared;
  }

  /**
   * Serves the folders of a local folder as buckets, for measuring s3a reads by hand: {@code
   * S3TestServer <folder> <port>}. Clients use the throw-away credentials printed at start.
   */
  public static void main(String[] arguments) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", arguments[0]);
    BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem")
            .overrides(properties)
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3TestServer server = new S3TestServer(context, Integer.parseInt(arguments[1]));
    System.out.println(
        "S3 server on http://127.0.0.1:"
            + server.port
            + " serving the folders of "
            + arguments[0]
            + " as buckets; access key "
            + ACCESS_KEY
            + ", secret key "
            + SECRET_KEY);
    Thread.currentThread().join();
  }

  /**
   * Creates a new empty bucket and points s3a at this server for it, in the shared Spark session.
   *
   * @return the bucket's name
   */
  public synchronized String newBucket(String purpose) {
    String bucket = "trail-" + purpose + "-" + (++buckets);
    store.createContainerInLocation(null, bucket);
    Configuration hadoop = SparkSession.active().sparkContext().hadoopConfiguration();
    s3aSettings(bucket).forEach(hadoop::set);
    return bucket;
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The s3a settings that reach this server for one bucket, as Hadoop keys. */
  public Map<String, String> s3aSettings(String bucket) {
    String prefix = "fs.s3a.bucket." + bucket + ".";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(prefix + "endpoint", "http://127.0.0.1:" + port);
    settings.put(prefix + "endpoint.region", "us-east-1");
    settings.put(prefix + "path.style.access", "true");
    settings.put(prefix + "connection.ssl.enabled", "false");
    settings.put(
        prefix + "aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    settings.put(prefix + "access.key", ACCESS_KEY);
    settings.put(prefix + "secret.key", SECRET_KEY);
    return settings;
  }

  /** Uploads every file under a local folder to the bucket, keys relative to the folder. */
  public void upload(Path folder, String bucket, String keyPrefix) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String key = keyPrefix + folder.relativize(file).toString().replace('\\', '/');
        Blob blob = store.blobBuilder(key).payload(Files.readAllBytes(file)).build();
        store.putBlob(bucket, blob);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets the requests served so far for one bucket. */
  public void clearRequests(String bucket) {
    requests.removeIf(request -> request.bucket().equals(bucket));
  }

  /** The requests served since the last reset, of one bucket. */
  public List<Request> requests(String bucket) {
    synchronized (requests) {
      return requests.stream().filter(request -> request.bucket().equals(bucket)).toList();
    }
  }

  /** Records each blob-store call s3proxy makes for a request, then lets it through. */
  private static final class RecordingBlobStore extends ForwardingBlobStore {
    private final List<Request> requests;

    RecordingBlobStore(BlobStore store, List<Request> requests) {
      super(store);
      this.requests = requests;
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String bucket, ListContainerOptions options) {
      requests.add(
          new Request(
              "LIST",
              bucket,
              options.getPrefix() == null ? "" : options.getPrefix(),
              options.getDelimiter()));
      return super.list(bucket, options);
    }

    @Override
    public Blob getBlob(String bucket, String key, GetOptions options) {
      requests.add(new Request("GET", bucket, key, null));
      return super.getBlob(bucket, key, options);
    }

    @Override
    public Blob getBlob(String bucket, String key) {
      requests.add(new Request("GET", bucket, key, null));
      return super.getBlob(bucket, key);
    }

    @Override
    public BlobMetadata blobMetadata(String bucket, String key) {
      requests.add(new Request("HEAD", bucket, key, null));
      return super.blobMetadata(bucket, key);
    }
  }
}
