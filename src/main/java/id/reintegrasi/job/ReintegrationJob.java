package id.reintegrasi.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.effect.DoseResponse;
import id.reintegrasi.effect.EffectPopulation;
import id.reintegrasi.effect.Matching;
import id.reintegrasi.effect.MouDid;
import id.reintegrasi.effect.ProgramEffects;
import id.reintegrasi.effect.Reintegration;
import id.reintegrasi.effect.SurvivalCurves;
import id.reintegrasi.io.ColumnMapping;
import id.reintegrasi.io.InputException;
import id.reintegrasi.io.InputReader;
import id.reintegrasi.io.Json;
import id.reintegrasi.io.OutputWriter;
import id.reintegrasi.report.ReportData;
import id.reintegrasi.report.ReportWriter;
import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.InputDatasets;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import id.reintegrasi.summary.CohortOutcomes;
import id.reintegrasi.summary.DataQuality;
import id.reintegrasi.summary.ProgramParticipation;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The reintegration job: reads the contract's input datasets, validates them (quarantining bad
 * rows), builds one analysis row per release and writes the summaries as Parquet, all or nothing.
 */
public final class ReintegrationJob {
  private static final Logger LOG = LogManager.getLogger(ReintegrationJob.class);

  /** Survival curves are published every 30 days, with cumulative counts. */
  static final int SURVIVAL_GRID_DAYS = 30;

  /** Exit code for bad options or unusable input. */
  public static final int EXIT_INPUT = 2;

  /** What a run produced. */
  public record Result(LocalDate asOf, Map<String, Long> tables, Map<String, Long> quarantine,
      List<DataQuality.DatasetCounts> inputs) {}

  private ReintegrationJob() {}

  public static void main(String[] args) {
    System.exit(runCli(args, System.out, System.err, null));
  }

  /**
   * Parses the options, runs the job and returns the exit code. With {@code session} null the
   * job makes a session of its own and stops it at the end; a given session is left running.
   */
  public static int runCli(String[] args, PrintStream out, PrintStream err, SparkSession session) {
    return runCli(args, System.getenv(), out, err, session);
  }

  /** As {@link #runCli(String[], PrintStream, PrintStream, SparkSession)}, with {@code env} as the environment. */
  public static int runCli(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
      SparkSession session) {
    JobOptions options;
    try {
      options = OptionsParser.parse(env, args);
    } catch (OptionsParser.HelpRequested e) {
      out.print(OptionsParser.help());
      return 0;
    } catch (OptionsParser.UsageException e) {
      err.println("reintegrasi: " + e.getMessage());
      return EXIT_INPUT;
    }
    SparkSession spark;
    try {
      spark = session != null ? session : SparkSessions.create(options.master(),
          SparkSessions.showProgress(System.getProperty(SparkSessions.PROGRESS_PROPERTY), System.console() != null));
    } catch (RuntimeException e) {
      err.println("reintegrasi: cannot start Spark with --master " + options.master() + ": " + e.getMessage());
      return EXIT_INPUT;
    }
    try {
      run(spark, options, LocalDate.now(ZoneOffset.UTC));
      return 0;
    } catch (InputException e) {
      LOG.error("Input problem: {}", e.getMessage());
      err.println("reintegrasi: " + e.getMessage());
      return EXIT_INPUT;
    } catch (RuntimeException e) {
      LOG.error("The run failed", e);
      err.println("reintegrasi: the run failed: " + e);
      return 1;
    } finally {
      if (session == null) {
        spark.stop();
      }
    }
  }

