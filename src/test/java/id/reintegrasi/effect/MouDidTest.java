package id.reintegrasi.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    InputFixture in = new InputFixture()
        .add(Mous.NAME, "mou_id", "MOU-X", "signed_date", "2021-01-01")
        .program("program_id", "PRG-X", "mou_id", "MOU-X", "facility_id", "LAPAS-A");
    Object[][] releases = {
        {"LAPAS-A", "2020-12-31", true}, {"LAPAS-A", "2021-01-01", false},
        {"LAPAS-B", "2020-12-31", false}, {"LAPAS-B", "2021-01-01", true}};
    for (int i = 0; i < releases.length; i++) {
      String released = (String) releases[i][1];
      in.release("release_id", "R" + i, "person_id", "P" + i, "facility_id", (String) releases[i][0],
          "admission_date", "2020-01-01", "release_date", released);
      if ((Boolean) releases[i][2]) {
        in.event("event_id", "V" + i, "person_id", "P" + i,
            "offence_date", LocalDate.parse(released).plusDays(60).toString(), "recorded_date", "");
      }
    }
    Dataset<Row> analysis = ReleaseAnalysis.build(in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), in.frame(spark(), Reoffences.NAME),
        in.frame(spark(), Followups.NAME),
        new ReleaseAnalysis.Params(LocalDate.parse("2025-12-31"), List.of(12), 6, List.of("CONVICTION", "READMISSION"), 90));
    Row r = MouDid.compute(spark(), analysis, in.frame(spark(), Programs.NAME), in.frame(spark(), Mous.NAME),
        List.of(12), 1).first();
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
}
