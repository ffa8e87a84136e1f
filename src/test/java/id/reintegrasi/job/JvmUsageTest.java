package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU line that ends a run's log: the JIT compiler threads' part, read from /proc. */
class JvmUsageTest {

  private static void thread(Path tasks, String tid, String comm, String schedstat) throws IOException {
    Path t = Files.createDirectories(tasks.resolve(tid));
    Files.writeString(t.resolve("comm"), comm + "\n");
    if (schedstat != null) {
      Files.writeString(t.resolve("schedstat"), schedstat + "\n");
    }
  }

  @Test
  void compilerThreads_areSummed_andOtherThreadsLeftOut(@TempDir Path tasks) throws IOException {
    thread(tasks, "101", "C2 CompilerThre", "7000000000 120 5");
    thread(tasks, "102", "C1 CompilerThre", "1500000000 80 9");
    thread(tasks, "103", "Executor task l", "90000000000 10 2");
    thread(tasks, "104", "java", "3000000000 0 1");
    assertEquals(OptionalLong.of(8_500_000_000L), JvmUsage.compilerThreadsCpuNanos(tasks));
  }

  @Test
  void aThreadWithoutSchedstat_isSkipped_andNoCompilerThreadsGiveNothing(@TempDir Path tasks) throws IOException {
    thread(tasks, "201", "C2 CompilerThre", null);
    thread(tasks, "202", "Executor task l", "5 0 1");
    assertEquals(OptionalLong.empty(), JvmUsage.compilerThreadsCpuNanos(tasks));
    assertEquals(OptionalLong.empty(), JvmUsage.compilerThreadsCpuNanos(tasks.resolve("missing")));
  }

  @Test
  void thisJvm_onLinux_hasCompilerThreadsThatUsedTheCpu() {
    Path self = Path.of("/proc/self/task");
    if (!Files.isDirectory(self)) {
      return; // not Linux: the log line then gives the process's CPU only
    }
    OptionalLong nanos = JvmUsage.compilerThreadsCpuNanos(self);
    assertTrue(nanos.isPresent() && nanos.getAsLong() > 0, "compiler threads' CPU: " + nanos);
    assertTrue(JvmUsage.cpuSummary().orElseThrow().contains(", of which the JIT compiler threads "));
  }
}
