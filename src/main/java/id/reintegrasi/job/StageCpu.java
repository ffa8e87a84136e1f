package id.reintegrasi.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The executors' CPU time per stage of the job, for the log's closing lines: which stage a run
 * spends its cores on, without an event log or a profiler. Several stages run side by side, so
 * their wall times overlap; their CPU times add up.
 *
 * <p>A stage names the Spark jobs submitted while it runs by a local property of the thread
 * (Spark hands it on to the threads that run a query's broadcasts and stages); this listener
 * adds each finished task's executor CPU time to the stage of the job that made it.
 */
final class StageCpu extends SparkListener implements AutoCloseable {
  static final String PROPERTY = "reintegrasi.stage";
  /** Where tasks of jobs submitted outside a named stage go. */
  static final String OUTSIDE = "outside the named stages";

  private final SparkContext spark;
  private final Map<Integer, String> stageOfSparkStage = new ConcurrentHashMap<>();
  private final Map<String, Totals> totals = new ConcurrentHashMap<>();

  /** A stage's tasks so far and their executor CPU time. */
  private static final class Totals {
    final LongAdder cpuNanos = new LongAdder();
    final LongAdder tasks = new LongAdder();
  }

  /** Listens on {@code spark} until closed. */
  StageCpu(SparkContext spark) {
    this.spark = spark;
    spark.addSparkListener(this);
  }

  /**
   * Runs {@code body} as the named stage: the Spark jobs it submits from this thread count for
   * that stage. The property is set on the JVM's one SparkContext, which every session shares.
   */
  static <T> T during(String stage, Supplier<T> body) {
    SparkContext context = SparkSession.active().sparkContext();
    String outer = context.getLocalProperty(PROPERTY);
    context.setLocalProperty(PROPERTY, stage);
    try {
      return body.get();
    } finally {
      context.setLocalProperty(PROPERTY, outer); // null removes it
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    String stage = job.properties() == null ? null : job.properties().getProperty(PROPERTY);
    for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
      // A Spark stage that an earlier job ran already is skipped, not run again: the first owns it.
      stageOfSparkStage.putIfAbsent((Integer) id, stage == null ? OUTSIDE : stage);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    if (task.taskMetrics() == null) {
      return; // a task that failed before it ran
    }
    String stage = stageOfSparkStage.getOrDefault(task.stageId(), OUTSIDE);
    Totals t = totals.computeIfAbsent(stage, s -> new Totals());
    t.cpuNanos.add(task.taskMetrics().executorCpuTime());
    t.tasks.increment();
  }

  /** A stage's executor CPU time and task count so far. */
  record Use(String stage, long cpuNanos, long tasks) {}

  /**
   * Every stage's use once the listener has heard of every task that ended (Spark tells
   * listeners on a thread of its own, a moment after a job returns), the dearest first.
   */
  List<Use> uses() {
    try {
      spark.listenerBus().waitUntilEmpty(10_000L);
    } catch (TimeoutException e) {
      // a very busy listener bus: the counts so far, a few tasks short at most
    }
    List<Use> uses = new ArrayList<>();
    totals.forEach((stage, t) -> uses.add(new Use(stage, t.cpuNanos.sum(), t.tasks.sum())));
    uses.sort(Comparator.comparingLong(Use::cpuNanos).reversed().thenComparing(Use::stage));
    return uses;
  }

  /** The log line: "Executor CPU by stage: analysis table 61.2 s (91 tasks), ...; all 230.4 s". */
  String summary() {
    List<Use> uses = uses();
    List<String> parts = new ArrayList<>();
    long total = 0;
    for (Use u : uses) {
      parts.add(String.format(Locale.ROOT, "%s %.1f s (%d task%s)", u.stage(), u.cpuNanos() / 1e9, u.tasks(),
          u.tasks() == 1 ? "" : "s"));
      total += u.cpuNanos();
    }
    return String.format(Locale.ROOT, "Executor CPU by stage: %s; all %.1f s",
        parts.isEmpty() ? "no tasks" : String.join(", ", parts), total / 1e9);
  }

  @Override
  public void close() {
    spark.removeSparkListener(this);
  }
}
