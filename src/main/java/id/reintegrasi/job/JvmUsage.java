package id.reintegrasi.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the driver JVM used, for the lines that end a run's log: a reader compares runs by them.
 * In local mode the executors run in this JVM, so it is the whole run's use.
 */
final class JvmUsage {
  private JvmUsage() {}

  /** The peak heap use so far, the sum of the heap pools' peaks. */
  static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /**
   * The JVM's CPU time in seconds, and the part its JIT compiler threads spent where Linux tells
   * it (/proc: the compiler threads alive at the end, which on a few cores are all there were).
   * In local mode a run's wall time is about its CPU time over the cores, or it waited; a quarter
   * of a 1M-release run's CPU time is compiling, a cost that grows with the number of distinct
   * queries rather than with the data. HotSpot's own compilation time is elapsed time, which on a
   * busy machine is nearly twice the compilers' CPU time, so it is not used.
   */
  static Optional<String> cpuSummary() {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
        || os.getProcessCpuTime() < 0) {
      return Optional.empty();
    }
    String cpu = "Driver JVM CPU " + Math.round(os.getProcessCpuTime() / 1e9) + " s since it started"
        + " (in local mode with the executors' tasks)";
    OptionalLong jit = compilerThreadsCpuNanos(Path.of("/proc/self/task"));
    return Optional.of(jit.isPresent()
        ? cpu + ", of which the JIT compiler threads " + Math.round(jit.getAsLong() / 1e9) + " s" : cpu);
  }

  /** The CPU nanoseconds of HotSpot's compiler threads under a /proc/PID/task folder, if any are there. */
  static OptionalLong compilerThreadsCpuNanos(Path tasks) {
    long nanos = 0;
    boolean found = false;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        try {
          String name = Files.readString(thread.resolve("comm")).trim();
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            // schedstat: time on the CPU in nanoseconds, time waiting for it, time slices.
            nanos += Long.parseLong(Files.readString(thread.resolve("schedstat")).trim().split(" ")[0]);
            found = true;
          }
        } catch (IOException | RuntimeException e) {
          // a thread that ended while the folder was read, or a kernel without schedstat
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return found ? OptionalLong.of(nanos) : OptionalLong.empty();
  }
}
