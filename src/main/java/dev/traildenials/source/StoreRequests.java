package dev.traildenials.source;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;

/**
 * Requests made to an object store, as its Hadoop connector counts them (s3a's statistics). A local
 * file system counts none.
 *
 * @param list LIST requests, continuation pages included
 * @param get GET requests (each opening or re-opening of an object's stream)
 * @param head HEAD requests (metadata probes)
 * @param put PUT requests (objects and parts written)
 * @param retries requests sent again after a failure (a 5xx answer, a reset connection, a read that
 *     broke off), by the store client or by s3a
 * @param throttled answers that asked the client to slow down (503 SlowDown)
 */
public record StoreRequests(long list, long get, long head, long put, long retries, long throttled)
    implements Serializable {

  public static final StoreRequests NONE = new StoreRequests(0, 0, 0, 0, 0, 0);

  /** Requests without failures. */
  public StoreRequests(long list, long get, long head, long put) {
    this(list, get, head, put, 0, 0);
  }

  /** What an s3a file system, stream or iterator has counted; NONE for anything else. */
  public static StoreRequests of(Object statisticsSource) {
    IOStatistics statistics = IOStatisticsSupport.retrieveIOStatistics(statisticsSource);
    if (statistics == null) {
      return NONE;
    }
    Map<String, Long> counters = statistics.counters();
    return new StoreRequests(
        counter(counters, "object_list_request")
            + counter(counters, "object_continue_list_request"),
        counter(counters, "action_http_get_request"),
        // s3a counts a HEAD under one name or the other depending on the call that made it.
        Math.max(
            counter(counters, "action_http_head_request"),
            counter(counters, "object_metadata_request")),
        counter(counters, "object_put_request"),
        counter(counters, "store_io_retry"),
        counter(counters, "store_io_throttled"));
  }

  /** Only the failures: retries and throttling answers. */
  public StoreRequests failures() {
    return new StoreRequests(0, 0, 0, 0, retries, throttled);
  }

  public StoreRequests plus(StoreRequests other) {
    return new StoreRequests(
        list + other.list,
        get + other.get,
        head + other.head,
        put + other.put,
        retries + other.retries,
        throttled + other.throttled);
  }

  public StoreRequests minus(StoreRequests earlier) {
    return new StoreRequests(
        list - earlier.list,
        get - earlier.get,
        head - earlier.head,
        put - earlier.put,
        retries - earlier.retries,
        throttled - earlier.throttled);
  }

  public boolean isEmpty() {
    return list == 0 && get == 0 && head == 0 && put == 0 && retries == 0 && throttled == 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d LIST, %d GET, %d HEAD, %d PUT, %d retried, %d throttled",
        list,
        get,
        head,
        put,
        retries,
        throttled);
  }

  private static long counter(Map<String, Long> counters, String name) {
    Long value = counters.get(name);
    return value == null ? 0 : value;
  }
}
