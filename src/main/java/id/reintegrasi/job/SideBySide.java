package id.reintegrasi.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Of the steps ready at the same time, the one added first starts first, so add the heads
 * of long chains early. (Left to CompletableFuture, the steps waiting for the same step would
 * start in the reverse of the order they were added.)
 */
final class SideBySide implements AutoCloseable {
  private final ThreadPoolExecutor pool;
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
    this.pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
        new PriorityBlockingQueue<>(), r -> {
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

  /**
   * The steps made ready while a worker runs a step: CompletableFuture starts a step's
   * dependents on the thread that completes it, last added first; they are held here until the
   * step returns and then queued together, so that an idle thread takes the first added.
   */
  private final ThreadLocal<List<Queued>> madeReady = new ThreadLocal<>();

  /** A step's work, queued by the order the step was added. */
  private final class Queued implements Runnable, Comparable<Queued> {
    private final int order;
    private final Runnable work;

    Queued(int order, Runnable work) {
      this.order = order;
      this.work = work;
    }

    @Override
    public void run() {
      List<Queued> ready = new ArrayList<>();
      madeReady.set(ready);
      try {
        work.run();
      } finally {
        madeReady.remove();
        ready.sort(null);
        ready.forEach(pool::execute);
      }
    }

    @Override
    public int compareTo(Queued other) {
      return Integer.compare(order, other.order);
    }
  }

  /** The executor of the next step to be added: its work is queued by that step's place. */
  private Executor nextStep() {
    int order = steps.size();
    return work -> {
      Queued step = new Queued(order, work);
      List<Queued> ready = madeReady.get();
      if (ready != null) {
        ready.add(step);
      } else {
        pool.execute(step);
      }
    };
  }

  /** A step that needs nothing from the others. */
  <T> CompletableFuture<T> start(Supplier<T> step) {
    return add(CompletableFuture.supplyAsync(step, nextStep()));
  }

  /** A step that starts when {@code before} has its result. */
  <A, T> CompletableFuture<T> after(CompletableFuture<A> before, Function<A, T> step) {
    return add(before.thenApplyAsync(step, nextStep()));
  }

  /** A step that starts when both {@code a} and {@code b} have their results. */
  <A, B, T> CompletableFuture<T> after(CompletableFuture<A> a, CompletableFuture<B> b,
      BiFunction<A, B, T> step) {
    return add(a.thenCombineAsync(b, step, nextStep()));
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
