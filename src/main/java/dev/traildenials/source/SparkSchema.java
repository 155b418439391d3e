package dev.traildenials.source;

import dev.traildenials.failure.Failure;
import dev.traildenials.schema.CloudTrailSchema;
import dev.traildenials.schema.Field;
import dev.traildenials.schema.FieldKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The CloudTrail schema as Spark types, and back: which fields a pruned Spark schema selects. */
public final class SparkSchema {

  private static final StructType TABLE = structOf(CloudTrailSchema.columns());

  private SparkSchema() {}

  /** The whole {@code cloudtrail} table. */
  public static StructType table() {
    return TABLE;
  }

  static StructType structOf(List<Field> fields) {
    List<StructField> structFields = new ArrayList<>();
    for (Field field : fields) {
      structFields.add(DataTypes.createStructField(field.name(), typeOf(field), true));
    }
    return DataTypes.createStructType(structFields);
  }

  private static DataType typeOf(Field field) {
    switch (field.kind()) {
      case STRUCT:
        return structOf(field.children());
      case ARRAY_OF_STRUCT:
        return DataTypes.createArrayType(structOf(field.children()), true);
      case MAP_OF_STRING:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
      default:
        return DataTypes.StringType;
    }
  }

  /**
   * The schema fields a (possibly nested-pruned) Spark schema asks for, in its order.
   *
   * @throws IllegalArgumentException for a field the CloudTrail schema does not have
   */
  static List<Field> select(StructType required) {
    return select(required, CloudTrailSchema.columns());
  }

  private static List<Field> select(StructType required, List<Field> available) {
    List<Field> selected = new ArrayList<>();
    for (StructField structField : required.fields()) {
      Field field =
          find(available, structField.name())
              .orElseThrow(
                  () ->
                      Failure.userInput(
                          "The cloudtrail table has no column " + structField.name()));
      DataType type = structField.dataType();
      if (field.kind() == FieldKind.STRUCT && type instanceof StructType nested) {
        field = new Field(field.jsonKey(), field.kind(), select(nested, field.children()));
      } else if (field.kind() == FieldKind.ARRAY_OF_STRUCT
          && type instanceof org.apache.spark.sql.types.ArrayType array
          && array.elementType() instanceof StructType element) {
        field = new Field(field.jsonKey(), field.kind(), select(element, field.children()));
      }
      selected.add(field);
    }
    return selected;
  }

  private static Optional<Field> find(List<Field> fields, String name) {
    return fields.stream().filter(field -> field.name().equalsIgnoreCase(name)).findFirst();
  }
}
