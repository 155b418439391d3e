package dev.traildenials.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BinaryComparison;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GreaterThan;
import org.apache.spark.sql.catalyst.expressions.GreaterThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.InSet;
import org.apache.spark.sql.catalyst.expressions.LessThan;
import org.apache.spark.sql.catalyst.expressions.LessThanOrEqual;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Narrows which day folders, accounts and regions a CloudTrail scan lists from the query's own
 * conditions, as Athena users write them: {@code from_iso8601_timestamp(eventtime) >= ...} (or
 * {@code <}, {@code BETWEEN}, against a literal, a bound parameter or {@code now()}-relative
 * arithmetic), {@code eventtime >= '2024-03-01'} string comparisons, and {@code =} or {@code IN} on
 * {@code recipientaccountid} and {@code awsregion}. A condition it does not recognise narrows
 * nothing; every condition stays in the plan for Spark to apply, so the rows are the same.
 *
 * <p>It runs after Spark has built the scan (among the session's extra optimizations), because the
 * scan is where the listing is planned.
 */
public final class ListingNarrowingRule extends Rule<LogicalPlan> {

  /** The name of the UDF that reads an ISO 8601 text as a timestamp. */
  public static final String FROM_ISO8601_TIMESTAMP = "from_iso8601_timestamp";

  /** Adds the rule to a session's extra optimizations, once. */
  public static void install(org.apache.spark.sql.SparkSession session) {
    List<Rule<LogicalPlan>> rules =
        new ArrayList<>(JavaConverters.seqAsJavaList(session.experimental().extraOptimizations()));
    if (rules.stream().noneMatch(rule -> rule instanceof ListingNarrowingRule)) {
      rules.add(new ListingNarrowingRule());
      session.experimental().extraOptimizations_$eq(JavaConverters.asScalaBuffer(rules).toSeq());
    }
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(
        new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
          @Override
          public boolean isDefinedAt(LogicalPlan node) {
            return node instanceof Filter filter
                && filter.child() instanceof DataSourceV2ScanRelation relation
                && relation.scan() instanceof CloudTrailScan;
          }

          @Override
          public LogicalPlan apply(LogicalPlan node) {
            Filter filter = (Filter) node;
            DataSourceV2ScanRelation relation = (DataSourceV2ScanRelation) filter.child();
            CloudTrailScan scan = (CloudTrailScan) relation.scan();
            ListingNarrowing narrowing = narrowing(filter.condition());
            if (!scan.narrowable()
                || narrowing.narrowsNothing()
                || narrowing.equals(scan.narrowing())) {
              return filter;
            }
            DataSourceV2ScanRelation narrowed =
                relation.copy(
                    relation.relation(),
                    scan.narrowedBy(narrowing),
                    relation.output(),
                    relation.keyGroupedPartitioning(),
                    relation.ordering());
            return filter.withNewChildren(
                JavaConverters.asScalaBuffer(List.<LogicalPlan>of(narrowed)).toSeq());
          }
        });
  }

  /** What the conjuncts of a condition allow; conditions it does not know add nothing. */
  static ListingNarrowing narrowing(Expression condition) {
    Bounds bounds = new Bounds();
    for (Expression conjunct : conjuncts(condition)) {
      bounds.add(conjunct);
    }
    return bounds.result();
  }

  private static List<Expression> conjuncts(Expression condition) {
    List<Expression> all = new ArrayList<>();
    if (condition instanceof And and) {
      all.addAll(conjuncts(and.left()));
      all.addAll(conjuncts(and.right()));
    } else {
      all.add(condition);
    }
    return all;
  }

  /** The bounds gathered from one condition's conjuncts. */
  private static final class Bounds {
    private Instant from;
    private Instant to;
    private Set<String> accounts;
    private Set<String> regions;
    private final List<String> because = new ArrayList<>();

    void add(Expression conjunct) {
      if (conjunct instanceof BinaryComparison comparison) {
        addComparison(comparison, conjunct);
      } else if (conjunct instanceof In in && in.list().forall(e -> isConstant(e))) {
        List<Object> values = new ArrayList<>();
        for (Expression value : JavaConverters.seqAsJavaList(in.list())) {
          values.add(value.eval(null));
        }
        addValues(in.value(), values, conjunct);
      } else if (conjunct instanceof InSet inSet) {
        addValues(
            inSet.child(), new ArrayList<>(JavaConverters.setAsJavaSet(inSet.hset())), conjunct);
      }
    }

    private void addComparison(BinaryComparison comparison, Expression conjunct) {
      Expression column = comparison.left();
      Expression constant = comparison.right();
      boolean flipped = false;
      if (isConstant(column) && !isConstant(constant)) {
        column = comparison.right();
        constant = comparison.left();
        flipped = true;
      }
      if (!isConstant(constant)) {
        return;
      }
      if (comparison instanceof EqualTo) {
        List<Object> one = new ArrayList<>();
        one.add(constant.eval(null));
        addValues(column, one, conjunct);
      }
      Optional<TimeSide> side = timeSide(column);
      if (side.isEmpty()) {
        return;
      }
      Object value = constant.eval(null);
      boolean lower =
          comparison instanceof EqualTo
              || (flipped
                  ? comparison instanceof LessThan || comparison instanceof LessThanOrEqual
                  : comparison instanceof GreaterThan || comparison instanceof GreaterThanOrEqual);
      boolean upper =
          comparison instanceof EqualTo
              || (flipped
                  ? comparison instanceof GreaterThan || comparison instanceof GreaterThanOrEqual
                  : comparison instanceof LessThan || comparison instanceof LessThanOrEqual);
      Optional<Instant[]> range = side.get().range(value);
      if (range.isEmpty()) {
        return;
      }
      Instant upperBound =
          comparison instanceof LessThan || comparison instanceof GreaterThan
              ? range.get()[1]
              : range.get()[2];
      if (lower && (from == null || range.get()[0].isAfter(from))) {
        from = range.get()[0];
        because.add(conjunct.sql());
      }
      if (upper && (to == null || upperBound.isBefore(to))) {
        to = upperBound;
        because.add(conjunct.sql());
      }
    }

    private void addValues(Expression column, List<Object> values, Expression conjunct) {
      Optional<String> name = attributeName(column);
      if (name.isEmpty() || values.stream().anyMatch(v -> !(v instanceof UTF8String))) {
        return;
      }
      Set<String> allowed = new HashSet<>();
      values.forEach(value -> allowed.add(value.toString()));
      if (name.get().equals("recipientaccountid")) {
        accounts = intersect(accounts, allowed);
        because.add(conjunct.sql());
      } else if (name.get().equals("awsregion")) {
        regions = intersect(regions, allowed);
        because.add(conjunct.sql());
      }
    }

    ListingNarrowing result() {
      return new ListingNarrowing(
          from,
          to,
          accounts == null ? Set.of() : accounts,
          regions == null ? Set.of() : regions,
          new ArrayList<>(new java.util.LinkedHashSet<>(because)));
    }
  }

  private static Set<String> intersect(Set<String> so, Set<String> more) {
    if (so == null) {
      return more;
    }
    Set<String> both = new HashSet<>(so);
    both.retainAll(more);
    return both;
  }

  private static boolean isConstant(Expression expression) {
    return expression.references().isEmpty() && expression.deterministic();
  }

  private static Optional<String> attributeName(Expression expression) {
    return expression instanceof Attribute attribute
        ? Optional.of(attribute.name().toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** How the event time appears in a comparison, and what a compared value means for it. */
  private enum TimeSide {
    /** {@code from_iso8601_timestamp(eventtime)} or a cast to timestamp: microseconds. */
    TIMESTAMP {
      @Override
      Optional<Instant[]> range(Object value) {
        if (!(value instanceof Long micros)) {
          return Optional.empty();
        }
        Instant instant = Instant.EPOCH.plusNanos(micros * 1000);
        return Optional.of(new Instant[] {instant, instant, instant.plusSeconds(1)});
      }
    },
    /** {@code eventtime} as text, compared as text: a date or instant literal. */
    TEXT {
      @Override
      Optional<Instant[]> range(Object value) {
        if (!(value instanceof UTF8String text)) {
          return Optional.empty();
        }
        String literal = text.toString();
        try {
          if (literal.length() == 10) {
            // As text, every time of the day sorts after the bare date.
            Instant day = LocalDate.parse(literal).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Optional.of(new Instant[] {day, day, day.plusSeconds(86_400)});
          }
          Instant instant = java.time.OffsetDateTime.parse(literal).toInstant();
          return Optional.of(new Instant[] {instant, instant, instant.plusSeconds(1)});
        } catch (DateTimeParseException e) {
          return Optional.empty();
        }
      }
    };

    /**
     * For a compared value: the lowest event time a lower bound allows, the first one an upper
     * bound excludes when it is strict ({@code <}), and when it is not ({@code <=}, {@code =}).
     */
    abstract Optional<Instant[]> range(Object value);
  }

  private static Optional<TimeSide> timeSide(Expression expression) {
    if (isEventTime(expression)) {
      return Optional.of(TimeSide.TEXT);
    }
    if (expression instanceof ScalaUDF udf
        && udf.udfName().isDefined()
        && udf.udfName().get().equals(FROM_ISO8601_TIMESTAMP)
        && udf.children().size() == 1
        && isEventTime(udf.children().apply(0))) {
      return Optional.of(TimeSide.TIMESTAMP);
    }
    if (expression instanceof Cast cast
        && cast.dataType() instanceof TimestampType
        && isEventTime(cast.child())) {
      return Optional.of(TimeSide.TIMESTAMP);
    }
    return Optional.empty();
  }

  private static boolean isEventTime(Expression expression) {
    return attributeName(expression).map("eventtime"::equals).orElse(false);
  }
}
