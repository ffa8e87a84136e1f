package id.reintegrasi.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import id.reintegrasi.ChildJvm;
import id.reintegrasi.OutputTables;
import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.job.ReintegrationJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/cluster as a user runs it, in a child process: it starts a Spark standalone cluster (Master
 * and Worker JVMs from the Maven jars) on 127.0.0.1, submits the job to it, and stops the cluster.
 * The tables it writes must equal, row for row, those of the job run in this test JVM (local[2])
 * on the same input with the same options; the executors must really have run on the worker; and
 * no process it started may outlive it, whether the job succeeds, fails or is interrupted.
 *
 * <p>Each launch gets its own folder as TMPDIR, so the script's cluster folder (and so every
 * Master, Worker and executor command line, which name its jars/) lies under it.
 */
class StandaloneClusterTest extends SparkTestBase {
  /** The first jobs/build of a fresh clone runs mvn package (about a minute, more on a busy machine). */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration QUICK_TIMEOUT = Duration.ofMinutes(2);
  /** The options of the shared sample run, whose output is the reference (SampleRun). */
  private static final String[] JOB_OPTIONS = {"--as-of", SampleRun.AS_OF, "--min-cell", "1"};
  /** Reaches the executors only through the caller's SPARK_SUBMIT_ARGS, which jobs/cluster must keep. */
  private static final String EXECUTOR_MARK = "-Dreintegrasi.cluster.test=executor-options-passed";

  @TempDir
  static Path tmp;
  static Path project;
  static Path input;
  static Path inJvmOut;
  static Launch cluster;
  private static final List<Launch> started = new ArrayList<>();

