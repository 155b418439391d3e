package dev.traildenials.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One column of the CloudTrail table, or one field of a nested column.
 *
 * @param jsonKey the key as CloudTrail writes it ({@code userIdentity}); matched case-insensitively
 * @param kind how the value is read
 * @param children the fields of a {@link FieldKind#STRUCT} or the element of a {@link
 *     FieldKind#ARRAY_OF_STRUCT}; empty otherwise
 */
public record Field(String jsonKey, FieldKind kind, List<Field> children) implements Serializable {

  public Field {
    children = List.copyOf(children);
  }

  /** The column name: Athena's, the JSON key in lower case. */
  public String name() {
    return jsonKey.toLowerCase(Locale.ROOT);
  }

  static Field string(String jsonKey) {
    return new Field(jsonKey, FieldKind.STRING, List.of());
  }

  static Field struct(String jsonKey, Field... children) {
    return new Field(jsonKey, FieldKind.STRUCT, List.of(children));
  }

  static Field arrayOfStruct(String jsonKey, Field... children) {
    return new Field(jsonKey, FieldKind.ARRAY_OF_STRUCT, List.of(children));
  }

  static Field mapOfString(String jsonKey) {
    return new Field(jsonKey, FieldKind.MAP_OF_STRING, List.of());
  }
}
