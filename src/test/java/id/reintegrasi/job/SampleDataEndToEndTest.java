package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job on the committed sample data, end to end: every table is written, the planted bad rows
 * are quarantined, one cohort's numbers are recomputed here from the CSV files with plain Java
 * (not with the code under test), and no summary holds a person or release identifier.
 */
class SampleDataEndToEndTest extends SparkTestBase {
  private static final String AS_OF = SampleRun.AS_OF;
  private static final List<String> TABLES = List.of("cohort_outcomes", "program_participation", "program_effect",
      "balance", "survival", "dose_response", "mou_did", "reintegration", "data_quality");

  static Path tmp;
  static Path sample;
  static Path out;

  /** The run is shared with the other tests that read its output (SampleRun). */
  @BeforeAll
  static void runJob() {
    sample = SampleRun.sampleData();
    out = SampleRun.output();
    tmp = out.getParent();
  }

  @Test
  void everySummaryTable_andTheManifest_areWritten() throws IOException {
    for (String table : TABLES) {
      assertTrue(spark().read().parquet(out.resolve(table).toString()).count() > 0, table);
    }
    String manifest = Files.readString(out.resolve("_manifest.json"));
    for (String table : TABLES) {
      assertTrue(manifest.contains("\"table\": \"" + table + "\""), table);
    }
    assertTrue(manifest.contains("\"as_of\": \"" + AS_OF + "\""));
    assertTrue(manifest.contains("\"file\": \"report.html\""), "the report is listed in the manifest");
    assertTrue(Files.size(out.resolve("report.html")) > 10_000, "report.html is written");
    assertFalse(Files.list(out.getParent()).anyMatch(p -> p.getFileName().toString().contains(".staging-")),
        "no staging folder is left behind");
  }

  @Test
  void plantedBadRows_areQuarantined() {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : spark().read().parquet(out.resolve("_quarantine").resolve("*").toString())
        .groupBy("dataset").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    // sample-data/README.md: 12 planted rows; the duplicated release_id quarantines both copies.
    assertEquals(Map.of("releases", 6L, "enrollments", 2L, "training", 3L, "reoffences", 1L, "followups", 1L), counts);
  }

