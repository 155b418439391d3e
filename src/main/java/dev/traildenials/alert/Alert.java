package dev.traildenials.alert;

import java.time.Instant;
import java.util.List;

/**
 * What a run has to tell the people on call: the alarm periods it raised and the watched
 * identities' new denials.
 *
 * @param newAlarms periods in ALARM after the run that were not before it (a re-run raises none)
 * @param watchedDenials examples of the watched identities' denials the run added, oldest first
 * @param watchedDenialsTotal how many such denials the run added (the examples may be fewer)
 * @param newDenialCombinations (principal, action, resource) combinations never denied before
 * @param baseline the run was the first on its output: everything it found is new to the tables but
 *     not news (a first nightly over a look-back, or the onboarding of an existing archive), so it
 *     is recorded and not sent
 */
public record Alert(
    String runId,
    String archive,
    String out,
    Instant finishedAt,
    List<AlarmPeriod> newAlarms,
    List<WatchedDenial> watchedDenials,
    long watchedDenialsTotal,
    long newDenialCombinations,
    boolean baseline) {

  public Alert {
    newAlarms = List.copyOf(newAlarms);
    watchedDenials = List.copyOf(watchedDenials);
  }

  /** Whether there is anything to alert about: alarms or watched denials. */
  public boolean raised() {
    return !newAlarms.isEmpty() || watchedDenialsTotal > 0;
  }
}
