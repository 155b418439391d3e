package dev.traildenials.cli;

import dev.traildenials.archive.ArchivePlan;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.source.ArchiveRead;
import dev.traildenials.source.StoreRequests;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The lines that tell a user what a read did: files read, every rejected file and why. */
final class ReadSummary {

  private ReadSummary() {}

  static void print(PrintWriter out, String root, Optional<ArchiveRead> report) {
    Optional<ArchivePlan> plan = report.flatMap(ArchiveRead::plan);
    if (plan.isEmpty()) {
      out.println("trail-denials: the query read no log files");
      out.flush();
      return;
    }
    List<SkippedPath> rejected = report.get().rejectedFiles();
    long readable = plan.get().files().size() - rejected.size();
    // A plan may read the archive more than once (a sort's sampling pass, several actions); a
    // query of several scans reads each scan's own files once.
    long readsPerPass = report.get().plannedFileReads() - rejected.size();
    long passes =
        readsPerPass <= 0
            ? 1
            : Math.max(1, Math.round(report.get().filesRead() / (double) readsPerPass));
    out.printf(
        Locale.ROOT,
        "trail-denials: read %d log files (%.1f MB) under %s in %d tasks: %d records; %d rejected,"
            + " %d other paths skipped%s%s%n",
        readable,
        plan.get().totalBytes() / 1e6,
        root,
        report.get().readTasks(),
        report.get().recordsRead() / passes,
        rejected.size(),
        plan.get().skipped().size(),
        report.get().filesExcluded() > 0
            ? "; " + report.get().filesExcluded() + " files left out, read by earlier runs"
            : "",
        passes > 1 ? " (the query read the archive " + passes + " times)" : "");
    if (!report.get().narrowing().isEmpty()) {
      out.println(
          "trail-denials: listed only what the query's conditions allow: "
              + report.get().narrowing());
    }
    StoreRequests requests = report.get().archiveRequests();
    if (!requests.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "trail-denials: requests for the archive: %d LIST (%d folders listed), %d GET, %d HEAD;"
              + " %d retried, %d throttled%s%n",
          requests.list(),
          plan.get().listedFolders().size(),
          requests.get(),
          requests.head(),
          requests.retries(),
          requests.throttled(),
          report.get().filesReadAgain() > 0
              ? "; " + report.get().filesReadAgain() + " files read again after a storage failure"
              : "");
    }
    for (SkippedPath file : rejected) {
      out.println("  rejected " + file.path() + ": " + file.reason());
    }
    for (SkippedPath path : plan.get().skipped()) {
      out.println("  skipped  " + path.path() + ": " + path.reason());
    }
    out.flush();
  }
}
