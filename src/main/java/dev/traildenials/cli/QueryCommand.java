package dev.traildenials.cli;

import dev.traildenials.query.ArchiveTables;
import dev.traildenials.query.OutputTables;
import dev.traildenials.query.ResultWriter;
import dev.traildenials.source.CloudTrailReadOptions;
import dev.traildenials.source.ReadReport;
import dev.traildenials.sql.SqlQuery;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code query}: Athena-dialect SQL over an archive, as tables cloudtrail and cloudtrail_logs. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Athena-dialect SQL over a CloudTrail archive, registered as the tables cloudtrail and"
          + " cloudtrail_logs (AWS's Athena CloudTrail table, columns and types), and over the"
          + " tables a report wrote (--tables).",
      "Without --csv the result is printed as a table. A summary of the files read, rejected and"
          + " skipped goes to standard error."
    })
final class QueryCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ArchiveOptions archive;

  @Mixin SparkConfOption sparkConf;

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
      defaultValue = "100",
      description = "Rows printed without --csv. Default: ${DEFAULT-VALUE}.")
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
      throw new IllegalArgumentException(
          "Name what to query: --archive <root>, --tables <location> or --catalog-database"
              + " <name>");
    }
    String reportId = UUID.randomUUID().toString();
    CloudTrailReadOptions readOptions = archive.given() ? archive.toReadOptions(reportId) : null;
    if (readOptions != null) {
      RunGuards.wholeArchiveNotice(readOptions.request())
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
      if (readOptions != null) {
        ArchiveTables.register(session, readOptions);
      }
      if (tables != null) {
        List<String> names = OutputTables.register(session, ArchiveOptions.normalizeRoot(tables));
        if (names.isEmpty()) {
          throw new IllegalArgumentException(
              "--tables " + tables + " holds no Delta or Parquet tables");
        }
      }
      Dataset<Row> result = session.sql(query.text(), arguments);
      if (csv != null) {
        long rows = ResultWriter.writeCsv(result, csv);
        spec.commandLine().getErr().println("trail-denials: wrote " + rows + " rows to " + csv);
      } else {
        ResultWriter.printTable(result, maxRows);
      }
      if (readOptions != null) {
        ReadSummary.print(
            spec.commandLine().getErr(), readOptions.request().root(), ReadReport.find(reportId));
      }
      return 0;
    } finally {
      ReadReport.release(reportId);
      if (ownSession) {
        session.stop();
      }
    }
  }
}
