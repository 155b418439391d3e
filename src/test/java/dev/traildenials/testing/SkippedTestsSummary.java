package dev.traildenials.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a test run, every test that was skipped and why, so that a run without the
 * shared datasets says what it did not check instead of only counting it.
 */
public final class SkippedTestsSummary implements TestExecutionListener {

  private final Map<String, String> skipped = new ConcurrentSkipListMap<>();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    skipped.clear();
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    skipped.put(name(test), reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      skipped.put(
          name(test),
          result.getThrowable().map(Throwable::getMessage).orElse("aborted without a reason"));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (skipped.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    text.append("trail-denials tests: ").append(skipped.size()).append(" skipped\n");
    skipped.forEach(
        (test, reason) -> text.append("  ").append(test).append(": ").append(reason).append('\n'));
    System.err.print(text);
    System.err.flush();
  }

  private String name(TestIdentifier test) {
    String parent =
        plan == null
            ? ""
            : plan.getParent(test).map(TestIdentifier::getDisplayName).orElse("") + " ";
    return (parent + test.getDisplayName()).strip();
  }
}
