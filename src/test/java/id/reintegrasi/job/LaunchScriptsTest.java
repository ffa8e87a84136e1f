package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import id.reintegrasi.ChildJvm;
import id.reintegrasi.OutputTables;
import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch scripts as a user runs them, each in a child JVM: jobs/run in local[1] must write
 * the same tables, row for row, as the job run in this test JVM (local[2]) on the same input with
 * the same options; bad command lines end with exit code 2 and a message; jobs/submit hands its
 * arguments to a SPARK_HOME's spark-submit. A full jobs/submit run (SparkSubmit from the Maven
 * jars, relative paths from the caller's folder) is StandaloneClusterTest's, through jobs/cluster.
 */
class LaunchScriptsTest extends SparkTestBase {
  /** The first jobs/build of a fresh clone runs mvn package (about a minute, more on a busy machine). */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration QUICK_TIMEOUT = Duration.ofMinutes(2);
  /** The options of the shared sample run, whose output is the reference (SampleRun). */
  private static final String[] JOB_OPTIONS = {"--as-of", SampleRun.AS_OF, "--min-cell", "1"};
  private static final String MAIN_CLASS = "id.reintegrasi.job.ReintegrationJob";

  @TempDir
  static Path tmp;
  static Path project;
  static Path input;
  static Path inJvmOut;
  static Launch run;
  private static final List<Launch> started = new ArrayList<>();

  /** A child process with its command line and the files its stdout and stderr go to. */
  record Launch(String name, Map<String, String> env, List<String> command, Process process, Path stdout, Path stderr,
      Duration timeout) {
    /** Waits for the exit code; a process that outlives its timeout is killed, with its children. */
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

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    String stderrText() {
      return read(stderr);
    }

    /** What to show when an assertion about this launch fails: command, stdout and stderr (their ends). */
    String output() {
      StringBuilder shown = new StringBuilder();
      env.forEach((k, v) -> shown.append(k).append("='").append(v).append("' "));
      return shown + String.join(" ", command) + "\n--- stdout (" + stdout + ") ---\n" + tail(read(stdout))
          + "\n--- stderr (" + stderr + ") ---\n" + tail(read(stderr));
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        return "(cannot read " + file + ": " + e + ")";
      }
    }

