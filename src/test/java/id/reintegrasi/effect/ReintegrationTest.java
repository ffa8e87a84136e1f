package id.reintegrasi.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import id.reintegrasi.stats.Normal;
import id.reintegrasi.stats.Wilson;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** reintegration worked by hand: employment at the first follow-up within 180 days, matched and weighted. */
class ReintegrationTest extends SparkTestBase {
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

  /** A follow-up {@code day} days after the fixture's release date, 2021-01-15. */
  private static void followup(InputFixture in, String id, int day, String status) {
    in.followup("person_id", "P" + id, "followup_date", LocalDate.parse("2021-01-15").plusDays(day).toString(),
        "employment_status", status);
  }

  @Test
  void employmentAtFirstFollowup_treatedAgainstWeightedComparison_byHand() {
    InputFixture in = InputFixture.withCatalogue();
    // Stratum A (L, NARKOTIKA): treated A1 employed, A2 unemployed.
    ProgramEffectsTest.person(in, "A1", "L", "NARKOTIKA", true);
    ProgramEffectsTest.person(in, "A2", "L", "NARKOTIKA", true);
    followup(in, "A1", 45, "EMPLOYED");
    followup(in, "A2", 45, "UNEMPLOYED");
    // Comparison: A3 employed; A4's first follow-up says unemployed (a later one says employed:
    // only the first counts); A5 unemployed; A6's only follow-up is after 180 days: not counted.
    for (String id : List.of("A3", "A4", "A5", "A6")) {
      ProgramEffectsTest.person(in, id, "L", "NARKOTIKA", false);
    }
    followup(in, "A3", 100, "EMPLOYED");
    followup(in, "A4", 30, "UNEMPLOYED");
    followup(in, "A4", 60, "EMPLOYED");
    followup(in, "A5", 179, "UNEMPLOYED");
    followup(in, "A6", 181, "EMPLOYED");
    // Stratum B (P, NARKOTIKA): treated B1 self-employed, comparison B2 employed.
    ProgramEffectsTest.person(in, "B1", "P", "NARKOTIKA", true);
    ProgramEffectsTest.person(in, "B2", "P", "NARKOTIKA", false);
    followup(in, "B1", 10, "SELF_EMPLOYED");
    followup(in, "B2", 0, "EMPLOYED");

    Dataset<Row> population = ProgramEffectsTest.inCustodyPopulation(in);
    Matching.Result matched = Matching.match(Reintegration.longTable(population, AS_OF), ReleaseAnalysis.COVARIATES);
    Dataset<Row> table = Reintegration.compute(spark(), matched, 1).cache();

    // Treated: A1 1, A2 0, B1 1 → 2 of 3. Comparison (A6 out): stratum A has t = 2, c = 3, so
    // A3, A4, A5 weigh 2/3; stratum B weighs 1/1. Σw = 3, Σw·y = 2/3 + 1 = 5/3, mean 5/9;
    // Σw² = 3·4/9 + 1 = 7/3, n_eff = 9 / (7/3) = 27/7.
    // se² = (2/3)(1/3)/3 + (5/9)(4/9)/(27/7) = 2/27 + 140/2187 = 302/2187.
    Row t = table.filter("level = 'PROGRAM' and subject_id = 'PRG-BARISTA' and `group` = 'TREATED'").first();
    Row c = table.filter("level = 'PROGRAM' and subject_id = 'PRG-BARISTA' and `group` = 'COMPARISON'").first();
    assertEquals(3L, t.<Long>getAs("followed_up"));
    assertEquals(2L, t.<Long>getAs("employed"));
    assertEquals(2.0 / 3, t.<Double>getAs("employment_rate"), 1e-12);
    Wilson.Interval ti = Wilson.interval(2, 3);
    assertEquals(ti.low(), t.<Double>getAs("ci_low"), 1e-12);
    assertEquals(ti.high(), t.<Double>getAs("ci_high"), 1e-12);
    assertEquals(4L, c.<Long>getAs("followed_up"));
    assertEquals(2L, c.<Long>getAs("employed"));
    assertEquals(5.0 / 9, c.<Double>getAs("employment_rate"), 1e-12);
    assertEquals(27.0 / 7, c.<Double>getAs("comparison_n_eff"), 1e-12);
    Wilson.Interval ci = Wilson.interval(5.0 / 9 * 27 / 7, 27.0 / 7, Normal.Z95);
    assertEquals(ci.low(), c.<Double>getAs("ci_low"), 1e-12);
    assertEquals(ci.high(), c.<Double>getAs("ci_high"), 1e-12);
    double z = (1.0 / 9) / Math.sqrt(302.0 / 2187);
    for (Row r : List.of(t, c)) {
      assertEquals(1.0 / 9, r.<Double>getAs("difference"), 1e-12);
      assertEquals(Normal.twoSidedP(z), r.<Double>getAs("p_value"), 1e-12);
      assertFalse(r.<Boolean>getAs("suppressed"));
    }
  }