  /**
   * Runs the job on a given session. {@code today} bounds the default as-of date, so that a
   * mistyped date in the far future cannot make every release look eligible.
   */
  public static Result run(SparkSession spark, JobOptions options, LocalDate today) {
    Instant started = Instant.now();
    LOG.info("Reintegrasi {} starting with options {}", version(), options);
    tuneShufflePartitions(spark, options);

    // The output's lock first: a second run into the same output stops before doing any work.
    OutputWriter writer = new OutputWriter(spark, options.output(), runId(started));
    List<Validated> validated = new ArrayList<>();
    StageCpu stageCpu = new StageCpu(spark.sparkContext());
    try {
      // Step 1: find every input, check its headers, and read it (lazily).
      ColumnMapping columns = options.columns().map(f -> ColumnMapping.read(java.nio.file.Path.of(f)))
          .orElse(ColumnMapping.NONE);
      if (!columns.isEmpty()) {
        LOG.info("Column mapping {}: {}", options.columns().get(), columns.describe());
      }
      InputReader reader = new InputReader(spark, options.input(), options.dateFormat(), columns,
          options.pseudonymiser());
      Map<String, InputReader.Read> reads = timed("read inputs", () -> {
        Map<String, InputReader.Read> found = new LinkedHashMap<>();
        for (DatasetSpec spec : InputDatasets.ALL) {
          reader.locate(spec).ifPresent(source -> found.put(spec.name(), reader.read(source)));
        }
        return found;
      });

      // Step 2: the as-of date: given, or the latest event date in the inputs (never after today).
      JobOptions opts = options.asOf().isPresent() ? options
          : options.withAsOf(timed("derive as-of date", () -> latestEventDate(reads, today)));
      LocalDate asOf = opts.asOf().orElseThrow();
      LOG.info("As-of date {} ({})", asOf, options.asOf().isPresent() ? "given" : "latest event date in the inputs");

      // Step 3: validate. The references are checked against clean rows, so programs wait for
      // the MoUs, enrollments for releases and programs, reoffences for releases; training reads
      // its rows at once and checks them against programs afterwards. The rest goes side by side
      // (releases, often one big file and so one task, beside the catalogue and training). A
      // strict run reports the first bad dataset in the order releases, mous, programs,
      // enrollments, training, reoffences, followups, as when run one by one.
      InputValidator validator = new InputValidator(asOf, opts.dateFormat(), opts.strict(), writer::stash);
      Validated releases;
      Validated mous;
      Validated programs;
      Validated enrollments;
      Validated training;
      Validated reoffences;
      Validated followups;
      try (SideBySide steps = new SideBySide("validate", VALIDATION_THREADS, spark.sparkContext())) {
        var mousStep = steps.start(() -> timed("validate mous", () -> validator.mous(reads.get(Mous.NAME))));
        var releasesStep = steps.start(() -> timed("validate releases", () -> validator.releases(reads.get(Releases.NAME))));
        var trainingRowsStep = steps.start(() -> timed("validate training rows", () -> validator.trainingRows(reads.get(Training.NAME))));
        var programsStep = steps.after(mousStep,
            m -> timed("validate programs", () -> validator.programs(reads.get(Programs.NAME), m.clean())));
        var trainingStep = steps.after(trainingRowsStep, programsStep,
            (rows, p) -> timed("validate training", () -> validator.training(rows, p.clean())));
        var enrollmentsStep = steps.after(releasesStep, programsStep, (r, p) -> timed("validate enrollments",
            () -> validator.enrollments(reads.get(Enrollments.NAME), p.clean(), r.clean())));
        var reoffencesStep = steps.after(releasesStep,
            r -> timed("validate reoffences", () -> validator.reoffences(reads.get(Reoffences.NAME), r.clean())));
        var followupsStep = reads.containsKey(Followups.NAME)
            ? steps.after(releasesStep, r -> timed("validate followups", () -> validator.followups(reads.get(Followups.NAME))))
            : java.util.concurrent.CompletableFuture.<Validated>completedFuture(null);
        steps.awaitAll();
        releases = SideBySide.result(releasesStep);
        mous = SideBySide.result(mousStep);
        programs = SideBySide.result(programsStep);
        enrollments = SideBySide.result(enrollmentsStep);
        training = SideBySide.result(trainingStep);
        reoffences = SideBySide.result(reoffencesStep);
        followups = SideBySide.result(followupsStep);
      }
      validated.addAll(List.of(releases, mous, programs, enrollments, training, reoffences));
      if (followups != null) {
        validated.add(followups);
      }

      // Step 4: data quality, one pass over each dataset's work copy; steps 5 to 7: the
      // release-level analysis table, reused by every summary; the effects of programs and MoUs
      // against matched comparison groups; the summaries, staged. Side by side where one does not
      // need another (data quality and program_participation read only the validated inputs).
      ReleaseAnalysis.Params params = new ReleaseAnalysis.Params(asOf, opts.windows(),
          opts.waitingMonths(), opts.countedEventTypes(), opts.landmarkDays());
      EffectPopulation.Params ep = new EffectPopulation.Params(asOf, opts.waitingMonths(),
          opts.longestWindow(), opts.landmarkDays());
      Map<String, String> names = subjectNames(programs.clean(), mous.clean());
      DataQuality.Result quality;
      try (SideBySide steps = new SideBySide("summarise", SUMMARY_THREADS, spark.sparkContext())) {
        var qualityStep = steps.start(() -> {
          DataQuality.Result q = timed("data quality", () -> DataQuality.compute(spark, validated));
          for (DataQuality.DatasetCounts c : q.counts()) {
            LOG.info("Input {}: {} rows, {} quarantined, {} blank lines", c.dataset(), c.rows(),
                c.quarantined(), c.blankLines());
          }
          return q;
        });
        var analysisStep = steps.start(() -> {
          Dataset<Row> table = timed("analysis table", () -> writer.stash("analysis",
              ReleaseAnalysis.build(releases.clean(), programs.clean(), enrollments.clean(), training.clean(),
                  reoffences.clean(), followups == null ? null : followups.clean(), params)));
          LOG.info("Analysis table: {} releases", table.count());
          return table;
        });
        steps.start(() -> timedRows("write " + ProgramParticipation.NAME, () -> writer.table(ProgramParticipation.NAME,
            ProgramParticipation.compute(programs.clean(), enrollments.clean(), training.clean(), opts.minCell()))));
        // Of the steps ready at once, the first added starts first: the populations before the
        // other users of the analysis table, survival and matching (program_effect waits for both)
        // before the rest of the populations' users.
        var populationStep = steps.after(analysisStep, analysis -> timed("effect populations",
            () -> writer.stash("population", EffectPopulation.of(analysis, Programs.IN_CUSTODY, ep)
                .unionByName(EffectPopulation.of(analysis, Programs.POST_RELEASE, ep)))));
        var survivalStep = steps.after(populationStep, population -> timed("survival curves",
            () -> SurvivalCurves.compute(spark, population, opts.minCell(), SURVIVAL_GRID_DAYS,
                days -> writer.stash("survival-days", days))));
        var matchedStep = steps.after(populationStep, population -> timed("matching",
            () -> Matching.match(ProgramEffects.longTable(population), ReleaseAnalysis.COVARIATES)));
        var employmentStep = steps.after(populationStep, population -> timed("matching for employment",
            () -> Matching.match(Reintegration.longTable(population, asOf), ReleaseAnalysis.COVARIATES)));
        steps.after(analysisStep, analysis -> timedRows("write " + CohortOutcomes.NAME,
            () -> writer.table(CohortOutcomes.NAME, CohortOutcomes.compute(analysis, opts.minCell()))));
        steps.after(populationStep, population -> timedRows("write " + DoseResponse.NAME,
            () -> writer.table(DoseResponse.NAME, DoseResponse.compute(population, opts.minCell()))));
        steps.after(analysisStep, analysis -> timedRows("write " + MouDid.NAME, () -> writer.table(MouDid.NAME,
            MouDid.compute(spark, analysis, programs.clean(), mous.clean(), opts.windows(), opts.minCell()))));
        steps.after(survivalStep, survival -> timedRows("write " + SurvivalCurves.NAME,
            () -> writer.table(SurvivalCurves.NAME, survival.table())));
        steps.after(matchedStep, survivalStep, (matched, survival) -> {
          ProgramEffects.Tables effects = ProgramEffects.compute(spark, matched, names, survival.logRankP(),
              survival.naiveLogRankP(),
              new ProgramEffects.Params(opts.minCell(), opts.minTreated(), opts.headlineWindow(), opts.countArrests()));
          timedRows("write " + ProgramEffects.EFFECT_TABLE,
              () -> writer.table(ProgramEffects.EFFECT_TABLE, effects.effects()));
          return timedRows("write " + ProgramEffects.BALANCE_TABLE,
              () -> writer.table(ProgramEffects.BALANCE_TABLE, effects.balance()));
        });
        steps.after(employmentStep, employment -> timedRows("write " + Reintegration.NAME,
            () -> writer.table(Reintegration.NAME, Reintegration.compute(spark, employment, opts.minCell()))));
        steps.after(qualityStep, q -> timedRows("write " + DataQuality.NAME, () -> writer.table(DataQuality.NAME, q.table())));
        steps.awaitAll();
        steps.throwFirstFailure();
        quality = SideBySide.result(qualityStep);
        LOG.info("Matching: {} subject-window cells for the effects, {} for employment",
            SideBySide.result(matchedStep).subjects().size(), SideBySide.result(employmentStep).subjects().size());
      }
      for (Validated v : validated) {
        DataQuality.DatasetCounts c = quality.counts().stream()
            .filter(x -> x.dataset().equals(v.name())).findFirst().orElseThrow();
        if (c.quarantined() > 0) {
          timedRows("write quarantine " + v.name(), () -> writer.quarantine(v.name(), v.quarantine()));
        }
      }
      // The report reads back what was just written, so it shows exactly the published (suppressed) numbers.
      long reportBytes = timed("write " + ReportWriter.FILE, () -> {
        String html = ReportWriter.render(ReportData.load(spark, writer::staged, reportMeta(opts, mous.clean())), opts.lang());
        writer.text(ReportWriter.FILE, html);
        return (long) html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      });
      Instant finished = Instant.now();
      writer.text(OutputWriter.MANIFEST, Json.write(manifest(spark, opts, options.asOf().isPresent(),
          columns, validated, quality.counts(), writer, reportBytes, started, finished)));

      // Step 8: move everything into place at once.
      writer.commit();
      LOG.info("Done in {} s: {} tables written to {}", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0,
          writer.tables().size(), opts.output());
      LOG.info("Peak driver heap {} MB of {} MB (sum of the heap pools' peaks)", JvmUsage.peakHeapMb(),
          Runtime.getRuntime().maxMemory() >> 20);
      JvmUsage.cpuSummary().ifPresent(LOG::info);
      LOG.info(stageCpu.summary());
      return new Result(asOf, writer.tables(), writer.quarantineCounts(), quality.counts());
    } catch (RuntimeException e) {
      writer.abort();
      throw e;
    } finally {
      stageCpu.close();
    }
  }

