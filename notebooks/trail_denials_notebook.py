"""The tables of trail-denials as pandas frames, in EMR Studio and on a laptop alike.

The tables are found either under a report's --out location (a path or an s3a:// URI: each table
becomes a view of the session, and no catalog is opened, so a notebook never holds the local
catalog that a nightly run with --catalog-database needs), or by name in a catalog database
(report/nightly --catalog-database).

In EMR Studio or any PySpark kernel the notebooks query the kernel's session (started with Delta
Lake configured). Anywhere else (a plain Python kernel, CI) a local Spark session is started
inside a JVM through JPype, with the project's classpath and conf/spark-defaults.conf.

    tables = connect("/tmp/trail-report")     # or connect("trail_denials"), a catalog database
    tables.sql("SELECT * FROM slr_alarms WHERE event_date >= :day", day="2024-03-01")

Environment for the local session (all optional):
    TRAIL_DENIALS_CLASSPATH    the JVM classpath; default: target/classes and target/classpath.txt
                               (written by jobs/trail-denials on first use)
    TRAIL_DENIALS_JVM_OPTIONS  more JVM flags, space separated (-Xmx8g, -Duser.home=...)
"""

import json
import os
import pathlib
import subprocess
import sys

import pandas as pd

PROJECT = pathlib.Path(__file__).resolve().parent.parent

# Spark needs these on Java 17 (the same list as jobs/trail-denials).
JVM_FLAGS = [
    "-XX:+IgnoreUnrecognizedVMOptions",
    "-Djdk.reflect.useDirectMethodHandle=false",
    # No progress bar: it would fill every cell's output.
    "-Dtrail-denials.stderr-terminal=false",
] + [
    "--add-opens=java.base/" + package + "=ALL-UNNAMED"
    for package in (
        "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
        "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref",
        "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar",
    )
]


class Tables:
    """Runs Spark SQL with named parameters (:name) and returns pandas frames."""

    def __init__(self, run):
        self._run = run

    def sql(self, query, **parameters):
        """The rows of a query; parameters are bound as values, never pasted into the text."""
        return self._run(query, parameters)


def is_location(tables):
    """Whether tables names an --out location (a path or URI) rather than a catalog database."""
    return "/" in tables or ":" in tables


def connect(tables):
    """The tables of a report: its --out location, or a catalog database (--catalog-database)."""
    try:
        from pyspark.sql import SparkSession  # EMR Studio and any PySpark kernel
    except ImportError:
        return _local(tables)
    spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
    if is_location(tables):
        _register_views(spark, tables)
    else:
        spark.sql("USE IDENTIFIER(:database)", args={"database": tables})
    return Tables(lambda query, parameters: spark.sql(query, args=parameters).toPandas())


def _register_views(spark, location):
    """Each table folder under the location as a view, as `query --tables` finds them."""
    hadoop = spark._jvm.org.apache.hadoop.fs
    root = hadoop.Path(location)
    files = root.getFileSystem(spark._jsc.hadoopConfiguration())
    found = []
    for status in files.listStatus(root):
        folder = status.getPath()
        if not status.isDirectory():
            continue
        if files.exists(hadoop.Path(folder, "_delta_log")):
            table_format = "delta"
        elif files.exists(hadoop.Path(folder, "_SUCCESS")):
            table_format = "parquet"
        else:
            continue
        reader = spark.read.format(table_format).option("mergeSchema", "true")
        reader.load(folder.toString()).createOrReplaceTempView(folder.getName())
        found.append(folder.getName())
    _require_tables(found, location)


def _require_tables(found, location):
    if not found:
        raise LookupError(
            f"no tables under {location}: write them there first"
            f" (jobs/trail-denials report ... --out {location}), or name the catalog database"
            " the report registered them in"
        )


def _classpath(jpype):
    given = os.environ.get("TRAIL_DENIALS_CLASSPATH")
    if given:
        entries = given.split(os.pathsep)
    else:
        listed = PROJECT / "target" / "classpath.txt"
        if not listed.exists():
            # The launcher compiles the project and writes the classpath on first use.
            subprocess.run([str(PROJECT / "jobs" / "trail-denials"), "--version"], check=True)
        entries = [str(PROJECT / "target" / "classes")]
        entries += listed.read_text().strip().split(os.pathsep)
    # JPype's own classes: beside the module (pip) or in /usr/share/java (Debian).
    for jar in (
        pathlib.Path(jpype.__file__).parent.parent / "org.jpype.jar",
        pathlib.Path("/usr/share/java/org.jpype.jar"),
    ):
        if jar.exists():
            entries.append(str(jar))
            break
    return entries


def _local(tables):
    try:
        import jpype
    except ImportError as missing:
        raise ImportError(
            f"JPype is not installed for {sys.executable}, the Python that runs this kernel:"
            " install it there (pip install JPype1; on Debian's /usr/bin/python3,"
            " apt-get install python3-jpype), or use a PySpark kernel (see notebooks/README.md)"
        ) from missing

    from_location = is_location(tables)
    if not jpype.isJVMStarted():
        options = os.environ.get("TRAIL_DENIALS_JVM_OPTIONS", "").split()
        jpype.startJVM(
            *JVM_FLAGS,
            "-Xmx" + os.environ.get("TRAIL_DENIALS_MEMORY", "4g"),
            "-Dtrail-denials.conf=" + str(PROJECT / "conf"),
            "-Dlog4j2.configurationFile=" + str(PROJECT / "conf" / "log4j2.properties"),
            *options,
            classpath=_classpath(jpype),
        )
    sessions = jpype.JClass("dev.traildenials.cli.SparkSessions")
    # Tables from a location need no catalog: the local one is then never opened.
    spark = sessions.start("notebook", not from_location)
    # Delta answers MIN/MAX from its log with java.sql.Date values, which the JSON conversion
    # below cannot take in a session on Java 8 time types: read the files instead.
    spark.conf().set("spark.databricks.delta.optimizeMetadataQuery.enabled", "false")
    HashMap = jpype.JClass("java.util.HashMap")
    if from_location:
        output_tables = jpype.JClass("dev.traildenials.query.OutputTables")
        _require_tables(list(output_tables.register(spark, tables)), tables)
    else:
        use = HashMap()
        use.put("database", tables)
        spark.sql("USE IDENTIFIER(:database)", use)

    def run(query, parameters):
        values = HashMap()
        for name, value in parameters.items():
            values.put(name, _java_value(jpype, value))
        frame = spark.sql(query, values)
        columns = [str(name) for name in frame.columns()]
        # Rows travel as JSON text: dates and timestamps as ISO strings, arrays as lists.
        rows = [json.loads(str(line)) for line in frame.toJSON().collectAsList()]
        result = pd.DataFrame.from_records(rows, columns=columns)
        for field in frame.schema().fields():
            kind = str(field.dataType().typeName())
            if kind in ("timestamp", "date") and len(result):
                result[str(field.name())] = pd.to_datetime(result[str(field.name())], utc=True)
        return result

    return Tables(run)


def _java_value(jpype, value):
    if isinstance(value, bool):
        return jpype.JBoolean(value)
    if isinstance(value, int):
        # As PySpark binds them: INT when it fits, else BIGINT.
        if -(2**31) <= value < 2**31:
            return jpype.java.lang.Integer(value)
        return jpype.java.lang.Long(value)
    if isinstance(value, float):
        return jpype.java.lang.Double(value)
    return jpype.JString(str(value))
