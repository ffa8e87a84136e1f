package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.schema.Mous;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch scripts as a user runs them, each in a child JVM: jobs/run in local[1] and
 * jobs/submit (SparkSubmit from the Maven jars) in local[2] must write the same tables, row for
 * row, as the job run in this test JVM (local[2]) on the same input with the same options; and
 * bad command lines end with exit code 2 and a message. Both Spark children run at the same time
 * as the in-JVM run to keep the wall time down.
 */
class LaunchScriptsTest extends SparkTestBase {
  /** The first jobs/build of a fresh clone runs mvn package (about a minute, more on a busy machine). */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration QUICK_TIMEOUT = Duration.ofMinutes(2);
  private static final String[] JOB_OPTIONS = {"--as-of", "2025-12-31", "--min-cell", "1"};
  private static final String MAIN_CLASS = "id.reintegrasi.job.ReintegrationJob";

  @TempDir
  static Path tmp;
  static Path project;
  static Path input;
  static Path inJvmOut;
  static Launch run;
  static Launch submit;
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
        // Short runs on two cores shared by three jobs: the quick JIT and one GC thread need less CPU.
        "JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dspark.ui.enabled=false"));
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

  /** Three facilities' worth of releases, programs in and after custody, attendance, reoffending, jobs. */
  static InputFixture fixture() {
    return InputFixture.withCatalogue()
        .add(Mous.NAME, "mou_id", "MOU-2021-BAZNAS", "title", "Pemberdayaan Ekonomi", "signed_date", "2021-06-01",
            "region_code", "15")
        .program("program_id", "PRG-AGAMA", "program_name", "Bimbingan Keagamaan", "category", "KEPRIBADIAN",
            "mou_id", "", "facility_id", "LAPAS-JAMBI", "start_date", "2018-01-01")
        .program("program_id", "PRG-PASCA", "program_name", "Usaha Mandiri", "category", "PASCA_BEBAS",
            "phase", "POST_RELEASE", "facility_id", "LAPAS-JAMBI", "mou_id", "MOU-2021-BAZNAS", "start_date", "2021-07-01")
        .release("release_id", "R1", "person_id", "P1", "admission_date", "2019-06-01", "release_date", "2021-01-15")
        .release("release_id", "R2", "person_id", "P2", "admission_date", "2020-02-01", "release_date", "2021-03-10",
            "release_type", "PB", "sex", "P", "birth_year", "1985")
        .release("release_id", "R3", "person_id", "P3", "facility_id", "LAPAS-JAMBI", "admission_date", "2019-09-01",
            "release_date", "2021-05-20", "release_type", "CB", "birth_year", "1995", "offence_category", "PENCURIAN")
        .release("release_id", "R4", "person_id", "P4", "facility_id", "LAPAS-JAMBI", "admission_date", "2020-01-10",
            "release_date", "2021-11-30", "birth_year", "1978", "prior_convictions", "2", "sentence_months", "22")
        .release("release_id", "R5", "person_id", "P5", "admission_date", "2021-01-05", "release_date", "2022-02-14",
            "release_type", "ASIMILASI", "sex", "P", "birth_year", "1999", "home_region", "1501")
        .release("release_id", "R6", "person_id", "P6", "facility_id", "LAPAS-JAMBI", "admission_date", "2020-07-01",
            "release_date", "2022-06-01", "release_type", "PB", "offence_category", "PENCURIAN", "prior_convictions", "1")
        .release("release_id", "R7", "person_id", "P7", "facility_id", "LAPAS-JAMBI", "admission_date", "2021-03-01",
            "release_date", "2022-09-15", "birth_year", "2000", "sentence_months", "18")
        .release("release_id", "R8", "person_id", "P8", "admission_date", "2021-10-01", "release_date", "2023-01-20",
            "release_type", "CMB", "birth_year", "1992")
        .release("release_id", "R9", "person_id", "P9", "facility_id", "LAPAS-BANGKO", "admission_date", "2022-02-01",
            "release_date", "2023-06-30", "sex", "P", "birth_year", "1983", "offence_category", "KEKERASAN")
        .release("release_id", "R10", "person_id", "P10", "admission_date", "2022-06-01", "release_date", "2024-02-01",
            "release_type", "PB", "birth_year", "1997", "sentence_months", "24")
        .release("release_id", "R11", "person_id", "P1", "admission_date", "2022-01-10", "release_date", "2023-04-01",
            "prior_convictions", "1")
        .release("release_id", "R12", "person_id", "P11", "facility_id", "LAPAS-JAMBI", "admission_date", "2023-01-01",
            "release_date", "2024-08-01", "release_type", "TRANSFER")
        .release("release_id", "R13", "person_id", "P12", "facility_id", "LAPAS-BANGKO", "admission_date", "2023-01-01",
            "release_date", "2025-01-10", "birth_year", "1970")
        .release("release_id", "RX", "person_id", "PX", "sex", "X") // quarantined: unknown code
        .enrollment("enrollment_id", "E1", "person_id", "P1", "enrolled_date", "2020-03-01", "exit_date", "2020-06-01")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "enrolled_date", "2020-04-01", "exit_date", "2020-07-01",
            "exit_status", "DROPPED")
        .enrollment("enrollment_id", "E3", "person_id", "P2", "program_id", "PRG-AGAMA", "enrolled_date", "2020-05-01",
            "exit_date", "2020-09-01")
        .enrollment("enrollment_id", "E4", "person_id", "P3", "program_id", "PRG-AGAMA", "enrolled_date", "2020-01-15",
            "exit_date", "2020-04-15")
        .enrollment("enrollment_id", "E5", "person_id", "P5", "enrolled_date", "2021-03-01", "exit_date", "2021-06-01")
        .enrollment("enrollment_id", "E6", "person_id", "P6", "program_id", "PRG-AGAMA", "enrolled_date", "2021-01-01",
            "exit_date", "2021-04-01", "exit_status", "DROPPED")
        .enrollment("enrollment_id", "E7", "person_id", "P7", "program_id", "PRG-PASCA", "enrolled_date", "2022-10-01",
            "exit_date", "2023-01-01")
        .enrollment("enrollment_id", "E8", "person_id", "P8", "enrolled_date", "2022-01-10", "exit_date", "2022-04-10")
        .enrollment("enrollment_id", "E9", "person_id", "P9", "program_id", "PRG-PASCA", "enrolled_date", "2023-07-15",
            "exit_date", "2023-10-15")
        .enrollment("enrollment_id", "E10", "person_id", "P10", "program_id", "PRG-AGAMA", "enrolled_date", "2023-01-01",
            "exit_date", "2023-04-01")
        .enrollment("enrollment_id", "E11", "person_id", "P1", "enrolled_date", "2022-05-01", "exit_date", "2022-08-01")
        .enrollment("enrollment_id", "E12", "person_id", "P4", "program_id", "PRG-PASCA", "enrolled_date", "2021-12-15",
            "exit_date", "2022-03-01")
        .session("session_id", "S1", "person_id", "P1", "session_date", "2020-03-02", "hours", "3")
        .session("session_id", "S2", "person_id", "P1", "session_date", "2020-03-09", "hours", "2.5", "certificate", "true")
        .session("session_id", "S1", "person_id", "P2", "session_date", "2020-03-02", "attendance", "UNEXCUSED")
        .session("session_id", "S3", "person_id", "P2", "program_id", "PRG-AGAMA", "session_date", "2020-05-04", "hours", "1.5")
        .session("session_id", "S4", "person_id", "P3", "program_id", "PRG-AGAMA", "session_date", "2020-01-20", "hours", "2")
        .session("session_id", "S5", "person_id", "P5", "session_date", "2021-03-05", "hours", "4", "certificate", "true")
        .session("session_id", "S6", "person_id", "P6", "program_id", "PRG-AGAMA", "session_date", "2021-01-10",
            "attendance", "EXCUSED")
        .session("session_id", "S7", "person_id", "P7", "program_id", "PRG-PASCA", "session_date", "2022-10-05", "hours", "6")
        .session("session_id", "S8", "person_id", "P8", "session_date", "2022-01-12", "hours", "3.5")
        .session("session_id", "S9", "person_id", "P9", "program_id", "PRG-PASCA", "session_date", "2023-07-20", "hours", "5")
        .session("session_id", "S10", "person_id", "P10", "program_id", "PRG-AGAMA", "session_date", "2023-01-09")
        .session("session_id", "S11", "person_id", "P1", "session_date", "2022-05-03", "hours", "2", "certificate", "true")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2021-07-15", "recorded_date", "2021-08-01")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2022-08-01", "recorded_date", "2022-09-01",
            "event_type", "ARREST")
        .event("event_id", "V3", "person_id", "P3", "offence_date", "2021-09-01", "recorded_date", "2021-10-15",
            "offence_category", "PENCURIAN")
        .event("event_id", "V4", "person_id", "P4", "offence_date", "2023-06-01", "recorded_date", "2023-07-01",
            "event_type", "READMISSION")
        .event("event_id", "V5", "person_id", "P6", "offence_date", "2022-12-01", "recorded_date", "2023-01-10")
        .event("event_id", "V6", "person_id", "P7", "offence_date", "2024-01-10", "recorded_date", "2024-02-01",
            "event_type", "ARREST")
        .event("event_id", "V7", "person_id", "P8", "offence_date", "2023-05-01", "recorded_date", "2023-05-20")
        .event("event_id", "V8", "person_id", "P9", "offence_date", "2025-03-01", "recorded_date", "2025-04-01",
            "offence_category", "KEKERASAN")
        .event("event_id", "V9", "person_id", "P10", "offence_date", "2024-06-01", "recorded_date", "",
            "event_type", "READMISSION")
        .event("event_id", "V10", "person_id", "P1", "offence_date", "2023-10-01", "recorded_date", "2023-11-01")
        .event("event_id", "V11", "person_id", "P5", "offence_date", "2024-05-01", "recorded_date", "2024-06-01",
            "event_type", "ARREST")
        .event("event_id", "V12", "person_id", "P12", "offence_date", "2025-06-01", "recorded_date", "2025-06-20")
        .followup("person_id", "P1", "followup_date", "2021-02-15")
        .followup("person_id", "P2", "followup_date", "2021-05-01", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P3", "followup_date", "2021-06-20", "employment_status", "SELF_EMPLOYED")
        .followup("person_id", "P5", "followup_date", "2022-04-01")
        .followup("person_id", "P7", "followup_date", "2022-12-01", "employment_status", "UNKNOWN")
        .followup("person_id", "P9", "followup_date", "2023-09-01", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P10", "followup_date", "2024-03-15");
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
    input = fixture().writeCsv(tmp.resolve("in"));

    // Build once before the parallel launches, so that they do not build at the same time.
    Launch build = start("build", project, BUILD_TIMEOUT, Map.of(), "jobs/build");
    assertEquals(0, build.exitCode(), build.output());

    // jobs/run from the project folder with absolute paths; jobs/submit from another folder with
    // relative ones, which must be taken from that folder.
    run = start("run", project, JOB_TIMEOUT, Map.of(),
        concat(new String[] {"jobs/run"}, concat(jobArgs(input.toString(), tmp.resolve("out-run").toString()),
            "--master", "local[1]")));
    submit = start("submit", tmp, JOB_TIMEOUT,
        Map.of("SPARK_SUBMIT_ARGS", "--name 'reintegrasi launch test' --conf spark.ui.showConsoleProgress=false"),
        concat(new String[] {"jobs/submit", "--master", "local[2]"}, jobArgs("in", "out-submit")));

    // The reference: the job in this JVM, local[2], while the children run.
    inJvmOut = tmp.resolve("out-jvm");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReintegrationJob.runCli(jobArgs(input.toString(), inJvmOut.toString()),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stopLeftovers() {
    started.stream().filter(l -> l.process().isAlive()).forEach(Launch::kill);
  }

  /** The table folders of an output: summaries, then quarantined datasets as _quarantine/NAME. */
  private static List<String> tables(Path out) {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> top = Files.list(out)) {
      top.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(names::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (names.remove("_quarantine")) {
      try (Stream<Path> q = Files.list(out.resolve("_quarantine"))) {
        q.filter(Files::isDirectory).map(p -> "_quarantine/" + p.getFileName()).forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(names);
  }

  /** Every table of {@code actual} equals the one of {@code expected}: columns, types and rows in any order. */
  private static void assertSameTables(Path expected, Path actual, String what) {
    List<String> names = tables(expected);
    assertTrue(names.containsAll(List.of("cohort_outcomes", "program_participation", "data_quality",
        "_quarantine/releases")), "reference tables: " + names);
    assertEquals(names, tables(actual), what + ": table folders");
    for (String name : names) {
      Dataset<Row> want = spark().read().parquet(expected.resolve(name).toString());
      Dataset<Row> got = spark().read().parquet(actual.resolve(name).toString());
      assertEquals(want.schema().treeString(), got.schema().treeString(), what + ": columns of " + name);
      assertSameRows(sortedRows(want), sortedRows(got), what + ": rows of " + name);
    }
  }

  /** Equal lists of rows; else the message shows the rows found on one side only. */
  private static void assertSameRows(List<String> expected, List<String> actual, String what) {
    if (expected.equals(actual)) {
      return;
    }
    List<String> onlyExpected = new ArrayList<>(expected);
    actual.forEach(onlyExpected::remove);
    List<String> onlyActual = new ArrayList<>(actual);
    expected.forEach(onlyActual::remove);
    fail(what + " differ: " + expected.size() + " rows expected, " + actual.size() + " found"
        + "\nonly expected (" + onlyExpected.size() + "):\n  " + String.join("\n  ", head(onlyExpected))
        + "\nonly found (" + onlyActual.size() + "):\n  " + String.join("\n  ", head(onlyActual)));
  }

  private static List<String> head(List<String> rows) {
    return rows.size() <= 20 ? rows : rows.subList(0, 20);
  }

  @Test
  void jobsRun_local1_exits0_andWritesManifestAndSummaries() throws IOException {
    assertEquals(0, run.exitCode(), run.output());
    Path out = tmp.resolve("out-run");
    String manifest = Files.readString(out.resolve("_manifest.json"));
    assertTrue(manifest.contains("\"as_of\": \"2025-12-31\""), manifest);
    assertTrue(manifest.contains("\"min_cell\": 1"), manifest);
    for (String table : List.of("cohort_outcomes", "program_participation", "data_quality")) {
      assertTrue(spark().read().parquet(out.resolve(table).toString()).count() > 0, table + " has rows");
    }
  }

  @Test
  void jobsRun_local1_writesTheSameTablesAsTheJobInThisJvm_local2() {
    assertEquals(0, run.exitCode(), run.output());
    assertSameTables(inJvmOut, tmp.resolve("out-run"), "jobs/run local[1] vs runCli local[2]");
  }

  @Test
  void jobsSubmit_local2_fromAnotherFolder_writesTheSameTables() {
    assertEquals(0, submit.exitCode(), submit.output());
    assertTrue(Files.exists(tmp.resolve("out-submit").resolve("_manifest.json")),
        "relative --output is taken from the caller's folder\n" + submit.output());
    assertSameTables(inJvmOut, tmp.resolve("out-submit"), "jobs/submit local[2] vs runCli local[2]");
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
