package dev.traildenials.cli;

import dev.traildenials.report.RunStop;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.service.launcher.IrqHandler;

/**
 * Ctrl-C and SIGTERM during a run: the first asks the run to stop, so that it records itself as
 * interrupted and ends with one line; a second one, or one outside a run, ends the process at once
 * (in the command-line process; a JVM that only hosts runs, as the tests' does, ignores it then).
 */
final class Interruptions {

  private static final AtomicReference<RunStop> ACTIVE = new AtomicReference<>();
  private static volatile boolean exitWhenIdle;
  private static boolean bound;

  private Interruptions() {}

  /** Makes a signal outside a run end the process, as the JVM's own handling would. */
  static void exitWhenIdle() {
    exitWhenIdle = true;
  }

  /** The time a run's stop receives the signals. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Sends the signals to {@code stop} until the returned scope is closed. */
  static Scope during(RunStop stop) {
    bind();
    ACTIVE.set(stop);
    return () -> ACTIVE.compareAndSet(stop, null);
  }

  /** What a signal does; {@code name} as the signal's own, such as {@code INT}. */
  static void deliver(String name, int number) {
    RunStop stop = ACTIVE.get();
    if (stop != null && !stop.requested()) {
      stop.request("SIG" + name);
    } else if (exitWhenIdle) {
      System.exit(128 + number);
    }
  }

  private static synchronized void bind() {
    if (bound) {
      return;
    }
    for (String signal : new String[] {IrqHandler.CONTROL_C, IrqHandler.SIGTERM}) {
      try {
        new IrqHandler(signal, data -> deliver(data.getName(), data.getNumber())).bind();
      } catch (IllegalArgumentException unsupported) {
        // A platform without the signal (or with it reserved): the JVM's own handling stays.
      }
    }
    bound = true;
  }
}
