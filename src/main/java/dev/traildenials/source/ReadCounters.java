package dev.traildenials.source;

import dev.traildenials.archive.SkippedPath;
import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/** The accumulators a read's tasks count into, shipped to the executors with the reader factory. */
final class ReadCounters implements Serializable {

  private static final long serialVersionUID = 1L;

  final CollectionAccumulator<SkippedPath> rejected;
  final LongAccumulator filesRead;
  final LongAccumulator recordsRead;
  final LongAccumulator storeGets;
  final LongAccumulator storeHeads;
  final LongAccumulator filesReadAgain;
  final CollectionAccumulator<RetrySample> retrySamples;

  ReadCounters(SparkContext sparkContext) {
    rejected = sparkContext.collectionAccumulator("trail-denials rejected log files");
    filesRead = sparkContext.longAccumulator("trail-denials log files read");
    recordsRead = sparkContext.longAccumulator("trail-denials records read");
    storeGets = sparkContext.longAccumulator("trail-denials GET requests for log files");
    storeHeads = sparkContext.longAccumulator("trail-denials HEAD requests for log files");
    filesReadAgain =
        sparkContext.longAccumulator("trail-denials log files read again after a storage failure");
    retrySamples = sparkContext.collectionAccumulator("trail-denials store retry counters");
  }
}
