package id.reintegrasi.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Steps of the job that do not depend on each other, submitted to Spark from a few driver
 * threads at once, so that one step's tasks fill the cores another leaves idle (a dataset read
 * from one big CSV file is one task) and one step's planning overlaps another's tasks. Spark
 * runs jobs from several threads of one session safely; each step's result is the same as when
 * run alone. Every step is waited for before the caller goes on, also when one fails, so that
 * nothing still writes into the staging folder when the run aborts.
 */
final class SideBySide implements AutoCloseable {
  private final ExecutorService pool;
  private final List<CompletableFuture<?>> steps = new ArrayList<>();

  /** Spark's local property naming the scheduler pool of the jobs a thread submits. */
  static final String SCHEDULER_POOL = "spark.scheduler.pool";
  /** How many pools fairscheduler.xml declares (side-1, side-2, ...): at least the threads of any SideBySide. */
  static final int POOLS = 4;

  /** Steps run from {@code threads} driver threads, all of whose jobs share Spark's default pool. */
  SideBySide(String name, int threads) {
    this(name, threads, null);
  }

  /**
   * Steps run from {@code threads} driver threads, each submitting its jobs to a scheduler pool
   * of its own (side-1, side-2, ...). Spark shares the cores fairly between pools (the session
   * runs the fair scheduler, see {@link SparkSessions#configure}), so a small step's tasks get a
   * core when one frees up instead of waiting behind every task of a big step submitted before.
   */
  SideBySide(String name, int threads, SparkContext spark) {
    if (spark != null && threads > POOLS) {
      throw new IllegalArgumentException(threads + " threads, but fairscheduler.xml has " + POOLS + " pools");
    }
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      int i = n.incrementAndGet();
      Runnable worker = spark == null ? r : () -> {
        spark.setLocalProperty(SCHEDULER_POOL, "side-" + i);
        r.run();
      };
      Thread t = new Thread(worker, name + "-" + i);
      t.setDaemon(true);
      return t;
    });
  }

  /** A step that needs nothing from the others. */
  <T> CompletableFuture<T> start(Supplier<T> step) {
    return add(CompletableFuture.supplyAsync(step, pool));
  }

  /** A step that starts when {@code before} has its result. */
  <A, T> CompletableFuture<T> after(CompletableFuture<A> before, Function<A, T> step) {
    return add(before.thenApplyAsync(step, pool));
  }

  /** A step that starts when both {@code a} and {@code b} have their results. */
  <A, B, T> CompletableFuture<T> after(CompletableFuture<A> a, CompletableFuture<B> b,
      BiFunction<A, B, T> step) {
    return add(a.thenCombineAsync(b, step, pool));
  }

  private <T> CompletableFuture<T> add(CompletableFuture<T> step) {
    steps.add(step);
    return step;
  }

  /**
   * Waits for every step, failed or not, so that none still writes when the caller goes on or
   * aborts. The caller then takes the results with {@link #result} in the order a sequential run
   * would have met the steps: the first failure in that order is the one thrown (a step after a
   * failed one fails with the same cause).
   */
  void awaitAll() {
    CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
  }

  /** After {@link #awaitAll}: throws the failure of the first failed step in the order they were added. */
  void throwFirstFailure() {
    for (CompletableFuture<?> step : steps) {
      result(step);
    }
  }

  /** A finished step's result, its failure rethrown as it was thrown (not wrapped). */
  static <T> T result(CompletableFuture<T> step) {
    try {
      return step.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Waits for any step still running (so none outlives the run), then stops the threads. */
  @Override
  public void close() {
    awaitAll();
    pool.shutdown();
  }
}
