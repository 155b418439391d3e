package dev.traildenials.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.traildenials.schema.FieldKind;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one CloudTrail log file, {@code {"Records":[{...},...]}}, in a single streaming pass and
 * hands each record in the event-time window to a consumer as an array of the selected columns.
 *
 * <p>Fields that are not selected are skipped without building values. Keys outside the schema are
 * ignored, missing keys are null. Records that lack a required column (a query's {@code IS NOT
 * NULL}) are not handed out; in a file parsed from memory their other values are not even decoded,
 * only tokenized: most CloudTrail records are not denials, and building their values was most of
 * the parser's work. Anything that is not one JSON object with a {@code Records} array of objects
 * raises {@link MalformedLogFileException}; the caller decides what to do with the records it has
 * already been handed (the readers buffer them so that a bad file yields none).
 *
 * <p>With a {@link DetailRule}, a record that is not notable gets only the rule's summary columns;
 * in a file parsed from memory its other values are only tokenized.
 */
public final class CloudTrailLogParser {

  private static final String RECORDS = "Records";
  private static final String EVENT_TIME = "eventTime";

  private final JsonFactory jsonFactory;
  private final FieldSelection columns;
  private final ValueFactory values;
  private final EventTimeWindow window;
  private final Object trueText;
  private final Object falseText;
  private final int[] requiredOrdinals;
  private final boolean[] required;
  // Decoded while the record is tokenized, whatever the record: the rule's summary columns.
  private final boolean[] summary;
  private final DetailRule rule;
  private final int[] presentOrdinals;
  private final int[] equalOrdinals;
  private final List<Set<String>> equalValues;
  // Per record, reused: the text of each equalOrdinals column.
  private final String[] equalTexts;
  // Per record, reused: where each selected value not decoded yet starts in the file's bytes.
  private final long[] valueStarts;

  public CloudTrailLogParser(FieldSelection columns, ValueFactory values, EventTimeWindow window) {
    this(columns, values, window, List.of());
  }

  /**
   * @param requiredColumns top-level text columns a record must hold (present, not JSON null) to be
   *     handed out; the engine still applies its own filters, so this only skips what it would drop
   */
  public CloudTrailLogParser(
      FieldSelection columns,
      ValueFactory values,
      EventTimeWindow window,
      Collection<String> requiredColumns) {
    this(columns, values, window, requiredColumns, null);
  }

