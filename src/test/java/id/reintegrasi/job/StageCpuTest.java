package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The executors' CPU time per stage of the job: each task counted once, for the stage that submitted its job. */
class StageCpuTest extends SparkTestBase {

  /** A job of {@code partitions} tasks that each do some arithmetic (CPU time above zero). */
  private static long job(SparkSession spark, int partitions) {
    return spark.range(0, 400_000, 1, partitions).selectExpr("sum(id * id % 7) AS s").first().getLong(0)
        + spark.range(0, 1, 1, 1).count() * 0; // a second, one-task job
  }

  private static Map<String, StageCpu.Use> byStage(StageCpu cpu) {
    return cpu.uses().stream().collect(Collectors.toMap(StageCpu.Use::stage, u -> u));
  }

  @Test
  void tasksCountForTheStageThatSubmittedTheirJob_nestedStagesRestoreTheOuterOne() {
    SparkSession spark = spark();
    try (StageCpu cpu = new StageCpu(spark.sparkContext())) {
      StageCpu.during("three", () -> job(spark, 3));
      StageCpu.during("outer", () -> {
        StageCpu.during("inner", () -> job(spark, 2));
        return job(spark, 4); // after the inner stage: the outer one again
      });
      job(spark, 1);
      Map<String, StageCpu.Use> uses = byStage(cpu);
      assertEquals(List.of("inner", "outer", "three", StageCpu.OUTSIDE).stream().sorted().toList(),
          uses.keySet().stream().sorted().toList(), uses.toString());
      // The aggregation's tasks plus its final stage's task, then the one-task count (2 tasks: its partial and final stage).
      long three = uses.get("three").tasks();
      long inner = uses.get("inner").tasks();
      long outer = uses.get("outer").tasks();
      assertEquals(1, three - inner, uses.toString()); // the jobs differ only by their partitions, 3 against 2
      assertEquals(2, outer - inner, uses.toString()); // 4 against 2
      for (StageCpu.Use u : uses.values()) {
        assertTrue(u.cpuNanos() > 0, u.toString());
      }
      assertEquals(null, spark.sparkContext().getLocalProperty(StageCpu.PROPERTY), "no stage left set on the thread");
    }
  }

  @Test
  void summary_theDearestFirst_andAClosedListenerHearsNoMore() {
    SparkSession spark = spark();
    StageCpu cpu = new StageCpu(spark.sparkContext());
    // The big one first, so that the small one does not pay the JIT's warm-up.
    StageCpu.during("big", () -> spark.range(0, 20_000_000, 1, 2).selectExpr("sum(id * id % 7)").first().getLong(0));
    StageCpu.during("small", () -> spark.range(0, 10, 1, 1).count());
    List<StageCpu.Use> uses = cpu.uses();
    assertEquals("big", uses.get(0).stage(), uses.toString());
    String summary = cpu.summary();
    assertTrue(summary.matches("Executor CPU by stage: big [0-9.]+ s \\(\\d+ tasks\\), small [0-9.]+ s \\(\\d+ tasks?\\); all [0-9.]+ s"),
        summary);
    cpu.close();
    StageCpu.during("after", () -> job(spark, 2));
    assertEquals(List.of("big", "small"), cpu.uses().stream().map(StageCpu.Use::stage).toList());
  }
}
