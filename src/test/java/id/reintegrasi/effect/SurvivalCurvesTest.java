package id.reintegrasi.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** survival's published grid worked by hand: Kaplan-Meier of the treated and of the weighted comparison. */
class SurvivalCurvesTest extends SparkTestBase {
  private static Dataset<Row> survival(InputFixture in, int minCell) {
    Dataset<Row> population = ProgramEffectsTest.inCustodyPopulation(in);
    return SurvivalCurves.compute(spark(), population, minCell, 30).table();
  }

  /** day -> row of one subject's group. */
  private static Map<Integer, Row> curve(Dataset<Row> table, String group) {
    Map<Integer, Row> byDay = new HashMap<>();
    for (Row r : table.filter("level = 'PROGRAM' and subject_id = 'PRG-BARISTA' and `group` = '" + group + "'")
        .collectAsList()) {
      byDay.put(r.<Integer>getAs("day"), r);
    }
    return byDay;
  }

  private static void point(Row r, double atRisk, double events, double censored, double survival) {
    assertEquals(atRisk, r.<Double>getAs("at_risk"), 1e-12, "at_risk on day " + r.getAs("day"));
    assertEquals(events, r.<Double>getAs("events"), 1e-12, "events on day " + r.getAs("day"));
    assertEquals(censored, r.<Double>getAs("censored"), 1e-12, "censored on day " + r.getAs("day"));
    assertEquals(survival, r.<Double>getAs("survival"), 1e-12, "survival on day " + r.getAs("day"));
  }

  private static InputFixture fixture() {
    InputFixture in = InputFixture.withCatalogue();
    // Stratum A (L, NARKOTIKA): treated A1 (first event day 30), A2; comparison A3 (day 60), A4-A6.
    ProgramEffectsTest.person(in, "A1", "L", "NARKOTIKA", true, 30, 200);
    ProgramEffectsTest.person(in, "A2", "L", "NARKOTIKA", true);
    ProgramEffectsTest.person(in, "A3", "L", "NARKOTIKA", false, 60);
    ProgramEffectsTest.person(in, "A4", "L", "NARKOTIKA", false);
    ProgramEffectsTest.person(in, "A5", "L", "NARKOTIKA", false);
    ProgramEffectsTest.person(in, "A6", "L", "NARKOTIKA", false);
    // Stratum B (P, NARKOTIKA): treated B1; comparison B2 (first event day 120).
    ProgramEffectsTest.person(in, "B1", "P", "NARKOTIKA", true);
    ProgramEffectsTest.person(in, "B2", "P", "NARKOTIKA", false, 120, 150);
    // Stratum C: a treated release with no comparison: not on the matched curve.
    ProgramEffectsTest.person(in, "C1", "L", "PENCURIAN", true, 10);
    return in;
  }

  @Test
  void grid_every30Days_withCumulativeCounts_byHand() {
    Dataset<Row> table = survival(fixture(), 1).cache();
    // Follow-up ends at the 12-month window: 2021-01-15 + 12 months = day 365 (as-of minus the
    // waiting period is later). Grid: 0, 30, ..., 360, and the last day 365.
    Map<Integer, Row> treated = curve(table, SurvivalCurves.TREATED);
    Map<Integer, Row> comparison = curve(table, SurvivalCurves.COMPARISON);
    assertEquals(14, treated.size());
    assertEquals(14, comparison.size());

    // Treated (matched: A1, A2, B1): one event on day 30, S = 2/3; the other two censored at 365.
    point(treated.get(0), 3, 0, 0, 1);
    point(treated.get(30), 2, 1, 0, 2.0 / 3);
    point(treated.get(360), 2, 1, 0, 2.0 / 3);
    point(treated.get(365), 0, 1, 2, 2.0 / 3);

    // Comparison, weighted: A3-A6 weigh 2/4 = 0.5, B2 weighs 1/1; Σw = 3.
    // Day 60: 0.5 events of 3 at risk, S = 5/6. Day 120: 1 event of 2.5 at risk, S = 5/6 · 3/5 = 1/2.
    // Day 365: A4-A6 censored, 1.5 in all.
    point(comparison.get(30), 3, 0, 0, 1);
    point(comparison.get(60), 2.5, 0.5, 0, 5.0 / 6);
    point(comparison.get(90), 2.5, 0.5, 0, 5.0 / 6);
    point(comparison.get(120), 1.5, 1.5, 0, 0.5);
    point(comparison.get(365), 0, 1.5, 1.5, 0.5);
  }