  /** Plain CSV reading for the independent recomputation (the sample has no quoted newlines). */
  private static List<Map<String, String>> csv(String name) throws IOException {
    List<String> lines = Files.readAllLines(sample.resolve(name + ".csv"), StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = !quoted;
          }
        } else if (c == ',' && !quoted) {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < fields.size() ? fields.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static LocalDate date(String s) {
    return s == null || s.isEmpty() ? null : LocalDate.parse(s);
  }

  /**
   * Cohort 2021-Q1 of LAPAS-JAMBI, 12-month window, each group, recomputed from METHOD.md:
   * eligible when release + 12 + 6 months <= as-of; reoffended when a CONVICTION or READMISSION
   * has release < offence <= release + 12 months and, if recorded, recorded <= release + 18 months;
   * MOU_PARTICIPANT / OTHER_PARTICIPANT by an IN_CUSTODY enrollment inside the custody spell.
   */
  @Test
  void cohort2021Q1_lapasJambi_matchesIndependentRecomputation() throws IOException {
    LocalDate asOf = LocalDate.parse(AS_OF);
    Set<String> quarantinedReleases = new HashSet<>();
    spark().read().parquet(out.resolve("_quarantine").resolve("releases").toString())
        .select("original_values").collectAsList()
        .forEach(r -> quarantinedReleases.add(r.<String, String>getJavaMap(0).get("release_id")));
    Map<String, String[]> programs = new HashMap<>(); // id -> phase, mou
    for (Map<String, String> p : csv("programs")) {
      programs.put(p.get("program_id"), new String[] {p.get("phase"), p.get("mou_id")});
    }
    Map<String, List<Map<String, String>>> enrollments = new HashMap<>();
    for (Map<String, String> e : csv("enrollments")) {
      enrollments.computeIfAbsent(e.get("person_id"), k -> new ArrayList<>()).add(e);
    }
    Map<String, List<Map<String, String>>> events = new HashMap<>();
    for (Map<String, String> e : csv("reoffences")) {
      events.computeIfAbsent(e.get("person_id"), k -> new ArrayList<>()).add(e);
    }
    Map<String, long[]> expected = new TreeMap<>(); // group -> releases, eligible, reoffended
    for (Map<String, String> r : csv("releases")) {
      LocalDate released = date(r.get("release_date"));
      if (quarantinedReleases.contains(r.get("release_id")) || !r.get("facility_id").equals("LAPAS-JAMBI")
          || List.of("TRANSFER", "DEATH").contains(r.get("release_type"))
          || released.isBefore(LocalDate.parse("2021-01-01")) || released.isAfter(LocalDate.parse("2021-03-31"))) {
        continue;
      }
      LocalDate admitted = date(r.get("admission_date"));
      boolean participated = false;
      boolean mou = false;
      for (Map<String, String> e : enrollments.getOrDefault(r.get("person_id"), List.of())) {
        String[] program = programs.get(e.get("program_id"));
        LocalDate enrolled = date(e.get("enrolled_date"));
        if (program != null && program[0].equals("IN_CUSTODY") && enrolled != null
            && !enrolled.isBefore(admitted) && !enrolled.isAfter(released)) {
          participated = true;
          mou |= !program[1].isEmpty();
        }
      }
      String group = mou ? "MOU_PARTICIPANT" : participated ? "OTHER_PARTICIPANT" : "NON_PARTICIPANT";
      long[] cell = expected.computeIfAbsent(group, g -> new long[3]);
      cell[0]++;
      if (released.plusMonths(18).isAfter(asOf)) {
        continue;
      }
      cell[1]++;
      for (Map<String, String> e : events.getOrDefault(r.get("person_id"), List.of())) {
        LocalDate offence = date(e.get("offence_date"));
        LocalDate recorded = date(e.get("recorded_date"));
        if (List.of("CONVICTION", "READMISSION").contains(e.get("event_type")) && offence.isAfter(released)
            && !offence.isAfter(released.plusMonths(12))
            && (recorded == null || !recorded.isAfter(released.plusMonths(18)))
            && (recorded == null || !recorded.isBefore(offence))) {
          cell[2]++;
          break;
        }
      }
    }
    Map<String, long[]> actual = new TreeMap<>();
    for (Row r : spark().read().parquet(out.resolve("cohort_outcomes").toString())
        .filter("cohort = '2021-Q1' and facility_id = 'LAPAS-JAMBI' and window_months = 12").collectAsList()) {
      actual.put(r.getAs("group"), new long[] {r.getAs("releases"), r.getAs("eligible"), r.getAs("reoffended")});
      assertEquals((double) r.<Long>getAs("reoffended") / r.<Long>getAs("eligible"), r.<Double>getAs("rate"), 1e-12);
    }
    assertEquals(expected.keySet(), actual.keySet());
    for (String group : expected.keySet()) {
      assertEquals(List.of(expected.get(group)[0], expected.get(group)[1], expected.get(group)[2]),
          List.of(actual.get(group)[0], actual.get(group)[1], actual.get(group)[2]), group);
    }
    assertTrue(expected.values().stream().mapToLong(c -> c[2]).sum() > 0, "the cohort has reoffenders");
  }

  @Test
  void noSummaryTable_holdsAPersonOrReleaseIdentifier() throws IOException {
    Set<String> identifiers = new HashSet<>();
    for (Map<String, String> r : csv("releases")) {
      identifiers.add(r.get("person_id"));
      identifiers.add(r.get("release_id"));
    }
    for (String dataset : List.of("enrollments", "reoffences", "training")) {
      String idColumn = Map.of("enrollments", "enrollment_id", "reoffences", "event_id", "training", "session_id").get(dataset);
      for (Map<String, String> r : csv(dataset)) {
        identifiers.add(r.get("person_id"));
        identifiers.add(r.get(idColumn));
      }
    }
    identifiers.remove("");
    for (String table : TABLES) {
      Dataset<Row> t = spark().read().parquet(out.resolve(table).toString());
      for (StructField f : t.schema().fields()) {
        assertFalse(List.of("person_id", "release_id", "enrollment_id", "event_id", "session_id").contains(f.name()),
            table + " has an identifier column " + f.name());
        if (f.dataType().equals(DataTypes.StringType)) {
          for (Row r : t.select(f.name()).distinct().collectAsList()) {
            String value = r.getString(0);
            assertFalse(value != null && identifiers.contains(value), table + "." + f.name() + " holds an identifier");
          }
        }
      }
    }
  }
}
