package dev.traildenials.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetrySampleTest {

  private static StoreRequests failures(long retries, long throttled) {
    return new StoreRequests(0, 0, 0, 0, retries, throttled);
  }

  @Test
  void overlappingTasksOfOneInstanceCountEachRetryOnce() {
    // Two tasks share an instance: 3 retries happened before either, 5 while both ran.
    List<RetrySample> samples =
        List.of(
            new RetrySample("jvm-1/fs", failures(3, 1), failures(6, 2)),
            new RetrySample("jvm-1/fs", failures(4, 1), failures(8, 3)));
    assertThat(RetrySample.total(samples)).isEqualTo(failures(5, 2));
  }

  @Test
  void instancesAreAddedUp() {
    List<RetrySample> samples =
        List.of(
            new RetrySample("jvm-1/fs", failures(0, 0), failures(2, 0)),
            new RetrySample("jvm-2/fs", failures(10, 4), failures(11, 7)));
    assertThat(RetrySample.total(samples)).isEqualTo(failures(3, 3));
    assertThat(RetrySample.total(List.of())).isEqualTo(StoreRequests.NONE);
  }
}
