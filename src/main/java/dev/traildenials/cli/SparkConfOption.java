package dev.traildenials.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --conf key=value}, as spark-submit has it: a Spark setting for this run. */
final class SparkConfOption {

  @Option(
      names = "--conf",
      paramLabel = "<key=value>",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description =
          "A Spark setting for this run (repeatable), e.g. --conf spark.sql.shuffle.partitions=8."
              + " Wins over -Dspark.* and conf/spark-defaults.conf. Default: none.")
  Map<String, String> settings = new LinkedHashMap<>();
}