  @Test
  void releaseWhose180DaysEndAfterAsOf_isNotFollowedUp() {
    // As of 2025-12-31. 2025-07-04 + 180 days = 2025-07-04 + 27 (to Jul 31) + 31 + 30 + 31 + 30
    // + 31 = 2025-12-31 <= as-of: counted. 2025-07-05 + 180 days = 2026-01-01 > as-of: left out,
    // though its follow-up (day 10) is known. One stratum (L, 35-44, NARKOTIKA, 12-35, 0, 2025).
    InputFixture in = InputFixture.withCatalogue();
    String[][] releases = {
        // id, release date, treated, status at the first follow-up
        {"T1", "2025-07-04", "true", "EMPLOYED"}, {"T2", "2025-07-05", "true", "EMPLOYED"},
        {"C1", "2025-07-04", "false", "UNEMPLOYED"}, {"C2", "2025-07-05", "false", "EMPLOYED"}};
    for (String[] r : releases) {
      in.release("release_id", "R" + r[0], "person_id", "P" + r[0], "admission_date", "2024-07-01",
          "release_date", r[1]);
      if (Boolean.parseBoolean(r[2])) {
        in.enrollment("enrollment_id", "E" + r[0], "person_id", "P" + r[0], "enrolled_date", "2024-09-01",
            "exit_date", "2024-12-01");
      }
      in.followup("person_id", "P" + r[0], "followup_date", LocalDate.parse(r[1]).plusDays(10).toString(),
          "employment_status", r[3]);
    }
    Dataset<Row> population = ProgramEffectsTest.inCustodyPopulation(in);
    Matching.Result matched = Matching.match(Reintegration.longTable(population, AS_OF), ReleaseAnalysis.COVARIATES);
    Dataset<Row> table = Reintegration.compute(spark(), matched, 1).cache();
    Row t = table.filter("level = 'PROGRAM' and subject_id = 'PRG-BARISTA' and `group` = 'TREATED'").first();
    Row c = table.filter("level = 'PROGRAM' and subject_id = 'PRG-BARISTA' and `group` = 'COMPARISON'").first();
    // Treated: T1 only, employed: 1 of 1. Comparison: C1 only, unemployed: 0 of 1.
    assertEquals(1L, t.<Long>getAs("followed_up"));
    assertEquals(1L, t.<Long>getAs("employed"));
    assertEquals(1.0, t.<Double>getAs("employment_rate"), 1e-12);
    assertEquals(1L, c.<Long>getAs("followed_up"));
    assertEquals(0L, c.<Long>getAs("employed"));
    assertEquals(0.0, c.<Double>getAs("employment_rate"), 1e-12);
  }

