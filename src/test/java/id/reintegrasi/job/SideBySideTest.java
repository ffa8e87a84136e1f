package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import id.reintegrasi.SparkTestBase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/** The driver threads that run independent steps of the job side by side. */
class SideBySideTest extends SparkTestBase {

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
  void withSpark_eachThreadSubmitsToAPoolOfItsOwn_sharedFairly() throws Exception {
    SparkContext sc = spark().sparkContext();
    assertEquals("FAIR", sc.getSchedulingMode().toString());
    for (int i = 1; i <= SideBySide.POOLS; i++) {
      assertTrue(sc.getPoolForName("side-" + i).isDefined(), "fairscheduler.xml declares side-" + i);
    }
    Set<String> pools = ConcurrentHashMap.newKeySet();
    CountDownLatch jobsSeen = new CountDownLatch(2);
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        String pool = job.properties() == null ? null : job.properties().getProperty(SideBySide.SCHEDULER_POOL);
        if (pool != null) {
          pools.add(pool);
          jobsSeen.countDown();
        }
      }
    };
    sc.addSparkListener(listener);
    try {
      // Both threads busy at once (each waits for the other), each running a Spark job.
      CountDownLatch started = new CountDownLatch(2);
      try (SideBySide steps = new SideBySide("test", 2, sc)) {
        var a = steps.start(() -> meet(started) ? spark().range(10).count() : -1L);
        var b = steps.start(() -> meet(started) ? spark().range(20).count() : -1L);
        steps.awaitAll();
        assertEquals(10L, SideBySide.result(a));
        assertEquals(20L, SideBySide.result(b));
      }
      assertTrue(jobsSeen.await(30, TimeUnit.SECONDS), "the listener saw both jobs");
      assertEquals(Set.of("side-1", "side-2"), pools);
      assertEquals(null, sc.getLocalProperty(SideBySide.SCHEDULER_POOL), "the caller's own jobs stay in the default pool");
    } finally {
      sc.removeSparkListener(listener);
    }
    assertThrows(IllegalArgumentException.class, () -> new SideBySide("test", SideBySide.POOLS + 1, sc).close());
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
  void stepsReadyTogether_startInTheOrderTheyWereAdded() {
    // One thread, held by the first step until the others are added; the four waiting for it
    // then become ready at once. CompletableFuture alone would start them last added first.
    CountDownLatch added = new CountDownLatch(1);
    List<Integer> started = Collections.synchronizedList(new ArrayList<>());
    try (SideBySide steps = new SideBySide("test", 1)) {
      var first = steps.start(() -> await(added));
      for (int i = 1; i <= 4; i++) {
        int step = i;
        steps.after(first, x -> started.add(step));
      }
      added.countDown();
      steps.awaitAll();
      steps.throwFirstFailure();
    }
    assertEquals(List.of(1, 2, 3, 4), started);
  }

  @Test
  void stepsReadyTogether_theFirstAddedTakesTheIdleThread() {
    // Two threads: one idle, one finishing the step the others wait for. The idle thread must
    // not take whichever step CompletableFuture happens to start first (the last added).
    CountDownLatch added = new CountDownLatch(1);
    CountDownLatch bothStarted = new CountDownLatch(2);
    List<Integer> started = Collections.synchronizedList(new ArrayList<>());
    try (SideBySide steps = new SideBySide("test", 2)) {
      var first = steps.start(() -> await(added));
      for (int i = 1; i <= 4; i++) {
        int step = i;
        steps.after(first, x -> started.add(step) && meet(bothStarted)); // the first two run at once
      }
      added.countDown();
      steps.awaitAll();
      steps.throwFirstFailure();
    }
    assertEquals(Set.of(1, 2), Set.copyOf(started.subList(0, 2)), "started: " + started);
    assertEquals(Set.of(3, 4), Set.copyOf(started.subList(2, 4)), "started: " + started);
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
    return await(started);
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
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
