package dev.traildenials.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * AWS's troubleshooting query with DuckDB's read_json over the same files, all cores, the result
 * written as CSV. The Records type is given, so DuckDB reads only those fields and skips type
 * inference: the fastest way to ask DuckDB this question.
 *
 * <p>Usage: {@code DuckDbQuery <corpus> <from> <to> <csv file>}. Prints {@code RESULT rows=<n>
 * distinct=<n>}.
 */
public final class DuckDbQuery {

  private static final String RECORDS =
      "STRUCT(eventTime VARCHAR, eventType VARCHAR, eventID VARCHAR, eventSource VARCHAR,"
          + " eventName VARCHAR, errorCode VARCHAR, errorMessage VARCHAR,"
          + " userIdentity STRUCT(arn VARCHAR))[]";

  private DuckDbQuery() {}

  public static void main(String[] arguments) throws Exception {
    String files = arguments[0] + "/**/" + Corpus.LOG_FILE_GLOB;
    String denied =
        "SELECT CAST(r.eventTime AS TIMESTAMPTZ) AS time, r.userIdentity.arn AS identity_arn,"
            + " r.eventID AS event_id, r.eventSource AS service, r.eventName AS action,"
            + " r.errorCode AS error, r.errorMessage AS message"
            + " FROM (SELECT unnest(Records) AS r FROM read_json('"
            + files
            + "', format = 'auto', columns = {Records: '"
            + RECORDS
            + "'}, maximum_object_size = 1073741824))"
            + " WHERE CAST(r.eventTime AS TIMESTAMPTZ) >= TIMESTAMPTZ '"
            + arguments[1]
            + "' AND CAST(r.eventTime AS TIMESTAMPTZ) < TIMESTAMPTZ '"
            + arguments[2]
            + "' AND r.eventType = 'AwsApiCall' AND r.errorCode IS NOT NULL"
            + " AND (lower(r.errorCode) LIKE '%accessdenied%'"
            + " OR lower(r.errorCode) LIKE '%unauthorized%')";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("CREATE TEMP TABLE denied AS " + denied);
      statement.execute(
          "COPY (SELECT * FROM denied ORDER BY time DESC, event_id) TO '"
              + arguments[3]
              + "' (HEADER, DELIMITER ',')");
      try (ResultSet counts =
          statement.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM denied")) {
        counts.next();
        System.out.println("RESULT rows=" + counts.getLong(1) + " distinct=" + counts.getLong(2));
      }
    }
  }
}
