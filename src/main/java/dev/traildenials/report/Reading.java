package dev.traildenials.report;

/** Which files of its range a run reads, and whether it keeps the ledger of files read. */
public enum Reading {
  /** Every file of the range; the ledger of files read is left as it is ({@code report}). */
  RANGE,
  /**
   * The files of the range's day folders the ledger does not hold yet, each added to it once the
   * tables hold its events ({@code nightly}).
   */
  NEW_FILES
}
