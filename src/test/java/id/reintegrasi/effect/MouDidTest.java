package id.reintegrasi.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** mou_did worked by hand: four cells of two releases each around an MoU signed on 2021-01-01. */
class MouDidTest extends SparkTestBase {

  private static Row did(int minCell) {
    InputFixture in = new InputFixture()
        .add(Mous.NAME, "mou_id", "MOU-X", "signed_date", "2021-01-01")
        .program("program_id", "PRG-X", "mou_id", "MOU-X", "facility_id", "LAPAS-A");
    // facility, release date, reoffends
    Object[][] releases = {
        {"LAPAS-A", "2020-06-01", true}, {"LAPAS-A", "2020-07-01", false},   // pre inside: 1 of 2
        {"LAPAS-A", "2021-06-01", false}, {"LAPAS-A", "2021-07-01", false},  // post inside: 0 of 2
        {"LAPAS-B", "2020-06-01", true}, {"LAPAS-B", "2020-07-01", false},   // pre outside: 1 of 2
        {"LAPAS-B", "2021-06-01", true}, {"LAPAS-B", "2021-07-01", true},    // post outside: 2 of 2
        {"LAPAS-B", "2018-06-01", true}};                                  // more than 24 months before: left out
    for (int i = 0; i < releases.length; i++) {
      String released = (String) releases[i][1];
      in.release("release_id", "R" + i, "person_id", "P" + i, "facility_id", (String) releases[i][0],
          "admission_date", LocalDate.parse(released).minusYears(1).toString(), "release_date", released);
      if ((Boolean) releases[i][2]) {
        in.event("event_id", "V" + i, "person_id", "P" + i,
            "offence_date", LocalDate.parse(released).plusDays(60).toString(), "recorded_date", "");
      }
    }
    LocalDate asOf = LocalDate.parse("2025-12-31");
    Dataset<Row> analysis = ReleaseAnalysis.build(in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), in.frame(spark(), Reoffences.NAME),
        in.frame(spark(), Followups.NAME),
        new ReleaseAnalysis.Params(asOf, List.of(12), 6, List.of("CONVICTION", "READMISSION"), 90));
    return MouDid.compute(spark(), analysis, in.frame(spark(), Programs.NAME), in.frame(spark(), Mous.NAME),
        List.of(12), minCell).first();
  }

  @Test
  void differenceInDifferences_matchesHandComputation() {
    Row r = did(1);
    assertEquals("MOU-X", r.getAs("mou_id"));
    assertEquals(2L, r.<Long>getAs("pre_inside_eligible"));
    assertEquals(0.5, r.<Double>getAs("pre_inside_rate"), 1e-12);
    assertEquals(0.0, r.<Double>getAs("post_inside_rate"), 1e-12);
    assertEquals(0.5, r.<Double>getAs("pre_outside_rate"), 1e-12);
    assertEquals(2L, r.<Long>getAs("pre_outside_eligible"), "the 2018 release is outside the 24-month pre period");
    assertEquals(1.0, r.<Double>getAs("post_outside_rate"), 1e-12);
    // DiD = (0 - 0.5) - (1 - 0.5) = -1; se = sqrt(0.25/2 + 0 + 0.25/2 + 0) = 0.5.
    assertEquals(-1.0, r.<Double>getAs("did"), 1e-12);
    assertEquals(-1.0 - 1.959963984540054 * 0.5, r.<Double>getAs("ci_low"), 1e-12);
    assertEquals(-1.0 + 1.959963984540054 * 0.5, r.<Double>getAs("ci_high"), 1e-12);
  }

  @Test
  void smallCells_withholdTheRatesAndTheDid() {
    Row r = did(10);
    assertNull(r.getAs("pre_inside_eligible"));
    assertNull(r.getAs("did"));
    assertEquals(Boolean.TRUE, r.getAs("suppressed"));
  }

  @Test
  void releaseOnSignedDate_isPost_andTheDayBefore_isPre() {
    // MoU signed 2021-01-01, PRG-X at LAPAS-A (inside); LAPAS-B outside. One release per cell:
    // on 2020-12-31 (the day before: pre) and on 2021-01-01 (the signed date: post).
    // pre_in reoffends (1/1), post_in does not (0/1), pre_out does not (0/1), post_out does (1/1).
    // DiD = (0 - 1) - (1 - 0) = -2.
    Object[][] releases = {
        {"LAPAS-A", "2020-12-31", true}, {"LAPAS-A", "2021-01-01", false},
        {"LAPAS-B", "2020-12-31", false}, {"LAPAS-B", "2021-01-01", true}};
    Row r = didOf(releases, "2025-12-31", 1);
    assertEquals(1L, r.<Long>getAs("pre_inside_eligible"));
    assertEquals(1L, r.<Long>getAs("pre_inside_reoffended"));
    assertEquals(1L, r.<Long>getAs("post_inside_eligible"));
    assertEquals(0L, r.<Long>getAs("post_inside_reoffended"));
    assertEquals(1L, r.<Long>getAs("pre_outside_eligible"));
    assertEquals(0L, r.<Long>getAs("pre_outside_reoffended"));
    assertEquals(1L, r.<Long>getAs("post_outside_eligible"));
    assertEquals(1L, r.<Long>getAs("post_outside_reoffended"));
    assertEquals(-2.0, r.<Double>getAs("did"), 1e-12);
  }

  /**
   * mou_did for MOU-X (signed 2021-01-01; PRG-X at LAPAS-A = inside, any other facility outside),
   * window 12, waiting 6, from rows {facility, release date, reoffends (event 60 days later)[, release type]}.
   */
  private static Row didOf(Object[][] releases, String asOf, int minCell) {
    InputFixture in = new InputFixture()
        .add(Mous.NAME, "mou_id", "MOU-X", "signed_date", "2021-01-01")
        .program("program_id", "PRG-X", "mou_id", "MOU-X", "facility_id", "LAPAS-A");
    for (int i = 0; i < releases.length; i++) {
      String released = (String) releases[i][1];
      String type = releases[i].length > 3 ? (String) releases[i][3] : "BEBAS";
      in.release("release_id", "R" + i, "person_id", "P" + i, "facility_id", (String) releases[i][0],
          "admission_date", LocalDate.parse(released).minusYears(1).toString(), "release_date", released,
          "release_type", type);
      if ((Boolean) releases[i][2]) {
        in.event("event_id", "V" + i, "person_id", "P" + i,
            "offence_date", LocalDate.parse(released).plusDays(60).toString(), "recorded_date", "");
      }
    }
    Dataset<Row> analysis = ReleaseAnalysis.build(in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), in.frame(spark(), Reoffences.NAME),
        in.frame(spark(), Followups.NAME),
        new ReleaseAnalysis.Params(LocalDate.parse(asOf), List.of(12), 6, List.of("CONVICTION", "READMISSION"), 90));
    return MouDid.compute(spark(), analysis, in.frame(spark(), Programs.NAME), in.frame(spark(), Mous.NAME),
        List.of(12), minCell).first();
  }

  /** n releases of one cell, the first k of which reoffend. */
  private static List<Object[]> cell(String facility, String firstDate, int n, int k) {
    List<Object[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {facility, LocalDate.parse(firstDate).plusDays(i).toString(), i < k});
    }
    return rows;
  }

  @SafeVarargs
  private static Object[][] cells(List<Object[]>... parts) {
    List<Object[]> all = new java.util.ArrayList<>();
    for (List<Object[]> part : parts) {
      all.addAll(part);
    }
    return all.toArray(new Object[0][]);
  }

  @Test
  void releasesNotYetEligible_areLeftOutOfTheCells_notCountedAsNonReoffenders() {
    // As of 2022-12-31, window 12 + waiting 6 = 18 months: eligible iff release + 18 months <= as-of.
    // 2021-06-30 + 18 months = 2022-12-30 <= as-of: eligible. 2021-07-01 + 18 months = 2023-01-01
    // > as-of: not eligible (whether or not it reoffended). Pre releases (2020) are all eligible.
    Row r = didOf(new Object[][] {
        {"LAPAS-A", "2020-06-01", true}, {"LAPAS-A", "2020-07-01", false},   // pre inside: 1 of 2
        {"LAPAS-A", "2021-06-30", false}, {"LAPAS-A", "2021-07-01", false},  // post inside: 0 of 1 (2nd not eligible)
        {"LAPAS-B", "2020-06-01", true}, {"LAPAS-B", "2020-07-01", false},   // pre outside: 1 of 2
        {"LAPAS-B", "2021-06-30", true}, {"LAPAS-B", "2021-07-01", false},   // post outside: 1 of 1 (2nd not eligible)
        {"LAPAS-B", "2021-08-01", true}}, "2022-12-31", 1);                  // not eligible, reoffends: out too
    assertEquals(2L, r.<Long>getAs("pre_inside_eligible"));
    assertEquals(1L, r.<Long>getAs("post_inside_eligible"));
    assertEquals(0L, r.<Long>getAs("post_inside_reoffended"));
    assertEquals(1L, r.<Long>getAs("post_outside_eligible"));
    assertEquals(1L, r.<Long>getAs("post_outside_reoffended"));
    assertEquals(1.0, r.<Double>getAs("post_outside_rate"), 1e-12, "1 of 1, not 1 of 2 nor 2 of 3");
    // DiD = (0/1 - 1/2) - (1/1 - 1/2) = -1.
    assertEquals(-1.0, r.<Double>getAs("did"), 1e-12);
  }

  @Test
  void minCellThree_hidesSmallCounts_butZeroIsNotSmall() {
    // k = 3: a count of 1 or 2 is small, 0 is not.
    // pre inside 1 of 3: reoffended 1 is small -> its reoffended and rate hidden, eligible 3 shown.
    // post inside 2 of 3: non-reoffenders 3 - 2 = 1 small -> reoffended and rate hidden.
    // pre outside 0 of 2: eligible 2 small -> the whole cell hidden.
    // post outside 3 of 3: eligible 3, reoffended 3, non-reoffenders 0 (not small) -> shown, rate 1.
    // Any hidden cell withholds the DiD, its interval and p-value.
    Row r = didOf(cells(cell("LAPAS-A", "2020-06-01", 3, 1), cell("LAPAS-A", "2021-06-01", 3, 2),
        cell("LAPAS-B", "2020-06-01", 2, 0), cell("LAPAS-B", "2021-06-01", 3, 3)), "2025-12-31", 3);
    assertEquals(3L, r.<Long>getAs("pre_inside_eligible"));
    assertNull(r.getAs("pre_inside_reoffended"));
    assertNull(r.getAs("pre_inside_rate"));
    assertEquals(3L, r.<Long>getAs("post_inside_eligible"));
    assertNull(r.getAs("post_inside_reoffended"));
    assertNull(r.getAs("post_inside_rate"));
    assertNull(r.getAs("pre_outside_eligible"));
    assertNull(r.getAs("pre_outside_reoffended"));
    assertNull(r.getAs("pre_outside_rate"));
    assertEquals(3L, r.<Long>getAs("post_outside_eligible"));
    assertEquals(3L, r.<Long>getAs("post_outside_reoffended"));
    assertEquals(1.0, r.<Double>getAs("post_outside_rate"), 1e-12);
    assertNull(r.getAs("did"));
    assertNull(r.getAs("ci_low"));
    assertNull(r.getAs("ci_high"));
    assertNull(r.getAs("p_value"));
    assertEquals(Boolean.TRUE, r.getAs("suppressed"));
  }

  @Test
  void minCellThree_cellsWithZeroReoffendedOrZeroNonReoffenders_areShown() {
    // k = 3, every cell has 3 eligible: pre in 0/3, post in 3/3, pre out 0/3, post out 0/3.
    // Counts 0 and 3 are not small, so nothing is hidden.
    // DiD = (1 - 0) - (0 - 0) = 1; every p(1-p) = 0 so se = 0, CI = [1, 1], p = 0 (did != 0).
    Row r = didOf(cells(cell("LAPAS-A", "2020-06-01", 3, 0), cell("LAPAS-A", "2021-06-01", 3, 3),
        cell("LAPAS-B", "2020-06-01", 3, 0), cell("LAPAS-B", "2021-06-01", 3, 0)), "2025-12-31", 3);
    assertEquals(0L, r.<Long>getAs("pre_inside_reoffended"));
    assertEquals(0.0, r.<Double>getAs("pre_inside_rate"), 1e-12);
    assertEquals(3L, r.<Long>getAs("post_inside_reoffended"));
    assertEquals(1.0, r.<Double>getAs("post_inside_rate"), 1e-12);
    assertEquals(3L, r.<Long>getAs("pre_outside_eligible"));
    assertEquals(1.0, r.<Double>getAs("did"), 1e-12);
    assertEquals(1.0, r.<Double>getAs("ci_low"), 1e-12);
    assertEquals(1.0, r.<Double>getAs("ci_high"), 1e-12);
    assertEquals(0.0, r.<Double>getAs("p_value"), 1e-12);
    assertFalse(r.<Boolean>getAs("suppressed"));
  }

  @Test
  void preStartsExactly24MonthsBeforeSigning_andTransferOrDeathReleasesAreLeftOut() {
    // signed 2021-01-01 - 24 months = 2019-01-01: a release on 2019-01-01 is pre, 2018-12-31 neither.
    Row r = didOf(new Object[][] {
        {"LAPAS-A", "2019-01-01", true}, {"LAPAS-A", "2020-07-01", false},   // pre inside: 1 of 2
        {"LAPAS-A", "2018-12-31", true},                                     // one day too early: out
        {"LAPAS-A", "2020-06-01", true, "TRANSFER"},                         // not a follow-up start: out
        {"LAPAS-A", "2021-06-01", false},                                    // post inside: 0 of 1
        {"LAPAS-B", "2019-01-01", false}, {"LAPAS-B", "2018-12-31", true},   // pre outside: 0 of 1
        {"LAPAS-B", "2021-06-01", true}, {"LAPAS-B", "2021-07-01", false, "DEATH"}}, // post outside: 1 of 1
        "2025-12-31", 1);
    assertEquals(2L, r.<Long>getAs("pre_inside_eligible"));
    assertEquals(1L, r.<Long>getAs("pre_inside_reoffended"));
    assertEquals(1L, r.<Long>getAs("post_inside_eligible"));
    assertEquals(1L, r.<Long>getAs("pre_outside_eligible"));
    assertEquals(0L, r.<Long>getAs("pre_outside_reoffended"));
    assertEquals(1L, r.<Long>getAs("post_outside_eligible"));
    assertEquals(1L, r.<Long>getAs("post_outside_reoffended"));
    // DiD = (0 - 1/2) - (1 - 0) = -1.5.
    assertEquals(-1.5, r.<Double>getAs("did"), 1e-12);
  }

  @Test
  void pValueAndInterval_fromTheFourBinomialVariances_byHand() {
    // pre in 1/2 = 0.5, post in 1/4 = 0.25, pre out 1/4 = 0.25, post out 3/4 = 0.75.
    // DiD = (0.25 - 0.5) - (0.75 - 0.25) = -0.75.
    // se^2 = 0.25/2 + 3 * 0.1875/4 = 0.125 + 0.140625 = 0.265625, se = 0.5153882032022076.
    // z = -0.75 / se = -1.4552137502179978; p = erfc(|z| / sqrt 2) = 0.14561009539686703.
    Row r = didOf(cells(cell("LAPAS-A", "2020-06-01", 2, 1), cell("LAPAS-A", "2021-06-01", 4, 1),
        cell("LAPAS-B", "2020-06-01", 4, 1), cell("LAPAS-B", "2021-06-01", 4, 3)), "2025-12-31", 1);
    double se = Math.sqrt(0.265625);
    assertEquals(-0.75, r.<Double>getAs("did"), 1e-12);
    assertEquals(-0.75 - 1.959963984540054 * se, r.<Double>getAs("ci_low"), 1e-12);
    assertEquals(-0.75 + 1.959963984540054 * se, r.<Double>getAs("ci_high"), 1e-12);
    assertEquals(0.14561009539686703, r.<Double>getAs("p_value"), 1e-10);
    assertFalse(r.<Boolean>getAs("suppressed"));
  }
}
