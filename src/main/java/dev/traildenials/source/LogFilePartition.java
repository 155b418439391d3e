package dev.traildenials.source;

import dev.traildenials.archive.LogFile;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/** The log files one task reads. */
record LogFilePartition(List<LogFile> files) implements InputPartition {

  LogFilePartition {
    files = List.copyOf(files);
  }
}