  /**
   * Driver threads that submit validation jobs side by side: training's rows, releases, the
   * catalogue chain and one of the datasets that wait for releases at once. Tasks, and so memory,
   * stay bounded by the cores whatever the number of threads.
   */
  private static final int VALIDATION_THREADS = 4;
  /** Driver threads for the summaries: data quality, the analysis table and program_participation at first. */
  private static final int SUMMARY_THREADS = 3;

  /** Program and MoU names for the plain-language sentences, keyed "LEVEL:id". */
  private static Map<String, String> subjectNames(Dataset<Row> programs, Dataset<Row> mous) {
    Map<String, String> names = new java.util.TreeMap<>();
    // The catalogues are small: a few hundred rows at most.
    for (Row r : programs.select(Programs.PROGRAM_ID, Programs.PROGRAM_NAME).collectAsList()) {
      names.put(EffectPopulation.PROGRAM + ":" + r.getString(0), r.getString(1));
    }
    for (Row r : mous.select(Mous.MOU_ID, Mous.TITLE).collectAsList()) {
      names.put(EffectPopulation.MOU + ":" + r.getString(0), "MoU " + r.getString(1));
    }
    names.put(EffectPopulation.ALL_MOU + ":" + EffectPopulation.ALL_MOU, "semua program MoU (all MoU programs)");
    return names;
  }