    private static String tail(String text) {
      String[] lines = text.split("\n", -1);
      int from = Math.max(0, lines.length - 80);
      return (from > 0 ? "... (" + from + " lines above)\n" : "") + String.join("\n", List.of(lines).subList(from, lines.length));
    }
  }

  /** Starts a script of the project in a working folder, with a clean Spark environment. */
  private static Launch start(String name, Path workDir, Duration timeout, Map<String, String> env, String... command) {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, project.resolve(command[0]).toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    // The developer's own Spark settings must not decide what the test runs.
    for (String var : List.of("SPARK_HOME", "SPARK_CONF_DIR", "SPARK_SUBMIT_ARGS")) {
      pb.environment().remove(var);
    }
    Map<String, String> vars = new TreeMap<>(Map.of("REINTEGRASI_DRIVER_MEMORY", "1g",
        "JAVA_OPTS", ChildJvm.QUICK_OPTIONS + " -Dspark.ui.enabled=false"));
    vars.putAll(env);
    pb.environment().putAll(vars);
    Path stdout = tmp.resolve(name + ".stdout");
    Path stderr = tmp.resolve(name + ".stderr");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    try {
      Launch launch = new Launch(name, vars, cmd, pb.start(), stdout, stderr, timeout);
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

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @BeforeAll
  static void launch() {
    project = Path.of(System.getProperty("reintegrasi.project.dir", ".")).toAbsolutePath().normalize();
    input = SampleRun.copyInput(tmp.resolve("in"));

    // Build once before the parallel launches, so that they do not build at the same time.
    Launch build = start("build", project, BUILD_TIMEOUT, Map.of(), "jobs/build");
    assertEquals(0, build.exitCode(), build.output());

    // jobs/run from the project folder with absolute paths.
    run = start("run", project, JOB_TIMEOUT, Map.of(),
        concat(new String[] {"jobs/run"}, concat(jobArgs(input.toString(), tmp.resolve("out-run").toString()),
            "--master", "local[1]")));

    // The reference: the job in this JVM, local[2], while the children run.
    inJvmOut = SampleRun.output();
  }

  @AfterAll
  static void stopLeftovers() {
    started.stream().filter(l -> l.process().isAlive()).forEach(Launch::kill);
  }

  @Test
  void jobsRun_local1_exits0_andWritesManifestAndSummaries() throws IOException {
    assertEquals(0, run.exitCode(), run.output());
    Path out = tmp.resolve("out-run");
    String manifest = Files.readString(out.resolve("_manifest.json"));
    assertTrue(manifest.contains("\"as_of\": \"" + SampleRun.AS_OF + "\""), manifest);
    assertTrue(manifest.contains("\"min_cell\": 1"), manifest);
    for (String table : List.of("cohort_outcomes", "program_participation", "data_quality")) {
      assertTrue(spark().read().parquet(out.resolve(table).toString()).count() > 0, table + " has rows");
    }
  }

  @Test
  void jobsRun_local1_writesTheSameTablesAsTheJobInThisJvm_local2() {
    assertEquals(0, run.exitCode(), run.output());
    OutputTables.assertSameTables(inJvmOut, tmp.resolve("out-run"), "jobs/run local[1] vs runCli local[2]");
  }

  @Test
  void jobsRun_unknownOption_exits2_namingIt() {
    Launch bogus = start("run-bogus", project, QUICK_TIMEOUT, Map.of(), "jobs/run", "--bogus");
    assertEquals(2, bogus.exitCode(), bogus.output());
    assertTrue(bogus.stderrText().contains("Unknown option --bogus"), bogus.output());
  }

  @Test
  void jobsSubmit_withoutMaster_exits2_withUsage() {
    Launch noMaster = start("submit-no-master", tmp, QUICK_TIMEOUT, Map.of(), "jobs/submit", "--input", "in",
        "--output", "out-never");
    assertEquals(2, noMaster.exitCode(), noMaster.output());
    assertTrue(noMaster.stderrText().contains("--master URL is required"), noMaster.output());
    assertTrue(noMaster.stderrText().contains("Usage: jobs/submit --master URL"), noMaster.output());
    assertFalse(Files.exists(tmp.resolve("out-never")));
  }

  /**
   * With SPARK_HOME, its spark-submit gets --master, SPARK_SUBMIT_ARGS (quotes honoured), the main
   * class and the thin jar, then the job's arguments unchanged; its exit code is the script's.
   */
  @Test
  void jobsSubmit_withSparkHome_passesArgumentsToItsSparkSubmit() throws IOException {
    Path sparkHome = tmp.resolve("fake-spark-home");
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    Path seen = tmp.resolve("fake-spark-submit.args");
    Path script = bin.resolve("spark-submit");
    Files.writeString(script, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + seen + "'\nexit 7\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    Launch fake = start("submit-fake-home", tmp, QUICK_TIMEOUT, Map.of("SPARK_HOME", sparkHome.toString(),
        "SPARK_SUBMIT_ARGS", "--deploy-mode client --conf \"spark.driver.extraJavaOptions=-Da=1 -Db=2\" --conf 'x=$HOME'"),
        "jobs/submit", "--input", "in dir", "--master=spark://127.0.0.1:7077", "--as-of=2025-12-31", "--strict");
    assertEquals(7, fake.exitCode(), fake.output());
    List<String> args = Files.readAllLines(seen, StandardCharsets.UTF_8);
    assertEquals(15, args.size(), "arguments spark-submit got:\n" + String.join("\n", args) + "\n" + fake.output());
    assertEquals(List.of("--master", "spark://127.0.0.1:7077", "--deploy-mode", "client",
        "--conf", "spark.driver.extraJavaOptions=-Da=1 -Db=2", "--conf", "x=$HOME", "--class", MAIN_CLASS),
        args.subList(0, 10));
    assertTrue(args.get(10).matches(".*/target/reintegrasi-[^/]*\\.jar"), args.get(10));
    assertTrue(Files.isRegularFile(Path.of(args.get(10))), args.get(10));
    assertEquals(List.of("--input", "in dir", "--as-of=2025-12-31", "--strict"), args.subList(11, 15));
  }
}
