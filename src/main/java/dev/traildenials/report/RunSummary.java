package dev.traildenials.report;

import dev.traildenials.alert.AlarmPeriod;
import dev.traildenials.alert.Alert;
import dev.traildenials.alert.WatchedDenial;
import dev.traildenials.archive.SkippedPath;
import dev.traildenials.source.StoreRequests;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * @param firstOnOutput no earlier run on the output succeeded: what this one finds is the baseline
 *     later runs are compared with, not news
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
    long watchedDenialsTotal,
    boolean firstOnOutput) {

  public RunSummary {
    newAlarms = List.copyOf(newAlarms);
    watchedDenials = List.copyOf(watchedDenials);
    rejectedFiles = List.copyOf(rejectedFiles);
    daysRecomputed = List.copyOf(daysRecomputed);
    tablesWritten = List.copyOf(tablesWritten);
    reportFiles = List.copyOf(reportFiles);
  }

  /** A run's summary, built up as its steps finish: counts start at zero, lists empty. */
  static Builder builder(
      String runId, Instant startedAt, String archive, Instant from, Instant to) {
    return new Builder(runId, startedAt, archive, from, to);
  }

  /** Gathers what a run's steps find; {@link #build} takes its finishing time. */
  static final class Builder {
    private final String runId;
    private final Instant startedAt;
    private final String archive;
    private final Instant from;
    private final Instant to;
    private long filesRead;
    private long filesSkipped;
    private List<SkippedPath> rejectedFiles = List.of();
    private long recordsRead;
    private long denialsFound;
    private long denialsAdded;
    private long serviceLinkedRoleDenials;
    private long alarms;
    private List<LocalDate> daysRecomputed = List.of();
    private final List<String> tablesWritten = new ArrayList<>();
    private List<String> reportFiles = List.of();
    private StoreRequests archiveRequests = StoreRequests.NONE;
    private StoreRequests outputRequests = StoreRequests.NONE;
    private long filesAlreadyRead;
    private long newDenialCombinations;
    private List<AlarmPeriod> newAlarms = List.of();
    private List<WatchedDenial> watchedDenials = List.of();
    private long watchedDenialsTotal;
    private boolean firstOnOutput;

    private Builder(String runId, Instant startedAt, String archive, Instant from, Instant to) {
      this.runId = runId;
      this.startedAt = startedAt;
      this.archive = archive;
      this.from = from;
      this.to = to;
    }

    /** What the read did: files, records, rejects and requests. */
    Builder read(
        long filesRead,
        long filesSkipped,
        List<SkippedPath> rejectedFiles,
        long recordsRead,
        StoreRequests archiveRequests,
        long filesAlreadyRead) {
      this.filesRead = filesRead;
      this.filesSkipped = filesSkipped;
      this.rejectedFiles = rejectedFiles;
      this.recordsRead = recordsRead;
      this.archiveRequests = archiveRequests;
      this.filesAlreadyRead = filesAlreadyRead;
      return this;
    }

    /** The run's denials: how many, how many by service-linked roles, on which days. */
    Builder denials(long found, long byServiceLinkedRoles, List<LocalDate> days) {
      this.denialsFound = found;
      this.serviceLinkedRoleDenials = byServiceLinkedRoles;
      this.daysRecomputed = days;
      return this;
    }

    Builder denialsAdded(long added) {
      this.denialsAdded = added;
      return this;
    }

    Builder newDenialCombinations(long combinations) {
      this.newDenialCombinations = combinations;
      return this;
    }

    Builder watched(List<WatchedDenial> examples, long total) {
      this.watchedDenials = examples;
      this.watchedDenialsTotal = total;
      return this;
    }

    /** The alarm periods of the days recomputed, and those among them new to this run. */
    Builder alarms(long periods, List<AlarmPeriod> newPeriods) {
      this.alarms = periods;
      this.newAlarms = newPeriods;
      return this;
    }

    /** Notes that the run changed {@code table}, if it did. */
    Builder wrote(String table, boolean changed) {
      if (changed) {
        tablesWritten.add(table);
      }
      return this;
    }

    Builder firstOnOutput(boolean first) {
      this.firstOnOutput = first;
      return this;
    }

    Builder reportFiles(List<String> files) {
      this.reportFiles = files;
      return this;
    }

    Builder outputRequests(StoreRequests requests) {
      this.outputRequests = requests;
      return this;
    }

    RunSummary build(Instant finishedAt) {
      return new RunSummary(
          runId,
          startedAt,
          finishedAt,
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
          reportFiles,
          archiveRequests,
          outputRequests,
          filesAlreadyRead,
          newDenialCombinations,
          newAlarms,
          watchedDenials,
          watchedDenialsTotal,
          firstOnOutput);
    }
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
        newDenialCombinations,
        firstOnOutput);
  }
}