  /** The run's facts the report needs beside the tables; the MoU catalogue is small. */
  private static ReportData.Meta reportMeta(JobOptions opts, Dataset<Row> mous) {
    List<ReportData.Mou> list = new ArrayList<>();
    for (Row r : mous.select(Mous.MOU_ID, Mous.TITLE, Mous.PARTIES, Mous.SIGNED_DATE).collectAsList()) {
      list.add(new ReportData.Mou(r.getString(0), r.getString(1), r.getString(2), r.isNullAt(3) ? null : r.getLocalDate(3)));
    }
    return new ReportData.Meta(opts.asOf().orElseThrow(), opts.headlineWindow(), opts.waitingMonths(), opts.minCell(),
        opts.countArrests(), opts.minTreated(), opts.landmarkDays(), list);
  }

  static <T> T timed(String stage, Supplier<T> body) {
    long start = System.nanoTime();
    T result = StageCpu.during(stage, body);
    LOG.info("Stage '{}' took {} ms", stage, (System.nanoTime() - start) / 1_000_000);
    return result;
  }

  /** A stage that writes a table: its row count is known from the write, so the log says it too. */
  static long timedRows(String stage, Supplier<Long> body) {
    long start = System.nanoTime();
    long rows = StageCpu.during(stage, body);
    LOG.info("Stage '{}' took {} ms: {} rows", stage, (System.nanoTime() - start) / 1_000_000, rows);
    return rows;
  }

