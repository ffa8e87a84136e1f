package id.reintegrasi.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.analysis.ReleaseAnalysis;
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
}
