package dev.traildenials.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;

/**
 * A result with an ORDER BY over more than one partition is sorted by range: Spark first samples
 * the sort's input with a job of its own, which computes that input (the whole archive scan) a
 * second time. Here the sort's input is computed once and kept on the executors, and the sort (its
 * sampling included) reads what was kept.
 */
final class SortOnce implements AutoCloseable {

  private final Dataset<Row> result;
  private final Dataset<Row> kept;

  private SortOnce(Dataset<Row> result, Dataset<Row> kept) {
    this.result = result;
    this.kept = kept;
  }

  /** The result to compute: the same rows in the same order, its sort's input read once. */
  static SortOnce of(Dataset<Row> result) {
    if (result.sparkSession().sessionState().conf().numShufflePartitions() <= 1) {
      return new SortOnce(result, null); // one sort partition: no sampling pass
    }
    LogicalPlan plan = result.queryExecution().optimizedPlan();
    Project project = null;
    if (plan instanceof Project top && top.child() instanceof Sort) {
      project = top;
      plan = top.child();
    }
    if (!(plan instanceof Sort sort) || !sort.global()) {
      return new SortOnce(result, null);
    }
    Dataset<Row> input =
        Dataset.ofRows(result.sparkSession(), sort.child())
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    List<Column> order = new ArrayList<>();
    for (SortOrder key : JavaConverters.seqAsJavaList(sort.order())) {
      order.add(new Column(key));
    }
    Dataset<Row> sorted = input.sort(order.toArray(Column[]::new));
    if (project != null) {
      List<Column> columns = new ArrayList<>();
      for (NamedExpression column : JavaConverters.seqAsJavaList(project.projectList())) {
        columns.add(new Column((org.apache.spark.sql.catalyst.expressions.Expression) column));
      }
      sorted = sorted.select(columns.toArray(Column[]::new));
    }
    // The result's own column names (a projection may not be the last step of the plan).
    return new SortOnce(sorted.toDF(result.columns()), input);
  }

  Dataset<Row> result() {
    return result;
  }

  @Override
  public void close() {
    if (kept != null) {
      kept.unpersist(false);
    }
  }
}
