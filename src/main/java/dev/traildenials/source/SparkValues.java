package dev.traildenials.source;

import dev.traildenials.parse.ValueFactory;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/** Spark's internal values, so that parsed records need no conversion before Spark uses them. */
final class SparkValues implements ValueFactory {

  @Override
  public Object text(String value) {
    return UTF8String.fromString(value);
  }

  @Override
  public Object struct(Object[] values) {
    return new GenericInternalRow(values);
  }

  @Override
  public Object array(List<Object> elements) {
    return new GenericArrayData(elements.toArray());
  }

  @Override
  public Object map(List<Object> keys, List<Object> values) {
    return new ArrayBasedMapData(
        new GenericArrayData(keys.toArray()), new GenericArrayData(values.toArray()));
  }
}