  /**
   * The reintegration table for one stratum (the fixture defaults, L / NARKOTIKA, released
   * 2021-01-15): PRG-BARISTA participants and non-participants, each with one follow-up on day 30.
   */
  private static Dataset<Row> oneStratum(int treatedEmployed, int treatedNot, int comparisonEmployed,
      int comparisonNot, int minCell) {
    InputFixture in = InputFixture.withCatalogue();
    int[] counts = {treatedEmployed, treatedNot, comparisonEmployed, comparisonNot};
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < counts[g]; i++) {
        String id = "G" + g + "-" + i;
        ProgramEffectsTest.person(in, id, "L", "NARKOTIKA", g < 2);
        followup(in, id, 30, g % 2 == 0 ? "EMPLOYED" : "UNEMPLOYED");
      }
    }
    Dataset<Row> population = ProgramEffectsTest.inCustodyPopulation(in);
    Matching.Result matched = Matching.match(Reintegration.longTable(population, AS_OF), ReleaseAnalysis.COVARIATES);
    return Reintegration.compute(spark(), matched, minCell).cache();
  }

  private static Row row(Dataset<Row> table, String group) {
    return table.filter("level = 'PROGRAM' and subject_id = 'PRG-BARISTA' and `group` = '" + group + "'").first();
  }

  @Test
  void minCellThree_zeroIsNotSmall_valuesShown() {
    // k = 3. Treated 3 employed, 0 not (0 is not small); comparison 3 employed, 3 not, weight 3/6.
    // Treated 3/3 = 1; comparison (0.5 * 3) / (0.5 * 6) = 0.5; difference 0.5.
    Dataset<Row> table = oneStratum(3, 0, 3, 3, 3);
    Row t = row(table, "TREATED");
    Row c = row(table, "COMPARISON");
    assertEquals(3L, t.<Long>getAs("followed_up"));
    assertEquals(3L, t.<Long>getAs("employed"));
    assertEquals(1.0, t.<Double>getAs("employment_rate"), 1e-12);
    assertEquals(6L, c.<Long>getAs("followed_up"));
    assertEquals(3L, c.<Long>getAs("employed"));
    assertEquals(0.5, c.<Double>getAs("employment_rate"), 1e-12);
    assertEquals(0.5, t.<Double>getAs("difference"), 1e-12);
    assertFalse(t.<Boolean>getAs("suppressed"));
    assertFalse(c.<Boolean>getAs("suppressed"));
  }

  @Test
  void minCellThree_smallFollowedUpOrEmployedOrNotEmployed_hidesTheValues() {
    // k = 3, each case has exactly one small count (1 or 2); the rest are 0 or >= 3.
    // {treated employed, treated not, comparison employed, comparison not, small group}
    int[][] cases = {
        {3, 1, 3, 3, 0},   // treated not employed 1: small
        {3, 3, 1, 3, 1},   // comparison employed 1: small
        {2, 0, 3, 3, 0}};  // treated followed up 2 (and employed 2): small
    for (int[] k : cases) {
      Dataset<Row> table = oneStratum(k[0], k[1], k[2], k[3], 3);
      Row small = row(table, k[4] == 0 ? "TREATED" : "COMPARISON");
      String label = java.util.Arrays.toString(k);
      assertNull(small.getAs("employed"), label);
      assertNull(small.getAs("employment_rate"), label);
      assertNull(small.getAs("ci_low"), label);
      assertNull(small.getAs("ci_high"), label);
      for (Row r : List.of(row(table, "TREATED"), row(table, "COMPARISON"))) {
        assertNull(r.getAs("difference"), label);
        assertNull(r.getAs("p_value"), label);
        assertTrue(r.<Boolean>getAs("suppressed"), label);
      }
    }
  }

  @Test
  void postReleasePhase_leavesOutReleasesWithAnEventBeforeDay90() {
    // PRG-PASCA is post-release; participation = enrollment within 90 days after release (day 10).
    // Landmark day 90: releases with a counted event on or before day 90 leave the population.
    // T1 treated, employed; T2 treated, employed, event day 30: out.
    // C1 comparison, unemployed; C2 comparison, employed, event day 30: out;
    // C3 comparison, employed, event day 100 (after the landmark): stays.
    // Treated 1 of 1 = 1. Comparison C1, C3 weigh 1/2 each: 0.5 / 1 = 0.5. Difference 0.5.
    // (Without the exclusion: treated 2/2, comparison 2/3.)
    InputFixture in = new InputFixture().program("program_id", "PRG-PASCA", "phase", "POST_RELEASE", "mou_id", "");
    String[][] people = {
        {"T1", "true", "EMPLOYED", ""}, {"T2", "true", "EMPLOYED", "30"},
        {"C1", "false", "UNEMPLOYED", ""}, {"C2", "false", "EMPLOYED", "30"}, {"C3", "false", "EMPLOYED", "100"}};
    for (String[] p : people) {
      in.release("release_id", "R" + p[0], "person_id", "P" + p[0]);
      if (Boolean.parseBoolean(p[1])) {
        in.enrollment("enrollment_id", "E" + p[0], "person_id", "P" + p[0], "program_id", "PRG-PASCA",
            "enrolled_date", "2021-01-25", "exit_date", "2021-04-25");
      }
      followup(in, p[0], 120, p[2]);
      if (!p[3].isEmpty()) {
        in.event("event_id", "V" + p[0], "person_id", "P" + p[0],
            "offence_date", LocalDate.parse("2021-01-15").plusDays(Integer.parseInt(p[3])).toString(),
            "recorded_date", "");
      }
    }
    Dataset<Row> analysis = ReleaseAnalysis.build(in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), in.frame(spark(), Reoffences.NAME),
        in.frame(spark(), Followups.NAME),
        new ReleaseAnalysis.Params(AS_OF, List.of(12), 6, List.of("CONVICTION", "READMISSION"), 90));
    Dataset<Row> population = EffectPopulation.of(analysis, Programs.POST_RELEASE,
        new EffectPopulation.Params(AS_OF, 6, 12, 90));
    Matching.Result matched = Matching.match(Reintegration.longTable(population, AS_OF), ReleaseAnalysis.COVARIATES);
    Dataset<Row> table = Reintegration.compute(spark(), matched, 1).cache();
    Row t = table.filter("subject_id = 'PRG-PASCA' and phase = 'POST_RELEASE' and `group` = 'TREATED'").first();
    Row c = table.filter("subject_id = 'PRG-PASCA' and phase = 'POST_RELEASE' and `group` = 'COMPARISON'").first();
    assertEquals(1L, t.<Long>getAs("followed_up"));
    assertEquals(1L, t.<Long>getAs("employed"));
    assertEquals(1.0, t.<Double>getAs("employment_rate"), 1e-12);
    assertEquals(2L, c.<Long>getAs("followed_up"));
    assertEquals(1L, c.<Long>getAs("employed"));
    assertEquals(0.5, c.<Double>getAs("employment_rate"), 1e-12);
    assertEquals(0.5, t.<Double>getAs("difference"), 1e-12);
  }
}
