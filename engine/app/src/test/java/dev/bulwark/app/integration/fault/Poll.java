package dev.bulwark.app.integration.fault;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition about an engine process, with a deadline instead of a fixed sleep. */
final class Poll {

  private Poll() {}

  static void until(Duration wait, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached in " + wait + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
