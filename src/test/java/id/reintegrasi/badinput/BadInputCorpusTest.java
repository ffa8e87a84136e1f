package id.reintegrasi.badinput;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.badinput.BadInputCorpus.Expected;
import id.reintegrasi.io.InputException;
import id.reintegrasi.io.InputReader;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import id.reintegrasi.summary.DataQuality;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The row-level bad-input corpus (src/test/resources/badinput/rows) through the reading and
 * validation layers, without running the job: one validation pass over all datasets, then the
 * exact quarantine rows (file, line, column, rule, message), warnings, data_quality counts, and in
 * strict mode the exact message of each dataset's first bad row.
 */
class BadInputCorpusTest extends SparkTestBase {
  private static Map<String, InputReader.Read> reads;
  private static Map<String, Validated> validated;
  /** Every quarantined row of every dataset: file, line, column, rule, message, number of rules broken. */
  private static List<Row> quarantined;
  /** Every row kept with a warning: file, line, first warning. */
  private static List<Row> warned;
  private static DataQuality.Result quality;

  /** One validation pass; the results are gathered in few Spark jobs, as each costs seconds on a busy machine. */
  @BeforeAll
  static void validateCorpus() {
    InputReader reader = new InputReader(spark(), BadInputCorpus.rowsInput().toString(), BadInputCorpus.DATE_FORMAT);
    reads = BadInputCorpus.read(reader);
    reads.values().forEach(r -> r.rows().persist(StorageLevel.MEMORY_ONLY()));
    validated = BadInputCorpus.validate(reads, new InputValidator(BadInputCorpus.AS_OF, BadInputCorpus.DATE_FORMAT,
        false, (name, data) -> data.persist(StorageLevel.MEMORY_ONLY())));
    quarantined = validated.values().stream()
        .map(v -> v.quarantine().select(col("source_file"), col("line"), col("column"), col("rule"), col("message"),
            size(col("all_checks"))))
        .reduce(Dataset::unionAll).orElseThrow().collectAsList();
    warned = validated.values().stream()
        .map(v -> v.warnings().select(col("source_file"), col("line"), col("column"), col("rule"), col("message")))
        .reduce(Dataset::unionAll).orElseThrow().collectAsList();
    quality = DataQuality.compute(spark(), List.copyOf(validated.values()));
  }

  private static String tsv(Object... fields) {
    return java.util.Arrays.stream(fields).map(f -> f == null ? "-" : f.toString()).collect(Collectors.joining("\t"));
  }

  private static String lines(List<String> rows) {
    return rows.stream().sorted().collect(Collectors.joining("\n"));
  }

  private static List<String> expected(String severity) {
    return BadInputCorpus.expected().stream().filter(e -> e.severity().equals(severity)).map(Expected::toString).toList();
  }

  @Test
  void lenient_quarantinesExactlyTheExpectedRows_withFileLineColumnRuleAndMessage() {
    List<String> actual = quarantined.stream()
        .map(r -> tsv(r.get(0), r.get(1), r.get(2), r.get(3), "ERROR", r.get(4))).toList();
    assertEquals(lines(expected("ERROR")), lines(actual));
  }

  /** So that counts per rule are exact: no planted row breaks a second rule by accident. */
  @Test
  void everyBadRow_breaksExactlyOneRule() {
    assertEquals(List.of(), quarantined.stream().filter(r -> r.getInt(5) != 1).map(Row::toString).toList());
  }

  @Test
  void warnings_keepTheRow_andNameFileLineColumnAndRule() {
    List<String> actual = new ArrayList<>();
    for (Row r : warned) {
      actual.add(tsv(r.get(0), r.get(1), r.get(2), r.get(3), "WARNING", r.get(4)));
    }
    assertEquals(lines(expected("WARNING")), lines(actual));
    Row kept = validated.get(Enrollments.NAME).clean().filter(col(Enrollments.ENROLLMENT_ID).equalTo("ENR-0104")).first();
    assertEquals("PID-9001", kept.getAs(Enrollments.PERSON_ID));
  }

