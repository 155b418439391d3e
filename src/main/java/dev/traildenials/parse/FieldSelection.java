package dev.traildenials.parse;

import dev.traildenials.schema.Field;
import dev.traildenials.schema.FieldKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields a reader must build at one level of a record, with a key lookup that is cheap on the
 * hot path: CloudTrail writes keys in camelCase, Athena's columns are lower case, so a key is
 * lower-cased only the first time it is seen.
 *
 * <p>Not thread-safe: each reader builds its own.
 */
public final class FieldSelection {

  private static final int ABSENT = -1;

  private final Field[] fields;
  private final FieldSelection[] children;
  private final Map<String, Integer> byName = new HashMap<>();
  private final Map<String, Integer> byKeySeen = new HashMap<>();

  public FieldSelection(List<Field> selected) {
    fields = selected.toArray(new Field[0]);
    children = new FieldSelection[fields.length];
    for (int i = 0; i < fields.length; i++) {
      byName.put(fields[i].name(), i);
      if (!fields[i].children().isEmpty()) {
        children[i] = new FieldSelection(fields[i].children());
      }
    }
  }

  public int size() {
    return fields.length;
  }

  public FieldKind kind(int ordinal) {
    return fields[ordinal].kind();
  }

  FieldSelection child(int ordinal) {
    return children[ordinal];
  }

  /** The ordinal of the field a JSON key fills, or -1 when the key is not selected. */
  int ordinalOfKey(String key) {
    Integer ordinal = byKeySeen.get(key);
    if (ordinal == null) {
      ordinal = byName.getOrDefault(key.toLowerCase(Locale.ROOT), ABSENT);
      byKeySeen.put(key, ordinal);
    }
    return ordinal;
  }

  /** The ordinal of a column by its table name, or -1. */
  public int ordinalOfName(String name) {
    return byName.getOrDefault(name, ABSENT);
  }
}
