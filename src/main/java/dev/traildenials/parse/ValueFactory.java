package dev.traildenials.parse;

import java.util.List;

/**
 * Builds table values from parsed JSON. The parser knows no engine; each engine (Spark's internal
 * rows, plain Java for tests) brings its own factory.
 */
public interface ValueFactory {

  /** A text value. */
  Object text(String value);

  /** A struct from its field values, in the selection's order; the array is not reused. */
  Object struct(Object[] values);

  /** An array from its elements. */
  Object array(List<Object> elements);

  /** A map from its keys and values, pairwise. */
  Object map(List<Object> keys, List<Object> values);
}