  @Test
  void dataQuality_countsRowsQuarantineBlankLinesAndEachRule_exactly() {
    Map<String, DataQuality.DatasetCounts> counts = quality.counts().stream()
        .collect(Collectors.toMap(DataQuality.DatasetCounts::dataset, Function.identity()));
    List<String> expectedCounts = new ArrayList<>();
    List<String> actualCounts = new ArrayList<>();
    for (String[] f : BadInputCorpus.tsv("rows/counts.tsv")) {
      expectedCounts.add(String.join("\t", f));
      DataQuality.DatasetCounts c = counts.get(f[0]);
      long warnings = warned.stream().filter(r -> r.getString(0).replaceAll("[/.].*", "").equals(f[0])).count();
      actualCounts.add(tsv(f[0], c.rows(), c.quarantined(), c.blankLines(), warnings));
    }
    assertEquals(lines(expectedCounts), lines(actualCounts));

    // Rows failing each check, from the expected list (each bad row breaks one rule).
    Map<String, Long> expected = new TreeMap<>(BadInputCorpus.expected().stream().collect(Collectors.groupingBy(
        e -> tsv(e.dataset(), e.rule(), e.column(), e.severity()), Collectors.counting())));
    Map<String, Long> actual = new TreeMap<>();
    for (Row r : quality.table().filter("rows_failed > 0 and severity <> 'INFO' and `check` <> 'quarantined'")
        .select("dataset", "rule", "column", "severity", "rows_failed").collectAsList()) {
      actual.put(tsv(r.get(0), r.get(1), r.get(2), r.get(3)), r.getLong(4));
    }
    assertEquals(expected, actual);
    // The unknown column of releases/part-2.csv is reported, not an error.
    assertEquals(1, quality.table().filter("dataset = 'releases' and rule = 'unknown_column' and `column` = 'Catatan'").count());
  }

  /** A BOM, CRLF line ends, a header in other case with spaces, and codes with spaces: all read as clean rows. */
  @Test
  void bomCrlfAndHeaderInOtherCase_areReadAsCleanRows() {
    List<String> actual = new ArrayList<>();
    for (Row r : validated.get(Releases.NAME).clean().filter(col(Releases.FACILITY_ID).equalTo("LAPAS-BANGKO"))
        .select(Releases.RELEASE_ID, Releases.ADMISSION_DATE, Releases.RELEASE_TYPE, Releases.HOME_REGION).collectAsList()) {
      actual.add(tsv(r.get(0), r.get(1), r.get(2), r.get(3)));
    }
    assertEquals(lines(List.of(tsv("REL-0004", "2021-01-05", "ASIMILASI", "1501"), tsv("REL-0005", "2021-01-05", "PB", "1501"))),
        lines(actual));
  }

  @Test
  void strict_stopsAtEachDatasetsFirstBadRow_withTheExactMessage() {
    InputValidator strict = new InputValidator(BadInputCorpus.AS_OF, BadInputCorpus.DATE_FORMAT, true,
        (name, data) -> data);
    Map<String, Function<InputValidator, Validated>> runs = Map.of(
        Releases.NAME, s -> s.releases(reads.get(Releases.NAME)),
        Mous.NAME, s -> s.mous(reads.get(Mous.NAME)),
        Programs.NAME, s -> s.programs(reads.get(Programs.NAME), validated.get(Mous.NAME).clean()),
        Enrollments.NAME, s -> s.enrollments(reads.get(Enrollments.NAME), validated.get(Programs.NAME).clean(),
            validated.get(Releases.NAME).clean()),
        Training.NAME, s -> s.training(reads.get(Training.NAME), validated.get(Programs.NAME).clean()),
        Reoffences.NAME, s -> s.reoffences(reads.get(Reoffences.NAME), validated.get(Releases.NAME).clean()),
        Followups.NAME, s -> s.followups(reads.get(Followups.NAME)));
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (String[] f : BadInputCorpus.tsv("rows/strict.tsv")) {
      expected.add(f[0] + "\t" + f[1]);
      InputException e = assertThrows(InputException.class, () -> runs.get(f[0]).apply(strict), f[0]);
      actual.add(f[0] + "\t" + e.getMessage());
    }
    assertEquals(lines(expected), lines(actual));
  }
}
