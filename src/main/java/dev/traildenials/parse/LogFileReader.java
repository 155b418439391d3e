package dev.traildenials.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one gzip-compressed CloudTrail log file completely, or rejects it whole.
 *
 * <p>Records are buffered until the file has been read to its end (including the gzip trailer and
 * its checksum), so a file that breaks half way contributes no record at all. A CloudTrail file is
 * a few hundred kilobytes of JSON, so the buffer stays small.
 */
public final class LogFileReader {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final CloudTrailLogParser parser;

  public LogFileReader(CloudTrailLogParser parser) {
    this.parser = parser;
  }

  /** The records of a file, and how many records it held before the event-time window. */
  public record Contents(List<Object[]> records, int recordsInFile) {}

  /**
   * Reads a compressed log file to its end.
   *
   * @throws MalformedLogFileException when the file is not a complete CloudTrail log file
   * @throws IOException when the storage fails while reading (worth a retry, unlike a bad file)
   */
  public Contents read(InputStream compressed) throws MalformedLogFileException, IOException {
    List<Object[]> records = new ArrayList<>();
    int recordsInFile;
    try (InputStream json = new GZIPInputStream(compressed, BUFFER_BYTES)) {
      recordsInFile = parser.parse(json, records::add);
    } catch (ZipException e) {
      throw new MalformedLogFileException(explainCompression(e));
    } catch (EOFException e) {
      throw new MalformedLogFileException(
          "truncated: the gzip data ends before its end marker (" + e.getMessage() + ")");
    } catch (JsonEOFException e) {
      throw new MalformedLogFileException(
          "truncated: the JSON ends before the Records array is closed");
    } catch (JsonProcessingException e) {
      throw new MalformedLogFileException(explainJson(e));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Contents(records, recordsInFile);
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
}
