package dev.traildenials.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.storage.StorageLevel;

/**
 * A result computed by one Spark job over all its partitions at once (every core locally, every
 * executor on a cluster) and then handed to the driver in the result's order, a bounded batch of
 * partitions at a time.
 *
 * <p>{@code Dataset.toLocalIterator} runs one job per partition, one after another: a query without
 * ORDER BY then scans the archive one task at a time. Here the first job computes and keeps every
 * partition on the executors (memory, spilling to disk) and returns only each partition's size;
 * later jobs fetch groups of kept partitions of at most {@code batchBytes} (a larger partition
 * alone), so the driver holds one group at a time, and skip empty partitions.
 */
final class ParallelResult<T> implements Iterator<T>, AutoCloseable {

  private final JavaRDD<T> kept;
  private final boolean keptHere;
  private final List<int[]> batches;
  private int next;
  private Iterator<T> current = Collections.emptyIterator();

  private ParallelResult(JavaRDD<T> kept, boolean keptHere, List<int[]> batches) {
    this.kept = kept;
    this.keptHere = keptHere;
    this.batches = batches;
  }

  /**
   * The elements of {@code values} in partition order. Close it when done, also when writing them
   * failed half way: closing releases the partitions kept on the executors.
   *
   * @param sizeOf an estimate of an element's size in bytes, for grouping partitions
   * @param batchBytes how many bytes of partitions one fetch may bring to the driver
   */
  static <T> ParallelResult<T> inOrder(JavaRDD<T> values, SizeOf<T> sizeOf, long batchBytes) {
    if (values.getNumPartitions() == 1) {
      // One job computes the one partition and brings it here: keeping it first would only add
      // a copy (the driver holds that partition either way).
      return new ParallelResult<>(values, false, List.of(new int[] {0}));
    }
    JavaRDD<T> kept = values.persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      List<long[]> sizes = kept.mapPartitionsWithIndex(new PartitionSize<>(sizeOf), true).collect();
      return new ParallelResult<>(kept, true, batches(sizes, batchBytes));
    } catch (RuntimeException e) {
      kept.unpersist(false);
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && next < batches.size()) {
      List<T>[] parts = kept.collectPartitions(batches.get(next++));
      List<T> all = new ArrayList<>();
      for (List<T> part : parts) {
        all.addAll(part);
      }
      current = all.iterator();
    }
    return current.hasNext();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  /** Releases the kept partitions (without waiting for the executors to drop them). */
  @Override
  public void close() {
    if (keptHere) {
      kept.unpersist(false);
    }
  }

  /**
   * Groups the non-empty partitions, in order, into fetches of at most {@code batchBytes} each (a
   * partition larger than that is a fetch of its own).
   *
   * @param sizes per partition: {index, elements, bytes}
   */
  static List<int[]> batches(List<long[]> sizes, long batchBytes) {
    List<int[]> batches = new ArrayList<>();
    List<Integer> batch = new ArrayList<>();
    long bytes = 0;
    for (long[] size : sizes) {
      if (size[1] == 0) {
        continue;
      }
      if (!batch.isEmpty() && bytes + size[2] > batchBytes) {
        batches.add(batch.stream().mapToInt(Integer::intValue).toArray());
        batch.clear();
        bytes = 0;
      }
      batch.add((int) size[0]);
      bytes += size[2];
    }
    if (!batch.isEmpty()) {
      batches.add(batch.stream().mapToInt(Integer::intValue).toArray());
    }
    return batches;
  }

  /** An element's size estimate in bytes. */
  @FunctionalInterface
  interface SizeOf<T> extends java.io.Serializable {
    long bytes(T value);
  }

  /** Each partition's index, element count and estimated bytes. */
  private static final class PartitionSize<T>
      implements Function2<Integer, Iterator<T>, Iterator<long[]>> {
    private final SizeOf<T> sizeOf;

    PartitionSize(SizeOf<T> sizeOf) {
      this.sizeOf = sizeOf;
    }

    @Override
    public Iterator<long[]> call(Integer index, Iterator<T> values) {
      long count = 0;
      long bytes = 0;
      while (values.hasNext()) {
        bytes += sizeOf.bytes(values.next());
        count++;
      }
      return List.of(new long[] {index, count, bytes}).iterator();
    }
  }

  /** The first {@code limit} elements of each partition. */
  static final class FirstOfEachPartition<T> implements FlatMapFunction<Iterator<T>, T> {
    private final int limit;

    FirstOfEachPartition(int limit) {
      this.limit = limit;
    }

    @Override
    public Iterator<T> call(Iterator<T> values) {
      List<T> first = new ArrayList<>();
      while (first.size() < limit && values.hasNext()) {
        first.add(values.next());
      }
      return first.iterator();
    }
  }
}
