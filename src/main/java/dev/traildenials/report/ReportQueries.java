package dev.traildenials.report;

import dev.traildenials.failure.Failure;
import dev.traildenials.sql.SqlQuery;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The packaged queries of {@code sql/report}, each run over the datasets it is given under the
 * names it reads. The names are checked against the query's own text before it runs: a query that
 * reads a name it was not given (or is given one it does not read) is a mistake in this package,
 * not a view some earlier step happened to leave behind.
 */
final class ReportQueries {

  private ReportQueries() {}

  /**
   * Runs {@code sql/<name>} with typed values for its markers.
   *
   * @param inputs every table the query reads, by the name it reads it under
   */
  static Dataset<Row> run(
      SparkSession session, String name, Map<String, Dataset<Row>> inputs, Map<String, ?> values) {
    SqlQuery query = SqlQuery.resource(name);
    Set<String> reads = tablesRead(session, query.text());
    if (!reads.equals(inputs.keySet())) {
      throw Failure.internal(
          name
              + " reads "
              + new TreeSet<>(reads)
              + " but was given "
              + new TreeSet<>(inputs.keySet()));
    }
    inputs.forEach((view, data) -> data.createOrReplaceTempView(view));
    return session.sql(query.text(), query.bindValues(values));
  }

  /** The tables a query's text reads, lower-cased: every relation it names but does not define. */
  static Set<String> tablesRead(SparkSession session, String text) {
    Set<String> named = new HashSet<>();
    Set<String> defined = new HashSet<>();
    Deque<TreeNode<?>> nodes = new ArrayDeque<>();
    nodes.push(parse(session, text));
    while (!nodes.isEmpty()) {
      TreeNode<?> node = nodes.pop();
      if (node instanceof UnresolvedRelation relation) {
        named.add(relation.tableName().toLowerCase(Locale.ROOT));
      }
      if (node instanceof UnresolvedWith with) {
        for (Tuple2<String, ?> cte : JavaConverters.seqAsJavaList(with.cteRelations())) {
          defined.add(cte._1().toLowerCase(Locale.ROOT));
        }
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(child -> nodes.push(child));
      JavaConverters.seqAsJavaList(node.innerChildren()).forEach(child -> nodes.push(child));
      if (node instanceof LogicalPlan plan) {
        JavaConverters.seqAsJavaList(plan.subqueries()).forEach(subquery -> nodes.push(subquery));
      }
    }
    named.removeAll(defined);
    return named;
  }

  private static LogicalPlan parse(SparkSession session, String text) {
    try {
      return session.sessionState().sqlParser().parsePlan(text);
    } catch (ParseException e) {
      throw Failure.internal("A packaged query does not parse: " + e.getMessage(), e);
    }
  }
}
