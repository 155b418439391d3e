package dev.traildenials.source;

import dev.traildenials.archive.ArchiveRequest;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a query's own conditions say about which part of the archive can hold its rows: an
 * event-time range and the accounts and regions of {@code recipientaccountid} and {@code
 * awsregion}. Only the listing is narrowed, never the rows: Spark still applies every condition.
 *
 * @param from the earliest event time the conditions allow; null for no bound
 * @param to the first event time they no longer allow; null for no bound
 * @param accounts the only recipient accounts they allow; empty for any
 * @param regions the only regions they allow; empty for any
 * @param because the conditions that gave the bounds, as Spark prints them
 */
record ListingNarrowing(
    Instant from, Instant to, Set<String> accounts, Set<String> regions, List<String> because)
    implements Serializable {

  static final ListingNarrowing NONE =
      new ListingNarrowing(null, null, Set.of(), Set.of(), List.of());

  ListingNarrowing {
    accounts = Set.copyOf(accounts);
    regions = Set.copyOf(regions);
    because = List.copyOf(because);
  }

  boolean narrowsNothing() {
    return from == null && to == null && accounts.isEmpty() && regions.isEmpty();
  }

  /**
   * The request to list: the given one, narrowed where these bounds are tighter. A narrowing that
   * would leave nothing (a range that is empty, accounts or regions outside the request's) is not
   * applied: the listing stays as the request says and Spark's conditions find no rows.
   */
  ArchiveRequest applyTo(ArchiveRequest request) {
    Instant first = later(request.from(), from);
    Instant end = earlier(request.to(), to);
    if (first != null && end != null && !first.isBefore(end)) {
      first = request.from();
      end = request.to();
    }
    return new ArchiveRequest(
        request.root(),
        first,
        end,
        narrowed(request.accounts(), accounts),
        narrowed(request.regions(), regions),
        request.maxDeliveryDelay(),
        request.fileTimeMargin());
  }

  /** One line for the read summary: what was narrowed and by which conditions. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (from != null || to != null) {
      parts.add("event time " + (from == null ? "…" : from) + " to " + (to == null ? "…" : to));
    }
    if (!accounts.isEmpty()) {
      parts.add("accounts " + String.join(",", new TreeSet<>(accounts)));
    }
    if (!regions.isEmpty()) {
      parts.add("regions " + String.join(",", new TreeSet<>(regions)));
    }
    return String.join("; ", parts) + " (from " + String.join(" AND ", because) + ")";
  }

  private static Set<String> narrowed(Set<String> requested, Set<String> allowed) {
    if (allowed.isEmpty()) {
      return requested;
    }
    if (requested.isEmpty()) {
      return allowed;
    }
    Set<String> both = new TreeSet<>(requested);
    both.retainAll(allowed);
    return both.isEmpty() ? requested : both;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }
}
