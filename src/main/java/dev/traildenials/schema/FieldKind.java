package dev.traildenials.schema;

/** How a column's JSON value becomes a table value. */
public enum FieldKind {
  /**
   * Text. A JSON scalar becomes its text ({@code true}, {@code 42}); an object or array becomes its
   * compact JSON text, as Athena's CloudTrail SerDe does for {@code requestparameters}.
   */
  STRING,
  /** A nested object with its own fields. */
  STRUCT,
  /** An array of objects. */
  ARRAY_OF_STRUCT,
  /** An object read as a map of string keys to text values. */
  MAP_OF_STRING,
  /** Not in the record: the path of the log file the record came from. */
  SOURCE_FILE
}
