package dev.traildenials.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one gzip-compressed CloudTrail log file completely, or rejects it whole.
 *
 * <p>No record is handed out before the file has been read to its end (including the gzip trailer
 * and its checksum), so a file that breaks half way contributes no record at all. A CloudTrail file
 * is a few hundred kilobytes of JSON: it is decompressed into memory, parsed from there and its
 * records held until the end. A file whose JSON outgrows {@link #DEFAULT_HOLD_LIMIT_BYTES} is
 * instead read to its end once to check it, holding nothing, then opened again and its records
 * handed out one at a time: memory stays flat whatever a file's size.
 */
public final class LogFileReader {

  /** JSON bytes of a file whose records are held in memory until the file's end. */
  public static final long DEFAULT_HOLD_LIMIT_BYTES = 32L * 1024 * 1024;

  private static final int BUFFER_BYTES = 64 * 1024;

  /** The largest array the JVM allocates. */
  private static final int MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;

  private final CloudTrailLogParser parser;
  private final long holdLimitBytes;
  // One file's JSON at a time; grows to the largest file held, up to the hold limit.
  private byte[] buffer = new byte[1 << 20];

  public LogFileReader(CloudTrailLogParser parser) {
    this(parser, DEFAULT_HOLD_LIMIT_BYTES);
  }

  public LogFileReader(CloudTrailLogParser parser, long holdLimitBytes) {
    this.parser = parser;
    this.holdLimitBytes = holdLimitBytes;
  }

  /** Opens a log file's compressed bytes from the start; called again for a second pass. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /** The records of a checked file, handed out in order. */
  public interface Rows extends Closeable {
    /** The next record in the event-time window, or null after the last. */
    Object[] next() throws IOException;

    /** How many records the file holds, before the event-time window. */
    int recordsInFile();

    /** Whether the file was too large to hold and is read a second time. */
    boolean readTwice();
  }

  /**
   * Reads a compressed log file to its end.
   *
   * @throws MalformedLogFileException when the file is not a complete CloudTrail log file
   * @throws IOException when the storage fails while reading (worth a retry, unlike a bad file)
   */
  public Rows read(Source source) throws MalformedLogFileException, IOException {
    try (InputStream compressed = source.open();
        InputStream json = new GZIPInputStream(compressed, BUFFER_BYTES)) {
      // One byte past the limit tells a file that fits from one that does not.
      int cap = (int) Math.min(holdLimitBytes, MAX_BUFFER_BYTES - 1) + 1;
      int length = readUpTo(json, cap);
      if (length < cap) {
        return readHeld(length);
      }
      // Past the limit: what was read so far, then the rest, checked without holding anything.
      try (CloudTrailLogParser.Records records =
          parser.open(new SequenceInputStream(new ByteArrayInputStream(buffer, 0, length), json))) {
        while (records.next() != null) {
          // Only checked here; handed out by the second pass.
        }
        return new SecondPass(source, records.count());
      }
    } catch (IOException e) {
      throw explain(e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** A whole file's JSON, in {@link #buffer}: its records are parsed and held. */
  private Rows readHeld(int length) throws MalformedLogFileException, IOException {
    List<Object[]> held = new ArrayList<>();
    try (CloudTrailLogParser.Records records = parser.open(buffer, length)) {
      Object[] record;
      while ((record = records.next()) != null) {
        held.add(record);
      }
      return new HeldRows(held, records.count());
    }
  }

  /**
   * Reads decompressed JSON into {@link #buffer} (reused from file to file) until its end or until
   * {@code cap} bytes.
   *
   * @return the number of bytes read: the whole file when fewer than {@code cap}
   */
  private int readUpTo(InputStream json, int cap) throws IOException {
    int length = 0;
    while (length < cap) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, cap));
      }
      int read = json.read(buffer, length, Math.min(buffer.length, cap) - length);
      if (read < 0) {
        return length;
      }
      length += read;
    }
    return length;
  }

  /**
   * Turns what gzip and Jackson throw for bad content into the reason the file is rejected; leaves
   * storage failures as they are.
   */
  private static IOException explain(IOException e) throws MalformedLogFileException {
    if (e instanceof ZipException) {
      throw new MalformedLogFileException(explainCompression((ZipException) e));
    }
    if (e instanceof EOFException) {
      throw new MalformedLogFileException(
          "truncated: the gzip data ends before its end marker (" + e.getMessage() + ")");
    }
    if (e instanceof JsonEOFException) {
      throw new MalformedLogFileException(
          "truncated: the JSON ends before the Records array is closed");
    }
    if (e instanceof StreamConstraintsException) {
      throw new MalformedLogFileException(
          "beyond the reader's limits: " + ((StreamConstraintsException) e).getOriginalMessage());
    }
    if (e instanceof JsonProcessingException) {
      throw new MalformedLogFileException(explainJson((JsonProcessingException) e));
    }
    return e;
  }

  private static String explainCompression(ZipException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Not in GZIP format")) {
      return "not gzip-compressed (CloudTrail delivers .json.gz files)";
    }
    return "corrupt gzip data (" + message + ")";
  }

  private static String explainJson(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message.contains("Invalid UTF-8")) {
      return "invalid UTF-8 in the JSON text (" + firstLine(message) + ")";
    }
    if (message.contains("Unexpected character ('<'")) {
      return "not JSON: the content starts like XML or HTML (an S3 error document?)";
    }
    return "not valid JSON: " + firstLine(message);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** A small file's records, held since its first read. */
  private static final class HeldRows implements Rows {
    private final List<Object[]> records;
    private final int recordsInFile;
    private int next;

    HeldRows(List<Object[]> records, int recordsInFile) {
      this.records = records;
      this.recordsInFile = recordsInFile;
    }

    @Override
    public Object[] next() {
      return next < records.size() ? records.set(next++, null) : null;
    }

    @Override
    public int recordsInFile() {
      return recordsInFile;
    }

    @Override
    public boolean readTwice() {
      return false;
    }

    @Override
    public void close() {
      next = records.size();
    }
  }

  /** A checked file read again, one record at a time. */
  private final class SecondPass implements Rows {
    private final Source source;
    private final int recordsInFile;
    private InputStream compressed;
    private CloudTrailLogParser.Records records;

    SecondPass(Source source, int recordsInFile) {
      this.source = source;
      this.recordsInFile = recordsInFile;
    }

    @Override
    public Object[] next() throws IOException {
      try {
        return nextChecked();
      } catch (MalformedLogFileException e) {
        // The first read found it whole, and part of it may be handed out already: fail the read
        // rather than give part of a file.
        throw new IOException("the file changed between its two reads: " + e.reason(), e);
      }
    }

    private Object[] nextChecked() throws MalformedLogFileException, IOException {
      try {
        if (records == null) {
          compressed = source.open();
          records = parser.open(new GZIPInputStream(compressed, BUFFER_BYTES));
        }
        return records.next();
      } catch (IOException e) {
        throw explain(e);
      }
    }

    @Override
    public int recordsInFile() {
      return recordsInFile;
    }

    @Override
    public boolean readTwice() {
      return true;
    }

    @Override
    public void close() throws IOException {
      if (records != null) {
        records.close();
      }
      if (compressed != null) {
        compressed.close();
      }
    }
  }

  /** The held records in file order, for callers that want them all at once. */
  public static List<Object[]> all(Rows rows) throws IOException {
    List<Object[]> all = new ArrayList<>();
    try (rows) {
      Object[] record;
      while ((record = rows.next()) != null) {
        all.add(record);
      }
    }
    return all;
  }
}
