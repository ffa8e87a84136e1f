package id.reintegrasi.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark behind {@code jobs/benchmark}: for each scale, generates the input (or reuses it),
 * runs the full job with {@code jobs/run} exactly as a user would (a child JVM with the driver
 * heap asked for), and reports the wall time and executor CPU time per stage, the wall time in total, input rows per second, the
 * driver's peak heap and its JVM's CPU time and JIT compilation time (both logged by the job),
 * peak resident memory (read from /proc while it runs), and DuckDB's time for the headline
 * numbers on the same files with the check that both agree.
 *
 * <p>Timing is the point here, so nothing in the unit test suite calls this.
 */
public final class Benchmark {
  private static final Pattern STAGE = Pattern.compile("Stage '(.+)' took (\\d+) ms");
  private static final Pattern HEAP = Pattern.compile("Peak driver heap (\\d+) MB");
  private static final Pattern STAGE_CPU = Pattern.compile("Executor CPU by stage: (.*); all [0-9.]+ s");
  private static final Pattern ONE_STAGE_CPU = Pattern.compile("(.+) ([0-9.]+) s \\(\\d+ tasks?\\)");
  private static final Pattern CPU = Pattern.compile("Driver JVM CPU (\\d+) s since it started [^,\\n]*(?:, of which the JIT compiler threads (\\d+) s)?");
  private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

  record Options(List<Integer> scales, String format, Path data, Path results, String driverMemory, boolean keepOutput,
      String courseSessions) {}

  /**
   * Sessions per in-custody course, times the catalogue's: 4 gives about 40 training rows per
   * enrollment, so 1M releases come with about 30M training rows, the scale the targets name.
   */
  private static final String COURSE_SESSIONS_DEFAULT = "4";

