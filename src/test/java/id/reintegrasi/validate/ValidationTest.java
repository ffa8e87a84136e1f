package id.reintegrasi.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.job.ReintegrationJob;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the data contract with a bad row: in lenient mode the row is quarantined with its
 * rule and counted in data_quality, and the good rows' results do not change; in strict mode the
 * run stops with exit code 2 and a message naming file, line, column and rule.
 */
class ValidationTest extends SparkTestBase {
  private static final String AS_OF = "2025-12-31";

  @TempDir
  static Path tmp;

  /** A planted bad row: where it is and the first rule it breaks. */
  record Bad(String dataset, long line, String rule, String column) implements Comparable<Bad> {
    @Override
    public int compareTo(Bad o) {
      return toString().compareTo(o.toString());
    }
  }

  private static final List<Bad> planted = new ArrayList<>();
  /** Rows that break a check the contract does not make a rule: kept and counted as warnings. */
  private static final List<Bad> warned = new ArrayList<>();
  private static Path goodOut;
  private static Path badOut;

  static InputFixture good() {
    return InputFixture.withCatalogue()
        .program("program_id", "PRG-AGAMA", "program_name", "Bimbingan Keagamaan", "category", "KEPRIBADIAN", "mou_id", "")
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2", "release_date", "2022-03-01")
        .release("release_id", "R3", "person_id", "P3", "sex", "P", "release_type", "PB")
        .release("release_id", "R4", "person_id", "P4", "release_date", "2024-08-01")
        .enrollment("enrollment_id", "E1", "person_id", "P1")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "program_id", "PRG-AGAMA", "exit_status", "DROPPED")
        .session("session_id", "S1", "person_id", "P1")
        .session("session_id", "S2", "person_id", "P1", "session_date", "2020-03-09", "certificate", "true")
        .event("event_id", "V1", "person_id", "P1")
        .followup();
  }

  /** Adds a bad row to the fixture and remembers where it is and which rule it breaks. */
  private static void bad(InputFixture in, String dataset, String rule, String column, String... overrides) {
    planted.add(new Bad(dataset, in.nextLine(dataset), rule, column));
    in.add(dataset, overrides);
  }

  private static void warn(InputFixture in, String dataset, String rule, String column, String... overrides) {
    warned.add(new Bad(dataset, in.nextLine(dataset), rule, column));
    in.add(dataset, overrides);
  }

  @BeforeAll
  static void runGoodAndBad() throws Exception {
    // The clean input runs with --strict: strict mode accepts clean input, and its tables are the
    // reference for the lenient runs below.
    goodOut = tmp.resolve("good-out");
    assertEquals(0, run(good().writeCsv(tmp.resolve("good-in")), goodOut, "--strict"));

    InputFixture in = good();
    bad(in, Releases.NAME, "release_before_admission", "release_date", "release_id", "RB1", "person_id", "PB1",
        "admission_date", "2021-02-01", "release_date", "2021-01-31");
    bad(in, Releases.NAME, "unknown_code", "sex", "release_id", "RB2", "person_id", "PB2", "sex", "X");
    bad(in, Releases.NAME, "unknown_code", "release_type", "release_id", "RB3", "person_id", "PB3", "release_type", "bebas");
    bad(in, Releases.NAME, "implausible_age", "birth_year", "release_id", "RB4", "person_id", "PB4", "birth_year", "2018");
    bad(in, Releases.NAME, "negative", "sentence_months", "release_id", "RB5", "person_id", "PB5", "sentence_months", "-1");
    bad(in, Releases.NAME, "invalid_date", "release_date", "release_id", "RB6", "person_id", "PB6", "release_date", "19/10/2025");
    bad(in, Releases.NAME, "invalid_date", "admission_date", "release_id", "RB7", "person_id", "PB7", "admission_date", "2025-02-30");
    bad(in, Releases.NAME, "required", "person_id", "release_id", "RB8", "person_id", "");
    bad(in, Releases.NAME, "date_in_future", "release_date", "release_id", "RB9", "person_id", "PB9", "release_date", "2026-01-01");
    bad(in, Releases.NAME, "invalid_integer", "birth_year", "release_id", "RB10", "person_id", "PB10", "birth_year", "1990.5");
    bad(in, Releases.NAME, "duplicate_key", "release_id", "release_id", "RDUP", "person_id", "PB11");
    bad(in, Releases.NAME, "duplicate_key", "release_id", "release_id", "RDUP", "person_id", "PB12");
    planted.add(new Bad(Releases.NAME, in.nextLine(Releases.NAME), "field_count", null));
    in.rawLine(Releases.NAME, "RB13,PB13,LAPAS-JAMBI,2020-01-01,2021-01-15,BEBAS,L,1990,NARKOTIKA,12,0,1571,EXTRA");
    bad(in, Mous.NAME, "end_before_start", "end_date", "mou_id", "MOU-BAD", "signed_date", "2022-01-01", "end_date", "2021-12-31");
    bad(in, Programs.NAME, "unknown_reference", "mou_id", "program_id", "PRG-B1", "mou_id", "MOU-NOPE");
    bad(in, Programs.NAME, "unknown_code", "phase", "program_id", "PRG-B2", "phase", "DURING");
    bad(in, Enrollments.NAME, "exit_before_enrolled", "exit_date", "enrollment_id", "EB1", "person_id", "P3",
        "enrolled_date", "2020-05-01", "exit_date", "2020-04-30");
    bad(in, Enrollments.NAME, "unknown_reference", "program_id", "enrollment_id", "EB2", "person_id", "P3", "program_id", "PRG-UNKNOWN");
    bad(in, Enrollments.NAME, "unknown_code", "exit_status", "enrollment_id", "EB4", "person_id", "P3", "exit_status", "FINISHED");
    bad(in, Training.NAME, "out_of_range", "hours", "session_id", "SB1", "person_id", "P3", "hours", "30");
    bad(in, Training.NAME, "unknown_code", "attendance", "session_id", "SB2", "person_id", "P3", "attendance", "present");
    bad(in, Training.NAME, "invalid_boolean", "certificate", "session_id", "SB3", "person_id", "P3", "certificate", "ya");
    bad(in, Training.NAME, "duplicate_key", "session_id+person_id", "session_id", "SDUP", "person_id", "P3");
    bad(in, Training.NAME, "duplicate_key", "session_id+person_id", "session_id", "SDUP", "person_id", "P3");
    bad(in, Reoffences.NAME, "recorded_before_offence", "recorded_date", "event_id", "VB1", "person_id", "P2",
        "offence_date", "2023-05-01", "recorded_date", "2023-04-30");
    // Rules the contract does not have: the rows are kept, flagged as warnings (none can count).
    warn(in, Reoffences.NAME, "unknown_reference", "person_id", "event_id", "VB2", "person_id", "P-NOBODY");
    warn(in, Reoffences.NAME, "before_first_release", "offence_date", "event_id", "VB3", "person_id", "P2",
        "offence_date", "2019-01-01", "recorded_date", "2019-02-01");
    warn(in, Programs.NAME, "end_before_start", "end_date", "program_id", "PRG-W1", "mou_id", "",
        "start_date", "2020-05-01", "end_date", "2020-04-30");
    warn(in, Followups.NAME, "date_in_future", "followup_date", "person_id", "P1", "followup_date", "2026-02-01");
    bad(in, Reoffences.NAME, "unknown_code", "event_type", "event_id", "VB4", "person_id", "P2",
        "offence_date", "2023-01-01", "recorded_date", "", "event_type", "WARNING");
    badOut = tmp.resolve("bad-out");
    assertEquals(0, run(in.writeCsv(tmp.resolve("bad-in")), badOut));
  }

  private static int run(Path input, Path output, String... extra) {
    return cli(input, output, new ByteArrayOutputStream(), extra);
  }

  private static int cli(Path input, Path output, ByteArrayOutputStream err, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString(),
        "--as-of", AS_OF, "--min-cell", "1"));
    args.addAll(List.of(extra));
    return ReintegrationJob.runCli(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
  }

  @Test
  void lenient_quarantinesEveryBadRow_withFileLineAndRule() {
    Set<Bad> actual = new TreeSet<>();
    for (Row r : spark().read().parquet(badOut.resolve("_quarantine").resolve("*").toString())
        .select("dataset", "line", "rule", "column", "source_file").collectAsList()) {
      actual.add(new Bad(r.getString(0), r.getLong(1), r.getString(2), r.getString(3)));
      assertEquals(r.getString(0) + ".csv", r.getString(4));
    }
    assertEquals(new TreeSet<>(planted), actual);
  }

  @Test
  void lenient_countsEachRuleInDataQuality() {
    List<Row> dq = spark().read().parquet(badOut.resolve("data_quality").toString())
        .filter("severity = 'ERROR' and rows_failed > 0 and `check` <> 'quarantined'")
        .select("dataset", "rule", "column", "rows_failed").collectAsList();
    Set<String> actual = new TreeSet<>();
    dq.forEach(r -> actual.add(r.getString(0) + " " + r.getString(1) + " " + r.getString(2) + " " + r.getLong(3)));
    // Each planted row breaks exactly one rule, except the field_count row whose typed values are
    // never read, so counts per rule equal the planted rows per rule.
    Set<String> expected = new TreeSet<>();
    planted.stream().map(b -> b.dataset() + " " + b.rule() + " " + b.column()).distinct().forEach(key ->
        expected.add(key + " " + planted.stream().filter(b -> (b.dataset() + " " + b.rule() + " " + b.column()).equals(key)).count()));
    assertEquals(expected, actual);
    long quarantined = spark().read().parquet(badOut.resolve("data_quality").toString())
        .filter("`check` = 'quarantined'").agg(org.apache.spark.sql.functions.sum("rows_failed")).first().getLong(0);
    assertEquals(planted.size(), quarantined);
  }

  @Test
  void checksTheContractDoesNotMake_keepTheRow_andCountItAsAWarning() {
    Set<String> actual = new TreeSet<>();
    spark().read().parquet(badOut.resolve("data_quality").toString())
        .filter("severity = 'WARNING' and rows_failed > 0")
        .select("dataset", "rule", "column", "rows_failed").collectAsList()
        .forEach(r -> actual.add(r.getString(0) + " " + r.getString(1) + " " + r.getString(2) + " " + r.getLong(3)));
    Set<String> expected = new TreeSet<>();
    warned.forEach(b -> expected.add(b.dataset() + " " + b.rule() + " " + b.column() + " 1"));
    assertEquals(expected, actual);
  }

  @Test
  void lenient_goodRowsResults_areUnchangedByBadRows() {
    for (String table : List.of("cohort_outcomes", "program_participation")) {
      assertEquals(sortedRows(spark().read().parquet(goodOut.resolve(table).toString())),
          sortedRows(spark().read().parquet(badOut.resolve(table).toString())), table);
    }
  }

  /**
   * The contract allows NAME.csv, NAME.parquet or a folder NAME/ of CSV or Parquet parts: the same
   * rows in any of these shapes give the same tables.
   */
  @Test
  void parquetFilesAndFoldersOfParts_giveTheSameTablesAsCsv() throws Exception {
    Path csv = tmp.resolve("good-in");
    Path mixed = tmp.resolve("mixed-in");
    Files.createDirectories(mixed);
    for (String dataset : List.of(Mous.NAME, Programs.NAME, Reoffences.NAME, "followups")) {
      Files.copy(csv.resolve(dataset + ".csv"), mixed.resolve(dataset + ".csv"));
    }
    // releases: a folder of two CSV parts, each with its header.
    List<String> lines = Files.readAllLines(csv.resolve("releases.csv"));
    Files.createDirectories(mixed.resolve("releases"));
    Files.write(mixed.resolve("releases").resolve("part-1.csv"), List.of(lines.get(0), lines.get(1), lines.get(2)));
    Files.write(mixed.resolve("releases").resolve("part-2.csv"), List.of(lines.get(0), lines.get(3), lines.get(4)));
    // training: a folder of Parquet parts; enrollments: a single NAME.parquet file.
    good().frame(spark(), Training.NAME).repartition(2).write().parquet(mixed.resolve("training").toString());
    Path single = tmp.resolve("enrollments-parquet");
    good().frame(spark(), Enrollments.NAME).coalesce(1).write().parquet(single.toString());
    try (var parts = Files.list(single)) {
      Path part = parts.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, mixed.resolve("enrollments.parquet"));
    }
    Path out = tmp.resolve("mixed-out");
    assertEquals(0, run(mixed, out));
    for (String table : List.of("cohort_outcomes", "program_participation", "program_effect")) {
      assertEquals(sortedRows(spark().read().parquet(goodOut.resolve(table).toString())),
          sortedRows(spark().read().parquet(out.resolve(table).toString())), table);
    }
    String manifest = Files.readString(out.resolve("_manifest.json"));
    assertTrue(manifest.contains("\"releases/part-2.csv\""), manifest);
    assertTrue(manifest.contains("\"format\": \"parquet\""), manifest);
  }

  @Test
  void quarantine_keepsTheOriginalValues() {
    Row r = spark().read().parquet(badOut.resolve("_quarantine").resolve("releases").toString())
        .filter("rule = 'invalid_date' and `column` = 'release_date'").first();
    assertEquals("19/10/2025", r.getJavaMap(r.fieldIndex("original_values")).get("release_date"));
    Row hours = spark().read().parquet(badOut.resolve("_quarantine").resolve("training").toString())
        .filter("rule = 'out_of_range'").first();
    assertEquals("30.00", hours.getJavaMap(hours.fieldIndex("original_values")).get("hours"));
  }

  /** A row rule, a record rule, and the last dataset validated (BadInputCorpusTest has one per dataset). */
  static Stream<Arguments> strictCases() {
    return Stream.of(
        Arguments.of("releases.csv, line 6, column release_date: rule release_before_admission",
            (Consumer<InputFixture>) in -> in.release("release_id", "RB1", "person_id", "PB1",
                "admission_date", "2021-02-01", "release_date", "2021-01-31")),
        Arguments.of("releases.csv, line 6: rule field_count",
            (Consumer<InputFixture>) in -> in.rawLine(Releases.NAME, "RB1,PB1,LAPAS-JAMBI")),
        Arguments.of("reoffences.csv, line 3, column recorded_date: rule recorded_before_offence",
            (Consumer<InputFixture>) in -> in.event("event_id", "VB1", "person_id", "P2",
                "offence_date", "2023-05-01", "recorded_date", "2023-04-30")));
  }

  @ParameterizedTest
  @MethodSource("strictCases")
  void strict_stopsWithExit2_namingFileLineColumnAndRule(String expected, Consumer<InputFixture> breakIt) throws Exception {
    InputFixture in = good();
    breakIt.accept(in);
    Path input = in.writeCsv(Files.createTempDirectory(tmp, "strict-in"));
    Path output = tmp.resolve("strict-out-" + input.getFileName());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, cli(input, output, err, "--strict"));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains(expected), message);
    assertTrue(!Files.exists(output), "nothing written where a reader would take it for a result");
  }

  /**
   * Datasets are validated side by side, but a strict run with bad rows in several of them names
   * the first in the contract's order, as a run one dataset at a time would: here enrollments
   * (before training and reoffences), whichever of them finishes first.
   */
  @Test
  void strict_withSeveralBadDatasets_namesTheFirstInTheContractsOrder() throws Exception {
    InputFixture in = good();
    in.session("session_id", "SB1", "person_id", "P3", "hours", "30");
    in.event("event_id", "VB1", "person_id", "P2", "offence_date", "2023-05-01", "recorded_date", "2023-04-30");
    long line = in.nextLine(Enrollments.NAME);
    in.enrollment("enrollment_id", "EB1", "person_id", "P3", "enrolled_date", "2020-05-01", "exit_date", "2020-04-30");
    Path input = in.writeCsv(Files.createTempDirectory(tmp, "strict-several-in"));
    Path output = tmp.resolve("strict-several-out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, cli(input, output, err, "--strict"));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("enrollments.csv, line " + line + ", column exit_date: rule exit_before_enrolled"), message);
    assertTrue(!Files.exists(output), "nothing written where a reader would take it for a result");
  }

  @Test
  void missingRequiredColumn_stopsWithExit2_namingFileAndColumn() throws Exception {
    Path input = good().writeCsv(tmp.resolve("missing-column-in"));
    Path releases = input.resolve("releases.csv");
    List<String> lines = Files.readAllLines(releases);
    List<String> cut = new ArrayList<>();
    for (String line : lines) {
      cut.add(line.substring(0, line.lastIndexOf(','))); // drop home_region
    }
    Files.write(releases, cut);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, cli(input, tmp.resolve("missing-column-out"), err));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("releases.csv: missing required column home_region"), message);
  }

  @Test
  void missingRequiredFile_stopsWithExit2_namingTheDataset() throws Exception {
    Path input = good().writeCsv(tmp.resolve("missing-file-in"));
    Files.delete(input.resolve("training.csv"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, cli(input, tmp.resolve("missing-file-out"), err));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Required input 'training' is missing"));
  }
}
