package dev.traildenials.cli;

import dev.traildenials.failure.Failure;
import dev.traildenials.query.ArchiveTables;
import dev.traildenials.query.OutputTables;
import dev.traildenials.query.ResultWriter;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.sql.SqlQuery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code query}: Athena-dialect SQL over an archive, as tables cloudtrail and cloudtrail_logs. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Runs Athena-dialect SQL over a CloudTrail archive, registered as the tables cloudtrail and"
          + " cloudtrail_logs (AWS's Athena CloudTrail table, columns and types), and over the"
          + " tables a report wrote (--tables).",
      "Without --csv the result is printed as a table. A summary of the files read, rejected and"
          + " skipped goes to standard error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # AWS's troubleshooting query for denied calls (Athena), as CSV",
      "  trail-denials query --archive s3a://my-trail-bucket/AWSLogs/o-abc123 \\",
      "      --from 2024-03-01 --to 2024-03-02 \\",
      "      --sql sql/denied_calls.sql --csv denied.csv",
      "  # One identity's denied calls; :identity_arn is bound as a value",
      "  trail-denials query --archive /data/cloudtrail \\",
      "      --from 2024-03-01 --to 2024-03-02 \\",
      "      --sql sql/denied_calls_for_identity.sql \\",
      "      --param identity_arn=arn:aws:iam::111111111111:user/alice",
      "  # The tables a report wrote",
      "  trail-denials query --tables s3a://my-reports/trail-denials \\",
      "      -e \"SELECT * FROM blocked_resources ORDER BY denials DESC\""
    })
final class QueryCommand implements Callable<Integer> {

  static final int DEFAULT_MAX_ROWS = 100;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ArchiveOptions archive;

  @Mixin SparkConfOption sparkConf;

  @Mixin Verbosity verbosity;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SqlSource sql;

  static final class SqlSource {
    @Option(names = "--sql", paramLabel = "<file>", description = "A file holding the SQL.")
    Path file;

    @Option(names = "-e", paramLabel = "<sql>", description = "The SQL itself.")
    String text;
  }

  @Option(
      names = "--param",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      paramLabel = "<name=value>",
      description =
          "Binds the SQL's :name marker to a value (repeatable). Bound as a literal value, never"
              + " pasted into the SQL. :from and :to default to --from and --to.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--tables",
      paramLabel = "<location>",
      description =
          "Also register every table a report wrote under this location (its --out), by name:"
              + " denial_events, denials_hourly, slr_alarms, ...")
  String tables;

  @Option(
      names = "--catalog-database",
      paramLabel = "<name>",
      description =
          "Query the tables a report registered in the session catalog (report"
              + " --catalog-database) by name: this database becomes the current one.")
  String catalogDatabase;

  @Option(
      names = "--csv",
      paramLabel = "<location>",
      description =
          "Write the result as RFC 4180 CSV with a header row instead of printing it: a local file"
              + " or a Hadoop URI such as s3a://bucket/results/denied.csv.")
  String csv;

  @Option(
      names = "--max-rows",
      paramLabel = "<n>",
      defaultValue = "" + DEFAULT_MAX_ROWS,
      description = "Rows printed without --csv.")
  int maxRows;

  @Override
  public Integer call() throws Exception {
    SqlQuery query = sql.file != null ? SqlQuery.load(sql.file) : SqlQuery.of(sql.text);
    Map<String, String> rangeDefaults = new LinkedHashMap<>();
    if (archive.from != null) {
      rangeDefaults.put("from", archive.from);
    }
    if (archive.to != null) {
      rangeDefaults.put("to", archive.to);
    }
    Map<String, Object> arguments = query.bind(parameters, rangeDefaults);
    if (!archive.given() && tables == null && catalogDatabase == null) {
      throw Failure.userInput(
          "Name what to query: --archive <root>, --tables <location> or --catalog-database"
              + " <name>");
    }
    CloudTrailReadOptions readOptions = archive.given() ? archive.toReadOptions() : null;
    if (readOptions != null) {
      RunGuards.wholeArchiveNotice(readOptions.request(), true)
          .ifPresent(notice -> spec.commandLine().getErr().println("trail-denials: " + notice));
    }

    // A session that already runs (a notebook, a test) is used and left running.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession session =
        SparkSessions.start("query", catalogDatabase != null, sparkConf.settings);
    try {
      if (catalogDatabase != null) {
        OutputTables.useDatabase(session, catalogDatabase);
      }
      ArchiveRead read =
          readOptions == null ? null : ArchiveRead.listedByScans(session, readOptions);
      if (read != null) {
        ArchiveTables.register(session, read);
      }
      if (tables != null) {
        List<String> names = OutputTables.register(session, ArchiveOptions.normalizeRoot(tables));
        if (names.isEmpty()) {
          throw Failure.userInput("--tables " + tables + " holds no Delta or Parquet tables");
        }
      }
      Dataset<Row> result = sql(session, query.text(), arguments);
      if (csv != null) {
        long rows = ResultWriter.writeCsv(result, csv);
        spec.commandLine()
            .getErr()
            .println(
                rows == 0
                    ? "trail-denials: 0 rows written to " + csv + " (the header only)"
                    : "trail-denials: wrote " + rows + " rows to " + csv);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        ResultWriter.printTable(result, maxRows, out);
        out.flush();
      }
      if (read != null) {
        ReadSummary.print(
            spec.commandLine().getErr(), readOptions.request().root(), Optional.of(read));
      }
      return 0;
    } finally {
      if (ownSession) {
        session.stop();
      }
    }
  }

  /** The query's result, or an error that names the tables there are when it names another. */
  static Dataset<Row> sql(SparkSession session, String text, Map<String, Object> arguments) {
    try {
      return session.sql(text, arguments);
    } catch (Exception e) {
      // AnalysisException is checked in Java's eyes, and Spark's Scala code throws it anyway.
      if (e instanceof AnalysisException analysis
          && "TABLE_OR_VIEW_NOT_FOUND".equals(analysis.getErrorClass())) {
        throw Failure.userInput(e, unknownTable(session, analysis));
      }
      throw e;
    }
  }

  private static String unknownTable(SparkSession session, AnalysisException exception) {
    String name =
        exception.getMessageParameters().getOrDefault("relationName", "?").replace("`", "");
    List<String> tables = new ArrayList<>();
    try {
      for (Table table : session.catalog().listTables().collectAsList()) {
        tables.add(table.name());
      }
    } catch (RuntimeException e) {
      // The catalog cannot be listed: say what was not found all the same.
    }
    Collections.sort(tables);
    return "no table named "
        + name
        + (tables.isEmpty()
            ? "; no tables are registered"
            : "; the tables here are: " + String.join(", ", tables))
        + " (--archive registers cloudtrail and cloudtrail_logs, --tables a report's tables)";
  }
}
