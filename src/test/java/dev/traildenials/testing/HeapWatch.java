package dev.traildenials.testing;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap this JVM kept alive while it was watched: the largest heap in use right after a
 * collection. Heap in use at any other moment counts garbage not yet collected, so it measures the
 * collector's timing more than what a reader holds.
 */
public final class HeapWatch implements AutoCloseable {

  private final AtomicLong peakAfterCollection = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener =
      (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
            notification.getType())) {
          GarbageCollectionNotificationInfo collection =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used =
              collection.getGcInfo().getMemoryUsageAfterGc().values().stream()
                  .mapToLong(MemoryUsage::getUsed)
                  .sum();
          peakAfterCollection.accumulateAndGet(used, Math::max);
        }
      };

  private HeapWatch() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Collects first, so that what the previous work left behind is not counted. */
  public static HeapWatch start() {
    System.gc();
    return new HeapWatch();
  }

  /** The peak in bytes so far, after one more collection so that a short run has at least one. */
  public long peakBytes() {
    System.gc();
    // The collector's notifications arrive on their own thread, shortly after the collection.
    long deadline = System.nanoTime() + 500_000_000L;
    while (peakAfterCollection.get() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return peakAfterCollection.get();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException alreadyGone) {
        // Nothing to remove.
      }
    }
  }
}