  /**
   * A child process, the files its stdout and stderr go to, and every process seen below it while
   * it ran (polled), so that leftovers can be found after it ended.
   */
  record Launch(String name, List<String> command, Path folder, Process process, Path stdout, Path stderr,
      Duration timeout, Instant startedAt, Set<ProcessHandle> seen) {
    int exitCode() {
      try {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          kill();
          fail(name + " did not finish within " + timeout + "\n" + output());
        }
        return process.exitValue();
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Last resort after a failed test: everything below the script, then the script. */
    void kill() {
      seen.forEach(ProcessHandle::destroyForcibly);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    String stdoutText() {
      return read(stdout);
    }

    String stderrText() {
      return read(stderr);
    }

    /** The folder jobs/cluster made for the cluster (SPARK_HOME), under this launch's TMPDIR. */
    Path clusterDir() {
      try (Stream<Path> dirs = Files.list(folder.resolve("tmpdir"))) {
        List<Path> found = dirs.filter(p -> p.getFileName().toString().startsWith("reintegrasi-cluster.")).toList();
        assertEquals(1, found.size(), "one cluster folder in " + folder.resolve("tmpdir") + ": " + found + "\n" + output());
        return found.get(0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** What to show when an assertion about this launch fails: command, stdout and stderr (their ends). */
    String output() {
      return "$ " + String.join(" ", command) + "\n--- stdout (" + stdout + ") ---\n" + tail(read(stdout), 80)
          + "\n--- stderr (" + stderr + ") ---\n" + tail(read(stderr), 150);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static String tail(String text, int n) {
    String[] lines = text.split("\n", -1);
    int from = Math.max(0, lines.length - n);
    return (from > 0 ? "... (" + from + " lines above)\n" : "") + String.join("\n", List.of(lines).subList(from, lines.length));
  }

  /**
   * Starts a script of the project with a clean Spark environment, in the launch's own folder
   * (also its TMPDIR's parent), and watches the processes below it while it runs.
   */
  private static Launch start(String name, Duration timeout, Map<String, String> env, String... command) {
    Path folder = tmp.resolve(name);
    try {
      Files.createDirectories(folder.resolve("tmpdir"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, project.resolve(command[0]).toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(folder.toFile());
    // The developer's own Spark settings must not decide what the test runs.
    for (String var : List.of("SPARK_HOME", "SPARK_CONF_DIR", "SPARK_SUBMIT_ARGS", "REINTEGRASI_KEEP_CLUSTER_LOGS",
        "SPARK_DAEMON_MEMORY", "SPARK_DAEMON_JAVA_OPTS")) {
      pb.environment().remove(var);
    }
    pb.environment().put("TMPDIR", folder.resolve("tmpdir").toString());
    pb.environment().put("REINTEGRASI_DRIVER_MEMORY", "1g");
    pb.environment().put("JAVA_OPTS", ChildJvm.QUICK_OPTIONS + " -Dspark.ui.enabled=false");
    pb.environment().put("SPARK_DAEMON_JAVA_OPTS", ChildJvm.QUICK_OPTIONS);
    pb.environment().putAll(env);
    Path stdout = folder.resolve(name + ".stdout");
    Path stderr = folder.resolve(name + ".stderr");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    try {
      Instant at = Instant.now();
      Process process = pb.start();
      Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
      Launch launch = new Launch(name, cmd, folder, process, stdout, stderr, timeout, at, seen);
      Thread watcher = new Thread(() -> {
        while (process.isAlive()) {
          process.descendants().forEach(seen::add);
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "watch-" + name);
      watcher.setDaemon(true);
      watcher.start();
      started.add(launch);
      return launch;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] jobArgs(String in, String out) {
    List<String> args = new ArrayList<>(List.of("--input", in, "--output", out));
    args.addAll(List.of(JOB_OPTIONS));
    return args.toArray(String[]::new);
  }

  private static String[] concat(String first, String... rest) {
    return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
  }

  @BeforeAll
  static void launch() {
    project = Path.of(System.getProperty("reintegrasi.project.dir", ".")).toAbsolutePath().normalize();
    input = SampleRun.copyInput(tmp.resolve("in"));

    // Build once, before anything runs at the same time as a build.
    Launch build = start("build", BUILD_TIMEOUT, Map.of(), "jobs/build");
    assertEquals(0, build.exitCode(), build.output());

    // The cluster run, from its own folder with relative paths, logs kept for the checks below;
    // the caller's SPARK_SUBMIT_ARGS (quoted) must reach the executors.
    cluster = start("cluster", JOB_TIMEOUT, Map.of("REINTEGRASI_KEEP_CLUSTER_LOGS", "1",
            "SPARK_SUBMIT_ARGS", "--conf 'spark.executor.extraJavaOptions=" + ChildJvm.QUICK_OPTIONS + " " + EXECUTOR_MARK + "'"
                + " --conf spark.ui.showConsoleProgress=false"),
        concat("jobs/cluster", jobArgs("../in", "out")));

    // The reference: the job in this JVM, local[2], while the cluster runs.
    inJvmOut = SampleRun.output();
    cluster.exitCode();
  }

  @AfterAll
  static void stopLeftoversAndUnlinkJars() throws IOException {
    started.forEach(Launch::kill);
    // A kept cluster folder links every jar of ~/.m2: unlink them here, quietly, rather than let
    // @TempDir warn about each link it deletes.
    try (Stream<Path> links = Files.walk(tmp, 5)) {
      for (Path link : links.filter(Files::isSymbolicLink).toList()) {
        Files.deleteIfExists(link);
      }
    }
  }

  /**
   * Processes that outlived the launch: any process seen below it while it ran, and any process
   * whose command line names a path in the launch's folder (Master, Worker and executors name
   * its jars/); "folder/", so that the folder of launch "cluster" does not match "cluster-term".
   */
  private static List<String> leftovers(Launch launch) {
    String folder = launch.folder().toString();
    Map<Long, String> left = new HashMap<>();
    Instant deadline = Instant.now().plusSeconds(5); // a KILLed process may take a moment to go
    do {
      left.clear();
      for (ProcessHandle p : launch.seen()) {
        if (p.isAlive()) {
          left.put(p.pid(), p.info().commandLine().orElse("?"));
        }
      }
      ProcessHandle.allProcesses()
          .filter(p -> p.info().startInstant().map(s -> !s.isBefore(launch.startedAt().minusSeconds(1))).orElse(true))
          .filter(p -> p.info().commandLine().map(c -> c.contains(folder + "/")).orElse(false))
          .forEach(p -> left.put(p.pid(), p.info().commandLine().orElse("?")));
      if (left.isEmpty()) {
        break;
      }
      sleep(250);
    } while (Instant.now().isBefore(deadline));
    return left.entrySet().stream().map(e -> e.getKey() + " " + abbreviate(e.getValue())).toList();
  }

  private static String abbreviate(String commandLine) {
    return commandLine.length() <= 300 ? commandLine : commandLine.substring(0, 300) + "...";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path onlyFile(Path dir, String glob) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> found = files.filter(f -> dir.getFileSystem().getPathMatcher("glob:" + glob).matches(dir.relativize(f)))
          .toList();
      assertEquals(1, found.size(), glob + " under " + dir + ": " + found);
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void cluster_exits0_andTheExecutorRanTheTasksOnTheWorker() throws IOException {
    assertEquals(0, cluster.exitCode(), cluster.output());
    String script = cluster.stderrText();
    assertTrue(script.contains("worker registered"), cluster.output());
    assertTrue(script.contains("the job succeeded on spark://127.0.0.1:"), cluster.output());
    assertTrue(Files.exists(cluster.folder().resolve("out").resolve("_manifest.json")),
        "relative --output is taken from the caller's folder\n" + cluster.output());

    Path dir = cluster.clusterDir();
    String master = read(dir.resolve("master.log"));
    String worker = read(dir.resolve("worker.log"));
    assertTrue(master.contains("Registering worker 127.0.0.1:"), "master.log:\n" + tail(master, 40));
    assertTrue(master.contains("Registering app reintegrasi"), "master.log:\n" + tail(master, 40));
    assertTrue(master.contains("Launching executor app-"), "master.log:\n" + tail(master, 40));
    assertTrue(worker.contains("Asked to launch executor app-"), "worker.log:\n" + tail(worker, 40));
    // The caller's SPARK_SUBMIT_ARGS came after the script's own and reached the executor's JVM.
    String launchCommand = worker.lines().filter(l -> l.contains("Launch command:")).findFirst().orElse("");
    assertTrue(launchCommand.contains(EXECUTOR_MARK), "executor launch command: " + launchCommand);
    assertTrue(launchCommand.contains("-Xmx2048M"), "--executor-memory 2g: " + launchCommand);

    // The executor's own log, in the worker's work folder: it ran the tasks, and finished cleanly.
    Path executorLog = onlyFile(dir.resolve("work"), "app-*/0/stderr");
    String executor = read(executorLog);
    long tasks = executor.lines().filter(l -> l.contains("Executor: Finished task")).count();
    assertTrue(tasks > 10, "the executor finished " + tasks + " tasks; " + executorLog + ":\n" + tail(executor, 40));
    System.out.printf("StandaloneClusterTest: the executor finished %d tasks (%s); worker log %s%n", tasks,
        executorLog, dir.resolve("worker.log"));
  }

  @Test
  void cluster_writesTheSameTablesAsTheJobInThisJvm() {
    assertEquals(0, cluster.exitCode(), cluster.output());
    Path out = cluster.folder().resolve("out");
    OutputTables.assertSameTables(inJvmOut, out, "jobs/cluster vs runCli local[2]");
    assertTrue(OutputTables.tables(inJvmOut).containsAll(List.of("program_effect", "survival")));
    assertTrue(spark().read().parquet(out.resolve("cohort_outcomes").toString()).count() > 0, "cohort_outcomes has rows");
  }

  @Test
  void cluster_leavesNoProcessBehind_andKeepsItsFolderOnlyWhenAsked() {
    assertEquals(0, cluster.exitCode(), cluster.output());
    assertTrue(cluster.seen().size() >= 3, "master, worker, driver (and executor) seen: " + cluster.seen().stream()
        .map(p -> p.pid() + " " + abbreviate(p.info().commandLine().orElse("?"))).collect(Collectors.joining("\n")));
    assertEquals(List.of(), leftovers(cluster), cluster.output());
    assertTrue(cluster.stderrText().contains("cluster folder kept: " + cluster.clusterDir()), cluster.output());
  }

  /** A job that fails (here at once, on an unknown option): its exit code, the logs, no leftovers. */
  @Test
  void cluster_jobFails_exitsWithTheJobsCode_printsTheLogs_andStopsTheCluster() throws IOException {
    Launch bad = start("cluster-bogus", QUICK_TIMEOUT, Map.of(), "jobs/cluster", "--input", "../in", "--output",
        "out", "--bogus");
    assertEquals(2, bad.exitCode(), bad.output());
    String err = bad.stderrText();
    assertTrue(err.contains("Unknown option --bogus"), bad.output());
    assertTrue(err.contains("the job failed with exit code 2"), bad.output());
    assertTrue(err.contains("----- tail of master.log -----") && err.contains("----- tail of worker.log -----"),
        bad.output());
    assertEquals(List.of(), leftovers(bad), bad.output());
    try (Stream<Path> left = Files.list(bad.folder().resolve("tmpdir"))) {
      assertEquals(List.of(), left.toList(), "the cluster folder is removed");
    }
    assertFalse(Files.exists(bad.folder().resolve("out")));
  }

  /** TERM while the job runs: everything stops, exit code 143, the folder is removed. */
  @Test
  void cluster_terminatedWhileTheJobRuns_stopsEverything() throws IOException {
    Launch term = start("cluster-term", QUICK_TIMEOUT, Map.of(), concat("jobs/cluster", jobArgs("../in", "out")));
    Instant deadline = Instant.now().plus(QUICK_TIMEOUT);
    // Wait until the driver has asked for an executor (the cluster and the application are up).
    while (!term.seen().stream().anyMatch(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))) {
      if (!term.process().isAlive()) {
        fail("jobs/cluster ended (exit " + term.process().exitValue() + ") before an executor started\n" + term.output());
      }
      if (Instant.now().isAfter(deadline)) {
        fail("no executor started within " + QUICK_TIMEOUT + "\n" + term.output());
      }
      sleep(200);
    }
    term.process().destroy(); // SIGTERM to the script only
    assertEquals(143, term.exitCode(), term.output());
    assertTrue(term.stderrText().contains("----- tail of master.log -----"), term.output());
    assertEquals(List.of(), leftovers(term), term.output());
    try (Stream<Path> left = Files.list(term.folder().resolve("tmpdir"))) {
      assertEquals(List.of(), left.toList(), "the cluster folder is removed");
    }
  }

  @Test
  void cluster_refusesMaster_beforeStartingAnything() throws IOException {
    Launch refused = start("cluster-master", QUICK_TIMEOUT, Map.of(), "jobs/cluster", "--input", "../in",
        "--output", "out", "--master", "local[2]");
    assertEquals(2, refused.exitCode(), refused.output());
    assertTrue(refused.stderrText().contains("--master is chosen by this script"), refused.output());
    assertTrue(refused.stderrText().contains("Usage: jobs/cluster"), refused.output());
    try (Stream<Path> left = Files.list(refused.folder().resolve("tmpdir"))) {
      assertEquals(List.of(), left.toList(), "nothing was started");
    }
  }
}
