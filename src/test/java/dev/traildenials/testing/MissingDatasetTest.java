package dev.traildenials.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A test that needs a dataset missing beside the checkout is skipped, or failed when required. */
class MissingDatasetTest {

  private final String required = System.getProperty(TestArchives.DATASETS_REQUIRED);

  @AfterEach
  void restoreTheSetting() {
    if (required == null) {
      System.clearProperty(TestArchives.DATASETS_REQUIRED);
    } else {
      System.setProperty(TestArchives.DATASETS_REQUIRED, required);
    }
  }

  @Test
  void aMissingDatasetSkipsTheTestWithOneLineThatSaysWhy() {
    System.clearProperty(TestArchives.DATASETS_REQUIRED);

    assertThatThrownBy(() -> TestArchives.dataset("no-such-dataset"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("skipped: needs the real CloudTrail logs of ")
        .hasMessageContaining("datasets/no-such-dataset, which are not there")
        .hasMessageContaining("-Ddatasets.required=true makes this a failure")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingDatasetFailsTheTestWhenDatasetsAreRequired() {
    System.setProperty(TestArchives.DATASETS_REQUIRED, "true");

    assertThatThrownBy(() -> TestArchives.dataset("no-such-dataset"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("datasets/no-such-dataset, which are not there")
        .hasMessageEndingWith("(required: -Ddatasets.required=true)");
  }

  @Test
  void aDatasetThatIsThereIsReturnedWhereverTheSettingPoints() {
    // Only meaningful where ../shared exists; elsewhere this test is skipped like the others.
    assertThat(TestArchives.sigmaDataset().resolve("AWSLogs")).isDirectory();
  }
}