  /**
   * @param rule which records get every selected column; null: all of them
   */
  public CloudTrailLogParser(
      FieldSelection columns,
      ValueFactory values,
      EventTimeWindow window,
      Collection<String> requiredColumns,
      DetailRule rule) {
    this.jsonFactory =
        JsonFactory.builder()
            // CloudTrail allows request parameters of many megabytes; Jackson 2.15 caps strings
            // at 20 MB by default, which a legitimate record must not hit.
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(10_000)
                    .build())
            .build();
    this.columns = columns;
    this.values = values;
    this.window = window;
    this.trueText = values.text("true");
    this.falseText = values.text("false");
    this.required = new boolean[columns.size()];
    this.requiredOrdinals =
        requiredColumns.stream()
            .mapToInt(columns::ordinalOfName)
            .filter(ordinal -> ordinal >= 0 && columns.kind(ordinal) == FieldKind.STRING)
            .distinct()
            .toArray();
    for (int ordinal : requiredOrdinals) {
      required[ordinal] = true;
    }
    this.rule = rule;
    this.summary = new boolean[columns.size()];
    List<Integer> present = new ArrayList<>();
    List<Integer> equal = new ArrayList<>();
    this.equalValues = new ArrayList<>();
    if (rule != null) {
      for (String name : rule.summaryColumns()) {
        int ordinal = columns.ordinalOfName(name);
        if (ordinal >= 0) {
          summary[ordinal] = true;
        }
      }
      for (String name : rule.presentColumns()) {
        present.add(conditionOrdinal(columns, name));
      }
      rule.equalColumns()
          .forEach(
              (name, texts) -> {
                equal.add(conditionOrdinal(columns, name));
                equalValues.add(texts);
              });
      // What the condition reads is decoded before the record is judged.
      present.forEach(ordinal -> markSummary(ordinal));
      equal.forEach(ordinal -> markSummary(ordinal));
    }
    this.presentOrdinals = present.stream().mapToInt(Integer::intValue).toArray();
    this.equalOrdinals = equal.stream().mapToInt(Integer::intValue).toArray();
    this.equalTexts = new String[equalOrdinals.length];
    this.valueStarts = new long[columns.size()];
  }

  private void markSummary(int ordinal) {
    if (ordinal >= 0) {
      summary[ordinal] = true;
    }
  }

  /**
   * A text column a rule's condition reads; -1 when the scan does not select it (then it never
   * makes a record notable).
   */
  private static int conditionOrdinal(FieldSelection columns, String name) {
    int ordinal = columns.ordinalOfName(name);
    return ordinal >= 0 && columns.kind(ordinal) == FieldKind.STRING ? ordinal : -1;
  }

  /**
   * Parses a whole (decompressed) log file.
   *
   * @return the number of records in the file, kept or not
   * @throws MalformedLogFileException when the content is not a CloudTrail log file
   * @throws IOException when the stream fails (corrupt or truncated compression shows up here)
   */
  public int parse(InputStream json, Consumer<Object[]> sink)
      throws MalformedLogFileException, IOException {
    try (Records records = open(json)) {
      Object[] record;
      while ((record = records.next()) != null) {
        sink.accept(record);
      }
      return records.count();
    }
  }

  /** Starts reading a (decompressed) log file record by record. */
  public Records open(InputStream json) throws IOException {
    return new Records(jsonFactory.createParser(json), null, 0);
  }

  /**
   * Starts reading a (decompressed) log file held in memory: the first {@code length} bytes of
   * {@code json}, which must stay unchanged until the records are read.
   */
  public Records open(byte[] json, int length) throws IOException {
    return new Records(jsonFactory.createParser(json, 0, length), json, length);
  }

  /**
   * The records of one file, pulled one at a time: only the record being read is held in memory,
   * whatever the file's size.
   */
  public final class Records implements Closeable {
    private final JsonParser parser;
    private final byte[] bytes;
    private final int length;
    private boolean insideRecords;
    private boolean finished;
    private boolean looksLikeOneEvent;
    private int count;

    private Records(JsonParser parser, byte[] bytes, int length) {
      this.parser = parser;
      this.bytes = bytes;
      this.length = length;
    }

    /**
     * The next record in the event-time window, or null once the whole document has been read and
     * found to be one CloudTrail log.
     */
    public Object[] next() throws MalformedLogFileException, IOException {
      if (finished) {
        return null;
      }
      if (!insideRecords) {
        findRecordsArray();
        insideRecords = true;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          throw new MalformedLogFileException(
              "Records[" + count + "] is a JSON " + describe(token) + ", not an object");
        }
        Object[] record = parseRecord(parser, bytes, length);
        count++;
        if (record != null) {
          return record;
        }
      }
      finishDocument();
      finished = true;
      return null;
    }

    /** How many records have been read so far, kept or not; the file's total once finished. */
    public int count() {
      return count;
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }

    /** Moves into the Records array. */
    private void findRecordsArray() throws MalformedLogFileException, IOException {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new MalformedLogFileException(
            "the file holds no JSON (it is empty after decompression)");
      }
      if (token != JsonToken.START_OBJECT) {
        throw new MalformedLogFileException(
            "the file is a JSON " + describe(token) + ", not an object with a Records array");
      }
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        token = parser.nextToken();
        if (RECORDS.equals(key)) {
          if (token != JsonToken.START_ARRAY) {
            throw new MalformedLogFileException(
                "Records is a JSON " + describe(token) + ", not an array");
          }
          return;
        }
        looksLikeOneEvent |= key.equals("eventVersion") || key.equals(EVENT_TIME);
        parser.skipChildren();
      }
      throw noRecordsArray();
    }

    /** Reads what follows the Records array: other keys of the object, then nothing. */
    private void finishDocument() throws MalformedLogFileException, IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        parser.nextToken();
        parser.skipChildren();
      }
      if (parser.nextToken() != null) {
        throw new MalformedLogFileException(
            "more JSON follows the Records object (concatenated documents or JSON lines?)");
      }
    }

    private MalformedLogFileException noRecordsArray() {
      return new MalformedLogFileException(
          looksLikeOneEvent
              ? "the file holds single events, not a Records array (JSON lines?)"
              : "the JSON object has no Records array");
    }
  }

  /**
   * Returns the record's columns, or null when its event time is outside the window or it lacks a
   * required column. For a file in memory ({@code bytes}) with required columns, only the event
   * time and those are decoded while the record is tokenized; every other selected value is
   * remembered by where it starts and decoded from there once the record has passed.
   */
  private Object[] parseRecord(JsonParser parser, byte[] bytes, int length) throws IOException {
    boolean defer = bytes != null && (requiredOrdinals.length > 0 || rule != null);
    if (defer) {
      Arrays.fill(valueStarts, -1);
    }
    Arrays.fill(equalTexts, null);
    Object[] row = new Object[columns.size()];
    String eventTime = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int ordinal = columns.ordinalOfKey(key);
      token = parser.nextToken();
      if (defer && ordinal >= 0) {
        // A later duplicate key wins, however the earlier one was read.
        valueStarts[ordinal] = -1;
      }
      if (EVENT_TIME.equals(key) && token == JsonToken.VALUE_STRING) {
        eventTime = parser.getText();
        if (ordinal >= 0) {
          row[ordinal] = values.text(eventTime);
        }
      } else if (ordinal < 0) {
        parser.skipChildren();
      } else if (!defer || required[ordinal] && token.isScalarValue() || summary[ordinal]) {
        if (equalOrdinals.length > 0) {
          captureConditionText(ordinal, token, parser);
        }
        row[ordinal] = readValue(parser, token, columns, ordinal);
      } else {
        row[ordinal] = null;
        if (token != JsonToken.VALUE_NULL) {
          valueStarts[ordinal] = parser.currentTokenLocation().getByteOffset();
        }
        parser.skipChildren();
      }
    }
    if (!window.contains(eventTime) || !hasRequired(row, defer)) {
      return null;
    }
    if (defer) {
      boolean whole = notable(row);
      for (int ordinal = 0; ordinal < valueStarts.length; ordinal++) {
        // A required object is decoded whatever the rule: the engine's own filter reads it.
        if (valueStarts[ordinal] >= 0 && (whole || required[ordinal])) {
          int start = (int) valueStarts[ordinal];
          try (JsonParser value = jsonFactory.createParser(bytes, start, length - start)) {
            row[ordinal] = readValue(value, value.nextToken(), columns, ordinal);
          }
        }
      }
    }
    return row;
  }

  private void captureConditionText(int ordinal, JsonToken token, JsonParser parser)
      throws IOException {
    for (int i = 0; i < equalOrdinals.length; i++) {
      if (equalOrdinals[i] == ordinal && token == JsonToken.VALUE_STRING) {
        equalTexts[i] = parser.getText();
      }
    }
  }

  /** Whether the record gets its detail columns: always without a rule. */
  private boolean notable(Object[] row) {
    if (rule == null) {
      return true;
    }
    for (int ordinal : presentOrdinals) {
      if (ordinal >= 0 && row[ordinal] != null) {
        return true;
      }
    }
    for (int i = 0; i < equalOrdinals.length; i++) {
      if (equalTexts[i] != null && equalValues.get(i).contains(equalTexts[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether each required column holds a value: decoded, or (deferred, an object or array) still to
   * be.
   */
  private boolean hasRequired(Object[] row, boolean deferred) {
    for (int ordinal : requiredOrdinals) {
      if (row[ordinal] == null && !(deferred && valueStarts[ordinal] >= 0)) {
        return false;
      }
    }
    return true;
  }

  private Object readValue(JsonParser parser, JsonToken token, FieldSelection level, int ordinal)
      throws IOException {
    switch (level.kind(ordinal)) {
      case STRING:
        return readText(parser, token);
      case STRUCT:
        return readStruct(parser, token, level.child(ordinal));
      case ARRAY_OF_STRUCT:
        return readArrayOfStruct(parser, token, level.child(ordinal));
      case MAP_OF_STRING:
        return readMap(parser, token);
      default:
        parser.skipChildren();
        return null;
    }
  }

  private Object readText(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
        return trueText;
      case VALUE_FALSE:
        return falseText;
      case START_OBJECT:
      case START_ARRAY:
        return values.text(copyAsJson(parser));
      default:
        return values.text(parser.getText());
    }
  }

  private Object readStruct(JsonParser parser, JsonToken token, FieldSelection level)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      // A scalar where CloudTrail documents an object: no fields to take from it.
      parser.skipChildren();
      return null;
    }
    Object[] fields = new Object[level.size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      int ordinal = level.ordinalOfKey(parser.currentName());
      JsonToken valueToken = parser.nextToken();
      if (ordinal >= 0) {
        fields[ordinal] = readValue(parser, valueToken, level, ordinal);
      } else {
        parser.skipChildren();
      }
    }
    return values.struct(fields);
  }

  private Object readArrayOfStruct(JsonParser parser, JsonToken token, FieldSelection element)
      throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    List<Object> elements = new ArrayList<>();
    JsonToken elementToken;
    while ((elementToken = parser.nextToken()) != JsonToken.END_ARRAY) {
      elements.add(readStruct(parser, elementToken, element));
    }
    return values.array(elements);
  }

  private Object readMap(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    List<Object> keys = new ArrayList<>();
    List<Object> mapValues = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      keys.add(values.text(parser.currentName()));
      mapValues.add(readText(parser, parser.nextToken()));
    }
    return values.map(keys, mapValues);
  }

  private String copyAsJson(JsonParser parser) throws IOException {
    StringWriter text = new StringWriter(128);
    try (JsonGenerator generator = jsonFactory.createGenerator(text)) {
      generator.copyCurrentStructure(parser);
    }
    return text.toString();
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY:
        return "array";
      case START_OBJECT:
        return "object";
      case VALUE_STRING:
        return "string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
