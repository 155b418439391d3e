package dev.traildenials.source;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One task's view of a file system's failure counters, at the task's start and end.
 *
 * <p>s3a counts retries per file system instance, and every task of an executor shares the
 * instance, so a task cannot tell its own retries from its neighbours'. Each task sends the
 * counters it saw; per instance the total is the last end minus the first start, which counts every
 * retry made while the tasks ran exactly once however many tasks overlapped.
 *
 * @param instance the file system instance, unique across executors
 */
record RetrySample(String instance, StoreRequests atStart, StoreRequests atEnd)
    implements Serializable {

  /** The retries and throttling answers of all the samples' instances. */
  static StoreRequests total(Collection<RetrySample> samples) {
    Map<String, StoreRequests> first = new HashMap<>();
    Map<String, StoreRequests> last = new HashMap<>();
    for (RetrySample sample : samples) {
      first.merge(sample.instance(), sample.atStart().failures(), RetrySample::lower);
      last.merge(sample.instance(), sample.atEnd().failures(), RetrySample::higher);
    }
    StoreRequests total = StoreRequests.NONE;
    for (Map.Entry<String, StoreRequests> instance : last.entrySet()) {
      total = total.plus(instance.getValue().minus(first.get(instance.getKey())));
    }
    return total;
  }

  private static StoreRequests lower(StoreRequests a, StoreRequests b) {
    return new StoreRequests(
        0, 0, 0, 0, Math.min(a.retries(), b.retries()), Math.min(a.throttled(), b.throttled()));
  }

  private static StoreRequests higher(StoreRequests a, StoreRequests b) {
    return new StoreRequests(
        0, 0, 0, 0, Math.max(a.retries(), b.retries()), Math.max(a.throttled(), b.throttled()));
  }
}
