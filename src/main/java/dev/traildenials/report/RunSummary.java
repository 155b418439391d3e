package dev.traildenials.report;

import dev.traildenials.alert.AlarmPeriod;
import dev.traildenials.alert.Alert;
import dev.traildenials.alert.WatchedDenial;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.source.StoreRequests;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one report run did; also the row it leaves in the {@code runs} table.
 *
 * @param from the first event time read, or null for the archive's beginning
 * @param to the first event time no longer read, or null for no end
 * @param denialsFound distinct denial events the run's range holds
 * @param denialsAdded of those, the ones {@code denial_events} did not hold yet
 * @param daysRecomputed the event dates whose summaries were recomputed
 * @param tablesWritten the tables this run changed
 * @param reportFiles the human report's files
 * @param archiveRequests object-store requests for the archive: listing and log files
 * @param outputRequests object-store requests this JVM made to the output location's bucket
 * @param filesAlreadyRead planned files left out because an earlier incremental run read them
 * @param newDenialCombinations (principal, action, resource) combinations no earlier run denied
 * @param newAlarms alarm periods in ALARM after the run that were not before it
 * @param watchedDenials the first denials the run added for watched identities
 * @param watchedDenialsTotal how many denials the run added for watched identities
 */
public record RunSummary(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String archive,
    Instant from,
    Instant to,
    long filesRead,
    long filesSkipped,
    List<SkippedPath> rejectedFiles,
    long recordsRead,
    long denialsFound,
    long denialsAdded,
    long serviceLinkedRoleDenials,
    long alarms,
    List<LocalDate> daysRecomputed,
    List<String> tablesWritten,
    List<String> reportFiles,
    StoreRequests archiveRequests,
    StoreRequests outputRequests,
    long filesAlreadyRead,
    long newDenialCombinations,
    List<AlarmPeriod> newAlarms,
    List<WatchedDenial> watchedDenials,
    long watchedDenialsTotal) {

  public RunSummary {
    newAlarms = List.copyOf(newAlarms);
    watchedDenials = List.copyOf(watchedDenials);
    rejectedFiles = List.copyOf(rejectedFiles);
    daysRecomputed = List.copyOf(daysRecomputed);
    tablesWritten = List.copyOf(tablesWritten);
    reportFiles = List.copyOf(reportFiles);
  }

  RunSummary finished(Instant at, List<String> reports, StoreRequests output) {
    return new RunSummary(
        runId,
        startedAt,
        at,
        archive,
        from,
        to,
        filesRead,
        filesSkipped,
        rejectedFiles,
        recordsRead,
        denialsFound,
        denialsAdded,
        serviceLinkedRoleDenials,
        alarms,
        daysRecomputed,
        tablesWritten,
        reports,
        archiveRequests,
        output,
        filesAlreadyRead,
        newDenialCombinations,
        newAlarms,
        watchedDenials,
        watchedDenialsTotal);
  }

  /** What the run has to tell the people on call (it may be nothing: see {@link Alert#raised}). */
  public Alert alert(String out) {
    return new Alert(
        runId,
        archive,
        out,
        finishedAt,
        newAlarms,
        watchedDenials,
        watchedDenialsTotal,
        newDenialCombinations);
  }
}