  /** What one scale measured. */
  record Measured(int releases, long inputRows, long inputBytes, double generateSeconds, double jobSeconds,
      Map<String, Long> stages, Map<String, Double> stageCpuSeconds, long peakHeapMb, long peakRssMb, long cpuSeconds, long jitSeconds, int exitCode,
      DuckDbHeadlines.Result duck) {}

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Path project = Path.of(System.getProperty("reintegrasi.project.dir", ".")).toAbsolutePath().normalize();
    Files.createDirectories(o.data());
    Files.createDirectories(o.results().toAbsolutePath().getParent());
    List<Measured> all = new ArrayList<>();
    try (PrintStream file = new PrintStream(Files.newOutputStream(o.results()), true, StandardCharsets.UTF_8)) {
      Tee out = new Tee(System.out, file);
      out.println("# Reintegrasi benchmark " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors()
          + " cores, Java " + System.getProperty("java.version") + ", driver heap " + o.driverMemory()
          + ", input " + o.format() + ", course sessions x" + o.courseSessions());
      for (int n : o.scales()) {
        Measured m = measure(project, o, n, out);
        all.add(m);
        report(m, out);
        if (m.exitCode() != 0) {
          out.println("The job failed at " + n + " releases; stopping.");
          break;
        }
      }
      summary(all, out);
    }
    System.out.println("Results written to " + o.results());
    boolean ok = all.stream().allMatch(m -> m.exitCode() == 0 && m.duck() != null && m.duck().ok());
    System.exit(ok ? 0 : 1);
  }

  private static Measured measure(Path project, Options o, int n, Tee out) throws IOException, InterruptedException {
    Path input = o.data().resolve(o.format() + "-" + n + "-s" + o.courseSessions());
    double generate = 0;
    if (!Files.exists(input.resolve(".complete"))) {
      out.println("\n## Generating " + n + " releases (" + o.format() + ") into " + input);
      long t = System.nanoTime();
      int code = run(project, List.of("jobs/generate", "--output", input.toString(), "--releases", Integer.toString(n),
          "--format", o.format(), "--as-of", AS_OF.toString(), "--course-sessions", o.courseSessions()), Map.of(), input.resolveSibling(input.getFileName() + ".generate.log"), null);
      if (code != 0) {
        throw new IllegalStateException("jobs/generate failed with exit code " + code);
      }
      generate = (System.nanoTime() - t) / 1e9;
      Files.writeString(input.resolve(".complete"), "");
    } else {
      out.println("\n## Reusing " + input);
    }
    Path output = o.data().resolve("out-" + o.format() + "-" + n);
    Path log = o.data().resolve("job-" + o.format() + "-" + n + ".log");
    out.println("Running the job on " + n + " releases (log: " + log + ")");
    long[] peakRss = {0};
    long t = System.nanoTime();
    int code = run(project, List.of("jobs/run", "--input", input.toString(), "--output", output.toString(),
        "--as-of", AS_OF.toString()), Map.of("REINTEGRASI_DRIVER_MEMORY", o.driverMemory()), log, peakRss);
    double seconds = (System.nanoTime() - t) / 1e9;
    String text = Files.readString(log);
    Map<String, Long> stages = new LinkedHashMap<>();
    Matcher s = STAGE.matcher(text);
    while (s.find()) {
      stages.put(s.group(1), Long.parseLong(s.group(2)));
    }
    // Stages overlap in time; their executor CPU times add up (the job's last line).
    Map<String, Double> stageCpu = new LinkedHashMap<>();
    Matcher sc = STAGE_CPU.matcher(text);
    if (sc.find()) {
      for (String part : sc.group(1).split(", ")) {
        Matcher one = ONE_STAGE_CPU.matcher(part);
        if (one.matches()) {
          stageCpu.put(one.group(1), Double.parseDouble(one.group(2)));
        }
      }
    }
    Matcher h = HEAP.matcher(text);
    long heap = h.find() ? Long.parseLong(h.group(1)) : -1;
    // Beside the wall time, the CPU time says whether a slower run did more work or waited more.
    Matcher c = CPU.matcher(text);
    boolean cpu = c.find();
    long cpuSeconds = cpu ? Long.parseLong(c.group(1)) : -1;
    long jitSeconds = cpu && c.group(2) != null ? Long.parseLong(c.group(2)) : -1;
    DuckDbHeadlines.Result duck = null;
    if (code == 0) {
      out.println("DuckDB: recomputing the headline numbers from the same files");
      duck = DuckDbHeadlines.run(input, output, AS_OF, 12, 6);
      if (!o.keepOutput()) {
        deleteTree(output);
      }
    }
    long[] rowsBytes = inputSize(input);
    return new Measured(n, rowsBytes[0], rowsBytes[1], generate, seconds, stages, stageCpu, heap, peakRss[0] / 1024, cpuSeconds,
        jitSeconds, code, duck);
  }

  private static void report(Measured m, Tee out) {
    out.println(String.format(Locale.ROOT, "### %,d releases: %,d input rows, %,.0f MB", m.releases(), m.inputRows(),
        m.inputBytes() / 1e6));
    if (m.generateSeconds() > 0) {
      out.println(String.format(Locale.ROOT, "generate: %.1f s", m.generateSeconds()));
    }
    for (Map.Entry<String, Long> e : m.stages().entrySet()) {
      Double cpu = m.stageCpuSeconds().get(e.getKey());
      out.println(String.format(Locale.ROOT, "  %-40s %9.1f s wall %9s s executor CPU", e.getKey(), e.getValue() / 1000.0,
          cpu == null ? "-" : String.format(Locale.ROOT, "%.1f", cpu)));
    }
    out.println(String.format(Locale.ROOT, "job: exit %d, %.1f s wall, %,.0f input rows/s, peak driver heap %d MB,"
        + " peak RSS %d MB, CPU %s s of which JIT %s s", m.exitCode(), m.jobSeconds(), m.inputRows() / m.jobSeconds(),
        m.peakHeapMb(), m.peakRssMb(), known(m.cpuSeconds()), known(m.jitSeconds())));
    if (m.duck() != null) {
      for (DuckDbHeadlines.Check c : m.duck().checks()) {
        out.println(String.format(Locale.ROOT, "duckdb check %s: %d cells compared, %d differ, %d suppressed by the job",
            c.name(), c.compared(), c.differences().size(), c.suppressed()));
        c.differences().stream().limit(10).forEach(d -> out.println("    " + d));
      }
      out.println(String.format(Locale.ROOT, "duckdb: %.1f s for the headlines; job / duckdb = %.1f; agree: %s",
          m.duck().millis() / 1000.0, m.jobSeconds() * 1000 / Math.max(1, m.duck().millis()), m.duck().ok() ? "yes" : "NO"));
    }
  }

  /** A reading the job's log did not give (-1) as "-". */
  private static String known(long value) {
    return value < 0 ? "-" : Long.toString(value);
  }

  private static void summary(List<Measured> all, Tee out) {
    out.println("\n## Summary");
    out.println("| releases | input rows | job s | CPU s | JIT s | rows/s | peak heap MB | peak RSS MB | DuckDB s"
        + " | job/DuckDB | agree |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Measured m : all) {
      double duck = m.duck() == null ? Double.NaN : m.duck().millis() / 1000.0;
      out.println(String.format(Locale.ROOT, "| %,d | %,d | %.0f | %s | %s | %,.0f | %d | %d | %.1f | %.1f | %s |",
          m.releases(), m.inputRows(), m.jobSeconds(), known(m.cpuSeconds()), known(m.jitSeconds()),
          m.inputRows() / m.jobSeconds(),
          m.peakHeapMb(), m.peakRssMb(), duck,
          m.jobSeconds() / duck, m.duck() == null ? "-" : m.duck().ok() ? "yes" : "NO"));
    }
    if (all.size() >= 2) {
      Measured a = all.get(0);
      Measured b = all.get(all.size() - 1);
      double growth = (b.jobSeconds() / a.jobSeconds()) / ((double) b.releases() / a.releases());
      out.println(String.format(Locale.ROOT, "Time grew %.2f times as fast as the releases from %,d to %,d"
          + " (1.00 = linear; below 1 = the fixed cost is amortised).", growth, a.releases(), b.releases()));
    }
  }

  /** Runs a jobs/ script with output to {@code log}; samples the peak RSS of its process tree when asked. */
  private static int run(Path project, List<String> command, Map<String, String> env, Path log, long[] peakRssKb)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      while (!p.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (peakRssKb != null) {
          // jobs/run ends in exec java, so the process itself is the driver JVM; VmHWM is its peak.
          peakRssKb[0] = Math.max(peakRssKb[0], vmHwmKb(p.pid()));
        }
      }
      return p.exitValue();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static long vmHwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process has just ended, or /proc is not there (not Linux)
    }
    return 0;
  }

  /** Data rows (CSV lines minus headers, or Parquet footer counts are not read here: bytes only) and bytes. */
  private static long[] inputSize(Path input) throws IOException {
    long rows = 0;
    long bytes = 0;
    try (var files = Files.walk(input)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        bytes += Files.size(f);
        if (name.endsWith(".csv")) {
          rows += Math.max(0, lines(f) - 1);
        }
      }
    }
    if (rows == 0) {
      rows = parquetRows(input);
    }
    return new long[] {rows, bytes};
  }

  private static long lines(Path f) throws IOException {
    long n = 0;
    try (var in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  private static long parquetRows(Path input) {
    try (var db = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = db.createStatement();
        var rs = st.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata('" + input + "/**/*.parquet')")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (java.sql.SQLException e) {
      return 0;
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private static Options parse(String[] args) {
    List<Integer> scales = List.of(100_000, 1_000_000, 3_000_000);
    String format = "csv";
    Path data = Path.of("target", "benchmark");
    Path results = null;
    String memory = "4g";
    boolean keep = false;
    String courseSessions = COURSE_SESSIONS_DEFAULT;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--scales" -> scales = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
            .map(Integer::parseInt).toList();
        case "--format" -> format = args[++i];
        case "--data" -> data = Path.of(args[++i]);
        case "--results" -> results = Path.of(args[++i]);
        case "--driver-memory" -> memory = args[++i];
        case "--keep-output" -> keep = true;
        case "--course-sessions" -> courseSessions = args[++i];
        default -> {
          System.err.println("Usage: jobs/benchmark [--scales 100000,1000000,3000000] [--format csv|parquet]"
              + " [--data DIR] [--results FILE] [--driver-memory 4g] [--keep-output] [--course-sessions 4]");
          System.exit(2);
        }
      }
    }
    if (!format.equals("csv") && !format.equals("parquet")) {
      System.err.println("--format must be csv or parquet");
      System.exit(2);
    }
    if (results == null) {
      results = data.resolve("results-" + format + "-" + LocalDate.now() + ".md");
    }
    return new Options(scales, format, data.toAbsolutePath(), results.toAbsolutePath(), memory, keep, courseSessions);
  }

  /** Prints to the console and to the results file. */
  private record Tee(PrintStream a, PrintStream b) {
    void println(String s) {
      a.println(s);
      b.println(s);
    }
  }
}
