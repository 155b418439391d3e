package dev.traildenials.sample;

import dev.traildenials.failure.Failure;
import java.time.LocalDate;
import java.util.List;

/**
 * The shape of a generated archive.
 *
 * @param firstDay the first day with events (UTC)
 * @param days how many days of events
 * @param accounts accounts with a trail of their own ({@code AWSLogs/<account>/...})
 * @param organizationId the organization of the organization trail
 * @param organizationAccounts accounts logged by the organization trail ({@code
 *     AWSLogs/<o-id>/<account>/...})
 * @param regions regions every account logs
 * @param filesPerHour log files delivered per account, region and hour
 * @param recordsPerFile records in each log file
 * @param seed makes the archive reproducible: the same settings write the same bytes
 * @param messy whether to add the bad files a real bucket can hold
 * @param realistic whether values vary as a real account's do, so that the logs compress as little
 *     as real ones (5 : 1 to 9 : 1 rather than 12 : 1)
 */
public record SampleSettings(
    LocalDate firstDay,
    int days,
    List<String> accounts,
    String organizationId,
    List<String> organizationAccounts,
    List<String> regions,
    int filesPerHour,
    int recordsPerFile,
    long seed,
    boolean messy,
    boolean realistic) {

  /** An archive of the uniform kind: a few shapes of record, repeated. */
  public SampleSettings(
      LocalDate firstDay,
      int days,
      List<String> accounts,
      String organizationId,
      List<String> organizationAccounts,
      List<String> regions,
      int filesPerHour,
      int recordsPerFile,
      long seed,
      boolean messy) {
    this(
        firstDay,
        days,
        accounts,
        organizationId,
        organizationAccounts,
        regions,
        filesPerHour,
        recordsPerFile,
        seed,
        messy,
        false);
  }

  public SampleSettings {
    accounts = List.copyOf(accounts);
    organizationAccounts = List.copyOf(organizationAccounts);
    regions = List.copyOf(regions);
    if (days < 1 || filesPerHour < 1 || recordsPerFile < 1) {
      throw Failure.userInput("days, files per hour and records per file must be >= 1");
    }
    if (regions.isEmpty() || accounts.isEmpty() && organizationAccounts.isEmpty()) {
      throw Failure.userInput("a sample needs at least one account and one region");
    }
  }

  /**
   * The built-in demo archive: two days, three accounts of their own and two in an organization.
   */
  public static SampleSettings demo() {
    return new SampleSettings(
        LocalDate.of(2024, 3, 1),
        2,
        List.of("111111111111", "222222222222", "333333333333"),
        "o-exampleorg01",
        List.of("444444444444", "555555555555"),
        List.of("us-east-1", "eu-west-1"),
        2,
        40,
        20240301L,
        false);
  }

  public SampleSettings withMessy(boolean value) {
    return with(value, realistic);
  }

  public SampleSettings withRealistic(boolean value) {
    return with(messy, value);
  }

  private SampleSettings with(boolean messyFiles, boolean realisticValues) {
    return new SampleSettings(
        firstDay,
        days,
        accounts,
        organizationId,
        organizationAccounts,
        regions,
        filesPerHour,
        recordsPerFile,
        seed,
        messyFiles,
        realisticValues);
  }
}
