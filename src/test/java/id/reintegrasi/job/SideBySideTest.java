package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The driver threads that run independent steps of the job side by side. */
class SideBySideTest {

  @Test
  void independentSteps_runAtTheSameTime() {
    // Each step waits for the other to have started: one at a time, both would time out.
    CountDownLatch started = new CountDownLatch(2);
    try (SideBySide steps = new SideBySide("test", 2)) {
      var a = steps.start(() -> meet(started));
      var b = steps.start(() -> meet(started));
      steps.awaitAll();
      assertTrue(SideBySide.result(a));
      assertTrue(SideBySide.result(b));
    }
  }

  @Test
  void aStepAfterOthers_getsTheirResults() {
    try (SideBySide steps = new SideBySide("test", 2)) {
      var a = steps.start(() -> 2);
      var b = steps.start(() -> 3);
      var product = steps.after(a, b, (x, y) -> x * y);
      var plusOne = steps.after(product, x -> x + 1);
      steps.awaitAll();
      steps.throwFirstFailure();
      assertEquals(7, SideBySide.result(plusOne));
    }
  }

  @Test
  void aFailure_isThrownAsItWas_onlyOnceEveryStepHasFinished() {
    AtomicBoolean slowFinished = new AtomicBoolean();
    IllegalArgumentException thrown;
    try (SideBySide steps = new SideBySide("test", 2)) {
      var failing = steps.start(() -> {
        throw new IllegalArgumentException("bad input");
      });
      steps.start(() -> {
        sleep(300);
        slowFinished.set(true);
        return null;
      });
      var after = steps.after(failing, x -> "never");
      steps.awaitAll();
      assertTrue(slowFinished.get(), "awaitAll returned before the slow step finished");
      thrown = assertThrows(IllegalArgumentException.class, () -> SideBySide.result(after));
    }
    assertEquals("bad input", thrown.getMessage());
  }

  @Test
  void throwFirstFailure_throwsTheFailureOfTheEarliestAddedStep() {
    try (SideBySide steps = new SideBySide("test", 2)) {
      // The later step fails first in time; the earlier one is still the one reported.
      steps.start(() -> {
        sleep(200);
        throw new IllegalStateException("first added");
      });
      steps.start(() -> {
        throw new IllegalStateException("second added");
      });
      steps.awaitAll();
      IllegalStateException e = assertThrows(IllegalStateException.class, steps::throwFirstFailure);
      assertEquals("first added", e.getMessage());
    }
  }

  @Test
  void close_waitsForStepsStillRunning() {
    AtomicBoolean finished = new AtomicBoolean();
    try (SideBySide steps = new SideBySide("test", 1)) {
      steps.start(() -> {
        sleep(200);
        finished.set(true);
        return null;
      });
    }
    assertTrue(finished.get());
  }

  private static boolean meet(CountDownLatch started) {
    started.countDown();
    try {
      return started.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