  @Test
  void smallCounts_areSuppressed_neverShownAsZero() {
    // min-cell 3: the treated curve's single event (1 < 3) hides events, survival and its band.
    Map<Integer, Row> treated = curve(survival(fixture(), 3), SurvivalCurves.TREATED);
    Row day30 = treated.get(30);
    assertNull(day30.getAs("events"));
    assertNull(day30.getAs("survival"));
    assertNull(day30.getAs("ci_low"));
    assertEquals(true, day30.getAs("suppressed"));
  }

  @Test
  void aDayWithASmallCount_isWithheldWhole_soNoneFollowsBySubtraction() {
    // min-cell 2: on day 30 the treated curve has 2 at risk (not small) after 1 event (small).
    // Published beside day 0's 3 at risk, at_risk 2 and censored 0 would give the event back
    // (3 - 2 - 0), and survival 2/3 would too: the whole day goes.
    Map<Integer, Row> treated = curve(survival(fixture(), 2), SurvivalCurves.TREATED);
    point(treated.get(0), 3, 0, 0, 1);
    Row day30 = treated.get(30);
    for (String column : List.of("at_risk", "events", "censored", "survival", "ci_low", "ci_high")) {
      assertNull(day30.getAs(column), column + " on day 30");
    }
    assertEquals(true, day30.getAs("suppressed"));
  }

  @Test
  void followUpIsCensoredAtAsOfMinusWaiting_whenThatComesBeforeTheWindowEnd() {
    // As of 2025-12-31, waiting 6 months, longest window 12 (ProgramEffectsTest.inCustodyPopulation).
    // Released 2025-01-15: window end 2026-01-15, as-of - 6 months = 2025-06-30 (earlier), so every
    // release is censored on day 16 (Jan) + 28 + 31 + 30 + 31 + 30 = 166, not on day 365.
    // Treated T1 (no event), T2 (event 2025-04-25 = day 100); comparison C1 (event 2025-08-01,
    // day 198, after the censoring day: censored at 166, not an event), C2 (no event).
    InputFixture in = InputFixture.withCatalogue();
    for (String id : List.of("T1", "T2", "C1", "C2")) {
      in.release("release_id", "R" + id, "person_id", "P" + id, "admission_date", "2024-01-01",
          "release_date", "2025-01-15");
      if (id.startsWith("T")) {
        in.enrollment("enrollment_id", "E" + id, "person_id", "P" + id, "enrolled_date", "2024-06-01",
            "exit_date", "2024-09-01");
      }
    }
    in.event("event_id", "V1", "person_id", "PT2", "offence_date", "2025-04-25", "recorded_date", "");
    in.event("event_id", "V2", "person_id", "PC1", "offence_date", "2025-08-01", "recorded_date", "");
    Dataset<Row> table = survival(in, 1).cache();
    Map<Integer, Row> treated = curve(table, SurvivalCurves.TREATED);
    Map<Integer, Row> comparison = curve(table, SurvivalCurves.COMPARISON);
    // Grid 0, 30, ..., 150 and the last day 166: 7 points per curve.
    assertEquals(List.of(0, 30, 60, 90, 120, 150, 166), treated.keySet().stream().sorted().toList());
    assertEquals(List.of(0, 30, 60, 90, 120, 150, 166), comparison.keySet().stream().sorted().toList());
    // Treated: 2 at risk; one event on day 100 (S = 1/2); T1 censored on day 166.
    point(treated.get(0), 2, 0, 0, 1);
    point(treated.get(90), 2, 0, 0, 1);
    point(treated.get(120), 1, 1, 0, 0.5);
    point(treated.get(166), 0, 1, 1, 0.5);
    // Comparison (weight t/c = 2/2 = 1): no event by day 166, both censored then; S stays 1.
    point(comparison.get(150), 2, 0, 0, 1);
    point(comparison.get(166), 0, 0, 2, 1);
  }
}
