package dev.traildenials.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A summary is rewritten exactly when its rows, counted with their copies, differ. */
@Tag("slow")
class ReportTablesTest {

  private static final StructType HOURLY =
      new StructType()
          .add("event_date", DataTypes.DateType)
          .add("hour", DataTypes.IntegerType)
          .add("principals", DataTypes.createArrayType(DataTypes.StringType))
          .add("value", DataTypes.LongType);

  private static final LocalDate MARCH_1 = LocalDate.of(2024, 3, 1);
  private static final LocalDate MARCH_2 = LocalDate.of(2024, 3, 2);

  @TempDir Path out;

  @ParameterizedTest
  @EnumSource(TableFormat.class)
  void aWholeTableIsRewrittenOnlyWhenItsRowsDiffer(TableFormat format) {
    ReportTables tables = ReportTables.open(session(), out.toString(), format, "run");
    Row a = row(MARCH_1, 0, List.of("role/a"), 1);
    Row b = row(MARCH_1, 1, List.of("role/b", "role/c"), 2);

    assertThat(tables.replaceAll("summary", rows(a, b))).isTrue();
    // The same rows in another order: nothing to write.
    assertThat(tables.replaceAll("summary", rows(b, a))).isFalse();
    // A second copy of a row is a difference, and so is a row gone.
    assertThat(tables.replaceAll("summary", rows(a, b, b))).isTrue();
    assertThat(sorted(tables, "summary")).containsExactly(text(a), text(b), text(b));
    assertThat(tables.replaceAll("summary", rows(a, b))).isTrue();
    assertThat(tables.replaceAll("summary", rows(a))).isTrue();
    assertThat(sorted(tables, "summary")).containsExactly(text(a));
    // A value inside an array is a difference; a null equals a null.
    Row nulls = row(MARCH_1, 0, null, 1);
    assertThat(tables.replaceAll("summary", rows(nulls))).isTrue();
    assertThat(tables.replaceAll("summary", rows(nulls))).isFalse();
    assertThat(tables.replaceAll("summary", rows(row(MARCH_1, 0, List.of("role/z"), 1)))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TableFormat.class)
  void daysAreReplacedOnlyWhenTheirRowsDiffer(TableFormat format) {
    ReportTables tables = ReportTables.open(session(), out.toString(), format, "run");
    Row first = row(MARCH_1, 3, List.of("role/a"), 4);
    Row second = row(MARCH_2, 5, List.of("role/b"), 6);
    List<LocalDate> day1 = List.of(MARCH_1);

    assertThat(tables.replaceDays("hourly", rows(first, second), List.of(MARCH_1, MARCH_2)))
        .isTrue();
    // The other day's rows do not count against this day's.
    assertThat(tables.replaceDays("hourly", rows(first), day1)).isFalse();

    Row changed = row(MARCH_1, 3, List.of("role/a"), 5);
    assertThat(tables.replaceDays("hourly", rows(changed), day1)).isTrue();
    assertThat(sorted(tables, "hourly")).containsExactly(text(changed), text(second));
  }

  private static SparkSession session() {
    return SharedSpark.session();
  }

  private static Row row(LocalDate date, int hour, List<String> principals, long value) {
    return RowFactory.create(
        Date.valueOf(date),
        hour,
        principals == null ? null : principals.toArray(new String[0]),
        value);
  }

  private static Dataset<Row> rows(Row... rows) {
    return session().createDataFrame(List.of(rows), HOURLY);
  }

  private static List<String> sorted(ReportTables tables, String table) {
    return tables
        .read(table)
        .selectExpr("event_date", "hour", "principals", "value")
        .orderBy("event_date", "hour", "value")
        .collectAsList()
        .stream()
        .map(ReportTablesTest::text)
        .toList();
  }

  /** A row as text, its array as a list whether built here (an array) or read back (a list). */
  private static String text(Row row) {
    Object principals = row.get(2);
    List<?> list =
        principals == null
            ? null
            : principals instanceof Object[] array ? Arrays.asList(array) : row.getList(2);
    return row.get(0) + "|" + row.get(1) + "|" + list + "|" + row.get(3);
  }
}
