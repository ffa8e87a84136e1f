package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import id.reintegrasi.ChildJvm;
import id.reintegrasi.OutputTables;
import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL (no shutdown hook, no finally) at two moments of its write phase leaves
 * the previous output byte for byte as it was and readable; while it runs, a second run into the
 * same output is refused at once; and the next run cleans up and writes the same numbers as an
 * uninterrupted run. The two killed runs go side by side, each into its own copy of the output. Each killed run is a child JVM started the way jobs/run starts the job.
 */
class CrashRecoveryTest extends SparkTestBase {
  private static final long STEP_TIMEOUT_MS = 240_000;

  @TempDir
  Path tmp;

  @Test
  void killedAtSeveralMoments_thePreviousOutputStays_andTheNextRunMatchesAnUninterruptedOne() throws Exception {
    Path reference = SampleRun.output();
    // Kill points in the write phase: while writing the first summary (data_quality, written as
    // soon as validation ends), and while writing the quarantine (the last step before the
    // commit). One child run per kill point, each into its own copy of a previous output; both
    // run at once (each spends most of its time starting up).
    List<String> killWhen = List.of("data_quality", "_quarantine");
    List<Path> outs = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    Map<Path, Map<String, String>> before = new TreeMap<>();
    try {
      for (int i = 0; i < killWhen.size(); i++) {
        Path out = tmp.resolve("out" + (i + 1));
        copyTree(reference, out);
        before.put(out, digest(out));
        outs.add(out);
        children.add(startJob(out));
      }
      // While the first child validates, a run in this JVM into the same output is refused at once.
      Process first = children.get(0);
      awaitStaging(first, outs.get(0), "_work/flagged-releases");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int refused = ReintegrationJob.runCli(args(outs.get(0)), new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8), spark());
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, refused, message);
      assertTrue(message.contains("Another run is writing to --output " + outs.get(0)), message);
      assertTrue(message.contains("pid=" + first.pid()), message);

      for (int i = 0; i < killWhen.size(); i++) {
        Process child = children.get(i);
        Path staging = awaitStaging(child, outs.get(i), killWhen.get(i));
        child.destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(staging), "the killed run got as far as " + killWhen.get(i));
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }
    for (int i = 0; i < killWhen.size(); i++) {
      Path out = outs.get(i);
      String mark = killWhen.get(i);
      assertEquals(before.get(out), digest(out), "previous output unchanged after a kill at " + mark);
      OutputTables.assertSameTables(reference, out, "previous output still readable after a kill at " + mark);
    }

    // The next run after the later kill: takes over the lock the dead process held, removes its
    // staging folder, and writes the same tables as the uninterrupted run.
    Path out = outs.get(1);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReintegrationJob.runCli(args(out), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    OutputTables.assertSameTables(reference, out, "the run after the kill vs an uninterrupted run");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(".out2.lock", "out2"), s.map(p -> p.getFileName().toString())
          .filter(name -> name.contains("out2")).sorted().toList());
    }
  }

  private static String[] args(Path out) {
    return new String[] {"--input", SampleRun.sampleData().toString(), "--output", out.toString(),
        "--as-of", SampleRun.AS_OF, "--min-cell", "1", "--master", "local[2]"};
  }

  /** The job in a child JVM with this JVM's classpath and Spark options, as jobs/run starts it. */
  private Process startJob(Path out) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(List.of(ChildJvm.QUICK_OPTIONS.split(" ")));
    // The killed runs' numbers are never read: their queries run interpreted, which spares
    // compiling each one's generated code (about a tenth of a short run's CPU).
    command.addAll(List.of(ChildJvm.NO_CODEGEN_OPTIONS.split(" ")));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Dio.netty") || arg.startsWith("--enable-native")
          || arg.startsWith("--sun-misc") || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReintegrationJob.class.getName());
    command.addAll(List.of(args(out)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(childLog(out).toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** The child's console output, beside the test's folder (whose listing the test checks). */
  private Path childLog(Path out) {
    return tmp.resolveSibling(tmp.getFileName() + "-" + out.getFileName() + "-child.log");
  }

  /** Waits until the child's staging folder holds {@code mark}; returns the staging folder. */
  private Path awaitStaging(Process child, Path out, String mark) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      Optional<Path> staging;
      try (Stream<Path> s = Files.list(out.getParent())) {
        staging = s.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".staging-")
            && p.getFileName().toString().endsWith("-" + child.pid())).findFirst();
      }
      if (staging.isPresent() && Files.exists(staging.get().resolve(mark))) {
        return staging.get();
      }
      if (!child.isAlive()) {
        fail("the child run ended (exit " + child.exitValue() + ") before writing " + mark + ":\n"
            + Files.readString(childLog(out)));
      }
      Thread.sleep(20);
    }
    fail("the child run did not write " + mark + " within " + STEP_TIMEOUT_MS + " ms");
    return null;
  }

  /** Every file under {@code dir} with the SHA-256 of its bytes. */
  private static Map<String, String> digest(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try {
          out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
              MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
