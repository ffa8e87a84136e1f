package id.reintegrasi.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** cohort_outcomes counted and suppressed by hand on a small cohort. */
class CohortOutcomesTest extends SparkTestBase {

  /** 25 releases of 2021-Q1 from one facility, 12 of them eligible for 24 months, k of those reoffended. */
  private static Dataset<Row> outcomes(int reoffenders, int minCell) {
    InputFixture in = InputFixture.withCatalogue();
    for (int i = 0; i < 25; i++) {
      // Releases from 2021-01-01 on; 24 + 6 months later is 2023-07-01 + i days; as-of 2023-07-12:
      // the first 12 are eligible for 24 months.
      String released = LocalDate.parse("2021-01-01").plusDays(i).toString();
      in.release("release_id", "R" + i, "person_id", "P" + i, "release_date", released);
      if (i < reoffenders) {
        in.event("event_id", "V" + i, "person_id", "P" + i,
            "offence_date", LocalDate.parse(released).plusDays(100).toString(), "recorded_date", "");
      }
    }
    ReleaseAnalysis.Params params = new ReleaseAnalysis.Params(LocalDate.parse("2023-07-12"), List.of(24), 6,
        List.of("CONVICTION", "READMISSION"), 90);
    Dataset<Row> analysis = ReleaseAnalysis.build(in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), in.frame(spark(), Reoffences.NAME),
        in.frame(spark(), Followups.NAME), params);
    return CohortOutcomes.compute(analysis, minCell);
  }

  @Test
  void counts_rate_andWilsonInterval_byHand() {
    Row r = outcomes(4, 1).first();
    assertEquals("2021-Q1", r.getAs("cohort"));
    assertEquals("NON_PARTICIPANT", r.getAs("group"));
    assertEquals(25L, r.<Long>getAs("releases"));
    assertEquals(12L, r.<Long>getAs("eligible"));
    assertEquals(4L, r.<Long>getAs("reoffended"));
    assertEquals(4.0 / 12, r.<Double>getAs("rate"), 1e-12);
    // Wilson, z = 1.959964: centre (p + z²/2n) / (1 + z²/n), half-width z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
    double z = 1.959963984540054;
    double n = 12;
    double p = 4.0 / 12;
    double denominator = 1 + z * z / n;
    double centre = (p + z * z / (2 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator;
    assertEquals(centre - half, r.<Double>getAs("ci_low"), 1e-12);
    assertEquals(centre + half, r.<Double>getAs("ci_high"), 1e-12);
    assertEquals(Boolean.FALSE, r.getAs("suppressed"));
  }

  @Test
  void smallReoffenderCount_isSuppressed_withEverythingDerivedFromIt() {
    Row r = outcomes(4, 10).first();
    assertEquals(25L, r.<Long>getAs("releases"));
    assertEquals(12L, r.<Long>getAs("eligible"));
    assertNull(r.getAs("reoffended"));
    assertNull(r.getAs("rate"));
    assertNull(r.getAs("ci_low"));
    assertNull(r.getAs("ci_high"));
    assertEquals(Boolean.TRUE, r.getAs("suppressed"));
  }

  @Test
  void smallNonReoffenderCount_isSuppressedToo() {
    // 11 of 12 eligible reoffended: the one who did not would be identifiable.
    Row r = outcomes(11, 10).first();
    assertNull(r.getAs("reoffended"));
    assertNull(r.getAs("rate"));
    assertEquals(Boolean.TRUE, r.getAs("suppressed"));
  }

  @Test
  void zeroIsPublished_notSuppressed() {
    Row r = outcomes(0, 10).first();
    assertEquals(0L, r.<Long>getAs("reoffended"));
    assertEquals(0.0, r.<Double>getAs("rate"), 0.0);
    assertEquals(Boolean.FALSE, r.getAs("suppressed"));
  }

  /**
   * {@code releases} releases of 2021-Q1 from one facility, released 2021-01-01 + i days, of which
   * the first {@code eligible} are eligible for 24 months: 2021-01-(1+i) + (24 + 6) months =
   * 2023-07-(1+i) <= as-of 2023-07-01 + (eligible - 1) days. The first {@code reoffenders}
   * reoffend on day 100.
   */
  private static Row cohort(int releases, int eligible, int reoffenders, int minCell) {
    InputFixture in = InputFixture.withCatalogue();
    for (int i = 0; i < releases; i++) {
      String released = LocalDate.parse("2021-01-01").plusDays(i).toString();
      in.release("release_id", "R" + i, "person_id", "P" + i, "release_date", released);
      if (i < reoffenders) {
        in.event("event_id", "V" + i, "person_id", "P" + i,
            "offence_date", LocalDate.parse(released).plusDays(100).toString(), "recorded_date", "");
      }
    }
    LocalDate asOf = LocalDate.parse("2023-07-01").plusDays(eligible - 1);
    ReleaseAnalysis.Params params = new ReleaseAnalysis.Params(asOf, List.of(24), 6,
        List.of("CONVICTION", "READMISSION"), 90);
    Dataset<Row> analysis = ReleaseAnalysis.build(in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), in.frame(spark(), Reoffences.NAME),
        in.frame(spark(), Followups.NAME), params);
    List<Row> rows = CohortOutcomes.compute(analysis, minCell).collectAsList();
    assertEquals(1, rows.size(), "one cohort x facility x group x window");
    return rows.get(0);
  }

  @Test
  void fewReleases_k3_withholdsReleasesAndEverythingBelowIt() {
    // k = 3: 2 releases (1 <= 2 < 3), none eligible yet (as-of 2023-06-30 < 2023-07-01).
    // Only the 'releases < k' rule fires (eligible 0 and reoffended 0 are not small), yet
    // releases, eligible, reoffended, rate and the interval are all withheld.
    Row r = cohort(2, 0, 0, 3);
    for (String column : List.of("releases", "eligible", "reoffended", "rate", "ci_low", "ci_high")) {
      assertNull(r.getAs(column), column);
    }
    assertEquals(Boolean.TRUE, r.getAs("suppressed"));
  }

  @Test
  void fewEligible_k3_withholdsEligibleAndRate_butPublishesReleases() {
    // k = 3: 25 releases (not small), 2 eligible (1 <= 2 < 3) with 1 reoffender.
    // 'eligible < k' withholds eligible, reoffended, rate, ci_low, ci_high; releases stays 25.
    Row r = cohort(25, 2, 1, 3);
    assertEquals(25L, r.<Long>getAs("releases"));
    for (String column : List.of("eligible", "reoffended", "rate", "ci_low", "ci_high")) {
      assertNull(r.getAs(column), column);
    }
    assertEquals(Boolean.TRUE, r.getAs("suppressed"));
  }

  @Test
  void zeroEligible_k3_isPublished_notSuppressed() {
    // k = 3: 25 releases, 0 eligible (as-of 2023-06-30), 0 reoffended: 0 is not in 1..k-1.
    Row r = cohort(25, 0, 0, 3);
    assertEquals(25L, r.<Long>getAs("releases"));
    assertEquals(0L, r.<Long>getAs("eligible"));
    assertEquals(0L, r.<Long>getAs("reoffended"));
    assertEquals(Boolean.FALSE, r.getAs("suppressed"));
  }

  @Test
  void countsEqualToK3_areNotSmall() {
    // k = 3: 3 eligible of 25, 0 reoffended, 3 non-reoffenders: 3 is not < 3, 0 is not >= 1.
    // rate = 0/3 = 0.
    Row r = cohort(25, 3, 0, 3);
    assertEquals(25L, r.<Long>getAs("releases"));
    assertEquals(3L, r.<Long>getAs("eligible"));
    assertEquals(0L, r.<Long>getAs("reoffended"));
    assertEquals(0.0, r.<Double>getAs("rate"), 0.0);
    assertEquals(Boolean.FALSE, r.getAs("suppressed"));
  }
}
