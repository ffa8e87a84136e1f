package id.reintegrasi.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.io.Pseudonymiser;
import id.reintegrasi.job.ReintegrationJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full job over the row-level bad-input corpus, three times (the runs are expensive, so this
 * class shares them): lenient, lenient with --pseudonymise, and strict. Everything the job logs
 * (an in-memory appender on the root logger) and prints on stderr is scanned for the corpus's
 * identifier values (person, release, enrollment, event and session ids); none may appear. The
 * same runs check the job-level results: the quarantine and the strict message match the
 * corpus's expectations, and pseudonymisation leaves every table unchanged and no raw person id
 * in any output file.
 */
class LogPrivacyTest extends SparkTestBase {
  @TempDir
  static Path tmp;

  private static final StringWriter logs = new StringWriter();
  /** What the three runs logged (the tests' own reads later log to {@link #logs} too). */
  private static String jobLogs;
  private static WriterAppender appender;
  private static final List<String> errors = new ArrayList<>();
  private static int plainExit;
  private static int pseudonymExit;
  private static int strictExit;

  @BeforeAll
  static void runTheJobWithLogsCaptured() {
    spark(); // session start-up logs are not the job's
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    appender = WriterAppender.newBuilder().setName("log-privacy-capture").setTarget(logs)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n%throwable").build()).build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    ctx.updateLoggers();
    PrintStream stderr = System.err;
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    System.setErr(new PrintStream(direct, true, StandardCharsets.UTF_8));
    try {
      plainExit = run(Map.of(), "plain");
      pseudonymExit = run(Map.of(Pseudonymiser.ENV, PseudonymisationTest.KEY), "pseudonymised", "--pseudonymise");
      strictExit = run(Map.of(), "strict", "--strict");
    } finally {
      System.setErr(stderr);
      errors.add(direct.toString(StandardCharsets.UTF_8));
      jobLogs = logs.toString();
    }
  }