  /**
   * The latest event date of the inputs not after today: when the data were extracted. A pass of
   * its own over each dated input: parsing a CSV file again costs less than keeping its parsed
   * rows for validation (at 1M releases, 14 s against about 70 s for caching 30M training rows).
   */
  static LocalDate latestEventDate(Map<String, InputReader.Read> reads, LocalDate today) {
    LocalDate latest = null;
    for (InputReader.Read read : reads.values()) {
      List<String> dates = InputValidator.eventDateColumns(read.source().spec().name());
      if (dates.isEmpty()) {
        continue;
      }
      Column[] capped = dates.stream()
          .map(d -> when(col(d).leq(lit(today)), col(d))).toArray(Column[]::new);
      Row row = read.rows().agg(max(capped.length == 1 ? capped[0] : greatest(capped))).first();
      if (!row.isNullAt(0)) {
        LocalDate date = row.getLocalDate(0);
        latest = latest == null || date.isAfter(latest) ? date : latest;
      }
    }
    if (latest == null) {
      throw new InputException("No event date found in the inputs to derive the as-of date from: give --as-of.");
    }
    return latest;
  }

  private static void tuneShufflePartitions(SparkSession spark, JobOptions options) {
    int partitions = options.shufflePartitions();
    if (partitions == 0) {
      // Adaptive execution coalesces small shuffles; this sets the upper bound it starts from.
      long bytes = InputSize.bytes(spark, options.input());
      int cores = spark.sparkContext().defaultParallelism();
      partitions = (int) Math.max(cores, Math.min(2000, bytes / (64L << 20) * 2));
    }
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    LOG.info("Shuffle partitions: {}", partitions);
  }

  private static String runId(Instant started) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(started)
        + "-" + ProcessHandle.current().pid();
  }

  static String version() {
    try (java.io.InputStream in = ReintegrationJob.class.getResourceAsStream("/id/reintegrasi/version.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (java.io.IOException e) {
      return "dev";
    }
  }

  private static Map<String, Object> manifest(SparkSession spark, JobOptions opts, boolean asOfGiven,
      ColumnMapping columns, List<Validated> validated, List<DataQuality.DatasetCounts> counts, OutputWriter writer,
      long reportBytes,
      Instant started, Instant finished) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", "reintegrasi");
    m.put("version", version());
    m.put("started", started.toString());
    m.put("finished", finished.toString());
    m.put("duration_seconds", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
    m.put("as_of", opts.asOf().orElseThrow().toString());
    m.put("as_of_source", asOfGiven ? "option" : "latest event date in the inputs");
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("windows", opts.windows());
    o.put("headline_window", opts.headlineWindow());
    o.put("waiting_months", opts.waitingMonths());
    o.put("counted_event_types", opts.countedEventTypes());
    o.put("min_cell", opts.minCell());
    o.put("strict", opts.strict());
    o.put("date_format", opts.dateFormat());
    o.put("min_treated", opts.minTreated());
    o.put("landmark_days", opts.landmarkDays());
    // The mapping itself, not the file's path: the path says nothing on another machine.
    o.put("column_mapping", columns.describe());
    o.put("pseudonymised", opts.pseudonymiser() != null);
    if (opts.pseudonymiser() != null) {
      // Same key id in two runs: their person pseudonyms link. The key itself is never written.
      o.put("pseudonym_key_id", opts.pseudonymiser().keyId());
    }
    o.put("lang", opts.lang().code());
    m.put("options", o);
    List<Object> inputs = new ArrayList<>();
    for (Validated v : validated) {
      DataQuality.DatasetCounts c = counts.stream().filter(x -> x.dataset().equals(v.name())).findFirst().orElseThrow();
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("dataset", v.name());
      i.put("format", v.read().source().format().name().toLowerCase());
      i.put("files", v.read().source().names());
      i.put("rows", c.rows());
      i.put("clean_rows", c.clean());
      i.put("quarantined_rows", c.quarantined());
      i.put("blank_lines", c.blankLines());
      i.put("unknown_columns", v.read().unknownColumns());
      inputs.add(i);
    }
    m.put("inputs", inputs);
    List<Object> outputs = new ArrayList<>();
    writer.tables().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        outputs.add(ordered("table", e.getKey(), "rows", e.getValue())));
    outputs.add(ordered("file", ReportWriter.FILE, "bytes", reportBytes, "language", opts.lang().code()));
    m.put("outputs", outputs);
    List<Object> quarantined = new ArrayList<>();
    writer.quarantineCounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        quarantined.add(ordered("dataset", e.getKey(), "rows", e.getValue(),
            "path", OutputWriter.QUARANTINE + "/" + e.getKey())));
    m.put("quarantine", quarantined);
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("reintegrasi", version());
    versions.put("spark", spark.version());
    versions.put("java", System.getProperty("java.version"));
    m.put("versions", versions);
    return m;
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
