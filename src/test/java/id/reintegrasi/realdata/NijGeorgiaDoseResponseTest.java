package id.reintegrasi.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIJ Recidivism Forecasting Challenge, Georgia parolees (cleaned copy, 24,426 people): the
 * three-year rearrest rate by number of program attendances, as counted on the file, reproduced
 * by the job's dose_response for the one program every person is enrolled in.
 */
class NijGeorgiaDoseResponseTest extends RealDataTestBase {
  /** After the last window: the last release (2015-12-31) + 36 months. */
  private static final String AS_OF = "2019-06-30";

  // Counted on GA_final.csv (README.md): band -> {people, percent rearrested within 3 years}.
  private static final Map<String, double[]> PUBLISHED_BY_SESSIONS = new LinkedHashMap<>();
  static {
    PUBLISHED_BY_SESSIONS.put("0", new double[] {12_825, 61.10});
    PUBLISHED_BY_SESSIONS.put("1-2", new double[] {1_761, 68.26});
    PUBLISHED_BY_SESSIONS.put("3-5", new double[] {2_465, 64.02});
    PUBLISHED_BY_SESSIONS.put("6-9", new double[] {4_312, 56.66});
    PUBLISHED_BY_SESSIONS.put("10+", new double[] {3_063, 49.33});
  }
  private static final long ALL_PEOPLE = 24_426;
  private static final double ALL_PERCENT = 59.65;

  @TempDir
  static Path tmp;

  private static Path out;

  @BeforeAll
  static void convertAndRun() {
    Path in = NijGeorgiaConverter.convert(tmp.resolve("in"));
    out = tmp.resolve("out");
    runJob(in, out, "--as-of", AS_OF, "--windows", "36", "--waiting-months", "0", "--min-cell", "1");
  }

  /** The published reoffender count behind a rate given to two decimals of a percent. */
  private static long reoffenders(double people, double percent) {
    return Math.round(people * percent / 100);
  }

  /** dose_response rows of the program for one dimension, by band. */
  private static Map<String, Row> doseRows(String dimension) {
    Dataset<Row> t = table(out, "dose_response").filter("level = 'PROGRAM' and subject_id = '"
        + NijGeorgiaConverter.PROGRAM + "' and dimension = '" + dimension + "'");
    if (Arrays.asList(t.columns()).contains("window_months")) {
      t = t.filter("window_months = 36");
    }
    Map<String, Row> byBand = new TreeMap<>();
    for (Row r : t.collectAsList()) {
      Row previous = byBand.put(r.getString(r.fieldIndex("band")), r);
      assertNull(previous, "one row per band: " + r);
    }
    return byBand;
  }

  private static void assertBand(Map<String, Row> rows, String band, long eligible, long reoffended, String what) {
    Row r = rows.get(band);
    assertNotNull(r, what + ": no row for band " + band + " in " + rows.keySet());
    assertEquals(eligible, longValue(r, "eligible"), what + " eligible");
    assertEquals(reoffended, longValue(r, "reoffended"), what + " reoffended");
    double rate = doubleValue(r, "rate");
    assertEquals((double) reoffended / eligible, rate, 1e-12, what + " rate");
    assertBetween(doubleValue(r, "ci_low"), doubleValue(r, "ci_high"), rate, what + " rate inside its interval");
  }

  @Test
  void sessionsBands_matchPublishedCountsAndRates() {
    Map<String, Row> rows = doseRows("SESSIONS");
    assertEquals(new TreeMap<>(PUBLISHED_BY_SESSIONS).keySet(), rows.keySet(), "SESSIONS bands");
    for (Map.Entry<String, double[]> e : PUBLISHED_BY_SESSIONS.entrySet()) {
      long people = (long) e.getValue()[0];
      double percent = e.getValue()[1];
      assertBand(rows, e.getKey(), people, reoffenders(people, percent), "sessions " + e.getKey());
      double rate = doubleValue(rows.get(e.getKey()), "rate");
      assertEquals(percent / 100, Math.round(rate * 10_000) / 10_000.0, 1e-12, "sessions " + e.getKey() + " rate to 4 decimals");
    }
  }

  @Test
  void moreThanFiveSessions_lowerRateThanNone_asPublished() {
    Map<String, Row> rows = doseRows("SESSIONS");
    double none = doubleValue(rows.get("0"), "rate");
    // Published: 56.66% (6-9) and 49.33% (10+) against 61.10% with no attendance.
    assertTrue(doubleValue(rows.get("6-9"), "rate") < none, "6-9 below 0");
    assertTrue(doubleValue(rows.get("10+"), "rate") < doubleValue(rows.get("6-9"), "rate"), "10+ below 6-9");
  }

  @Test
  void hoursBands_twoHoursPerSession_addUpPublishedSessionBands() {
    // Two hours a session: 0 sessions -> 0 h; 1-9 sessions -> 2-18 h (band 1-19); 10 -> 20 h (20-49).
    List<List<String>> hoursToSessions = List.of(List.of("0"), List.of("1-2", "3-5", "6-9"), List.of("10+"));
    List<String> hoursBands = List.of("0", "1-19", "20-49");
    Map<String, Row> rows = doseRows("HOURS");
    for (int i = 0; i < hoursBands.size(); i++) {
      long people = 0;
      long reoffended = 0;
      for (String s : hoursToSessions.get(i)) {
        double[] pub = PUBLISHED_BY_SESSIONS.get(s);
        people += (long) pub[0];
        reoffended += reoffenders(pub[0], pub[1]);
      }
      assertBand(rows, hoursBands.get(i), people, reoffended, "hours " + hoursBands.get(i));
    }
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      if (!hoursBands.contains(e.getKey())) {
        Row r = e.getValue();
        assertEquals(0L, r.isNullAt(r.fieldIndex("eligible")) ? 0L : longValue(r, "eligible"), "hours band " + e.getKey());
      }
    }
  }

  @Test
  void overall_59point65PercentOf24426_fromCohortOutcomes() {
    long eligible = 0;
    long reoffended = 0;
    for (Row r : table(out, "cohort_outcomes").filter("window_months = 36").collectAsList()) {
      eligible += longValue(r, "eligible");
      reoffended += longValue(r, "reoffended");
    }
    assertEquals(ALL_PEOPLE, eligible, "eligible");
    assertEquals(reoffenders(ALL_PEOPLE, ALL_PERCENT), reoffended, "rearrested within 3 years");
    assertEquals(ALL_PERCENT, percent((double) reoffended / eligible, 2), 1e-9, "rate, %");
  }

  @Test
  void everyoneEnrolled_allInOneParticipantGroup() {
    List<Row> groups = table(out, "cohort_outcomes").filter("window_months = 36")
        .select("group").distinct().collectAsList();
    assertEquals(List.of("OTHER_PARTICIPANT"), groups.stream().map(r -> r.getString(0)).toList(),
        "a program without an MoU, with every release enrolled in the spell");
  }

  @Test
  void convertedRows_passValidation_nothingQuarantined() {
    assertNothingQuarantined(out);
  }
}