  @AfterAll
  static void removeAppender() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
    ctx.updateLoggers();
    appender.stop();
  }

  private static int run(Map<String, String> env, String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input", BadInputCorpus.rowsInput().toString(),
        "--output", tmp.resolve(name).toString(), "--as-of", BadInputCorpus.AS_OF.toString(), "--min-cell", "1"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ReintegrationJob.runCli(args.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    errors.add(name + " stderr: " + err.toString(StandardCharsets.UTF_8));
    errors.add(name + " stdout: " + out.toString(StandardCharsets.UTF_8));
    return code;
  }

  @Test
  void noIdentifierValue_inAnyLogLineOrErrorMessage() {
    String captured = logs + "\n" + String.join("\n", errors);
    // The capture works: the job's own stage lines and the strict message are there.
    assertTrue(captured.contains("Stage 'validate releases'"), captured);
    assertTrue(captured.contains("--strict stops at the first bad row"), captured);
    List<String> ids = BadInputCorpus.identifiers(BadInputCorpus.rowsInput());
    assertTrue(ids.size() > 60, "identifiers taken from the input files: " + ids);
    List<String> leaks = captured.lines().filter(line -> ids.stream().anyMatch(line::contains)).toList();
    assertEquals(List.of(), leaks);
  }

  /** A finished run ends with what a reader of the log needs to compare it with another run. */
  @Test
  void aFinishedRun_logsItsTimeHeapAndCpu() {
    assertTrue(java.util.regex.Pattern.compile("Done in [0-9.]+ s: \\d+ tables written").matcher(jobLogs).find(), jobLogs);
    assertTrue(java.util.regex.Pattern.compile("Peak driver heap \\d+ MB of \\d+ MB").matcher(jobLogs).find(), jobLogs);
    java.util.regex.Matcher cpu = java.util.regex.Pattern
        .compile("Driver JVM CPU (\\d+) s since it started [^,\\n]*(?:, of which the JIT compiler threads (\\d+) s)?").matcher(jobLogs);
    assertTrue(cpu.find(), jobLogs);
    // This JVM has run Spark jobs before the line: seconds of CPU at least.
    assertTrue(Long.parseLong(cpu.group(1)) >= 1, cpu.group());
    if (Files.isDirectory(Path.of("/proc/self/task"))) {
      assertTrue(cpu.group(2) != null && Long.parseLong(cpu.group(2)) <= Long.parseLong(cpu.group(1)), cpu.group());
    }
    // Then the executors' CPU time per stage, named as in the stages' own lines.
    java.util.regex.Matcher stages = java.util.regex.Pattern
        .compile("Executor CPU by stage: (.*); all ([0-9.]+) s").matcher(jobLogs);
    assertTrue(stages.find(), jobLogs);
    assertTrue(stages.group(1).matches("(.* )?validate training rows [0-9.]+ s \\(\\d+ tasks?\\)(,.*)?"), stages.group());
    assertTrue(stages.group(1).contains("analysis table "), stages.group());
  }

  /** Spark quiet: none of its warnings that come with every run reach the analyst's log. */
  @Test
  void noWarningOfSparkOrHadoop_inThreeRuns() {
    List<String> foreign = jobLogs.lines()
        .filter(line -> line.startsWith("WARN ") || line.startsWith("ERROR "))
        .filter(line -> !line.contains(" id.reintegrasi.")).toList();
    assertEquals(List.of(), foreign);
  }

  @Test
  void strict_exits2_withTheExactMessageOfTheFirstBadRow() {
    assertEquals(2, strictExit);
    String expected = BadInputCorpus.tsv("rows/strict.tsv").stream().filter(f -> f[0].equals("releases"))
        .findFirst().orElseThrow()[1];
    assertTrue(errors.contains("strict stderr: reintegrasi: " + expected + "\n"), String.join("\n", errors));
    assertTrue(!Files.exists(tmp.resolve("strict")), "nothing written where a reader would take it for a result");
  }

  @Test
  void lenient_quarantineParquet_holdsExactlyTheExpectedRows() {
    assertEquals(0, plainExit);
    List<String> actual = spark().read().parquet(tmp.resolve("plain/_quarantine/*").toString())
        .select("source_file", "line", "column", "rule", "message").collectAsList().stream()
        .map(r -> r.get(0) + "\t" + r.get(1) + "\t" + (r.get(2) == null ? "-" : r.get(2)) + "\t" + r.get(3)
            + "\tERROR\t" + r.get(4)).sorted().toList();
    assertEquals(BadInputCorpus.expected().stream().filter(e -> e.severity().equals("ERROR"))
        .map(BadInputCorpus.Expected::toString).sorted().collect(Collectors.joining("\n")), String.join("\n", actual));
  }

  private static List<String> tables(Path out) throws Exception {
    try (Stream<Path> dirs = Files.list(out)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
          .filter(n -> !n.startsWith("_")).sorted().toList();
    }
  }

  @Test
  void pseudonymised_summariesAreUnchanged() throws Exception {
    assertEquals(0, pseudonymExit);
    List<String> tables = tables(tmp.resolve("plain"));
    assertEquals(tables, tables(tmp.resolve("pseudonymised")));
    assertTrue(tables.contains("cohort_outcomes") && tables.contains("program_effect"), tables.toString());
    for (String table : tables) {
      assertEquals(sortedRows(spark().read().parquet(tmp.resolve("plain").resolve(table).toString())),
          sortedRows(spark().read().parquet(tmp.resolve("pseudonymised").resolve(table).toString())), table);
    }
    String manifest = Files.readString(tmp.resolve("pseudonymised/_manifest.json"));
    assertTrue(manifest.contains("\"pseudonymised\": true"), manifest);
    assertTrue(manifest.contains("\"pseudonym_key_id\": \"" + Pseudonymiser.of(
        PseudonymisationTest.KEY.getBytes(StandardCharsets.UTF_8), "t").keyId() + "\""), manifest);
  }

  @Test
  void pseudonymised_noRawPersonId_inAnyOutputFile_quarantineIncluded() throws Exception {
    Path out = tmp.resolve("pseudonymised");
    List<Dataset<Row>> frames = new ArrayList<>();
    for (String table : tables(out)) {
      frames.add(spark().read().parquet(out.resolve(table).toString()));
    }
    try (Stream<Path> q = Files.list(out.resolve("_quarantine"))) {
      q.forEach(d -> frames.add(spark().read().parquet(d.toString())));
    }
    List<String> written = PseudonymisationTest.asJson(frames);
    List<String> raw = PseudonymisationTest.rawPersonIds();
    assertEquals(List.of(), written.stream().filter(line -> raw.stream().anyMatch(line::contains)).toList());
    // The plain run's quarantine does hold them: the scan can fail.
    assertTrue(PseudonymisationTest.asJson(List.of(spark().read().parquet(tmp.resolve("plain/_quarantine/releases").toString())))
        .stream().anyMatch(line -> line.contains("PID-0101")));
  }
}
