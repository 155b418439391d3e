package dev.traildenials.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values: {@code String}, {@code List<Object>} for structs and arrays, {@code Map} for
 * maps. For tools and tests that need no engine.
 */
public final class JavaValues implements ValueFactory {

  @Override
  public Object text(String value) {
    return value;
  }

  @Override
  public Object struct(Object[] values) {
    return Arrays.asList(values);
  }

  @Override
  public Object array(List<Object> elements) {
    return new ArrayList<>(elements);
  }

  @Override
  public Object map(List<Object> keys, List<Object> values) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      map.put(keys.get(i), values.get(i));
    }
    return map;
  }
}
