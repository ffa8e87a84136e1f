package id.reintegrasi.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of METHOD.md's "Observations and follow-up" and "Groups": each builds the
 * analysis table from a few rows written here and checks one release's outcome by hand.
 */
class ReleaseAnalysisTest extends SparkTestBase {
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final List<Integer> WINDOWS = List.of(6, 12, 24, 36);

  private static Map<String, Row> analyse(InputFixture in, LocalDate asOf, List<Integer> windows,
      boolean countArrests) {
    ReleaseAnalysis.Params params = new ReleaseAnalysis.Params(asOf, windows, 6,
        countArrests ? List.of("ARREST", "CONVICTION", "READMISSION") : List.of("CONVICTION", "READMISSION"), 90);
    List<Row> rows = ReleaseAnalysis.build(
        in.frame(spark(), Releases.NAME), in.frame(spark(), Programs.NAME),
        in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME),
        in.frame(spark(), Reoffences.NAME), in.frame(spark(), Followups.NAME), params).collectAsList();
    Map<String, Row> byRelease = new HashMap<>();
    rows.forEach(r -> byRelease.put(r.getAs(ReleaseAnalysis.RELEASE_ID), r));
    return byRelease;
  }

  private static Map<String, Row> analyse(InputFixture in) {
    return analyse(in, AS_OF, WINDOWS, false);
  }

  /** The outcome struct of a release for a window. */
  private static Row outcome(Row release, int window) {
    return outcome(release, ReleaseAnalysis.OUTCOMES, window);
  }

  private static Row outcome(Row release, String column, int window) {
    List<Row> outcomes = release.getList(release.fieldIndex(column));
    return outcomes.stream().filter(o -> o.<Integer>getAs("window_months") == window).findFirst().orElseThrow();
  }

  private static boolean eligible(Row o) {
    return o.getAs("eligible");
  }

  private static Boolean reoffended(Row o) {
    return o.getAs("reoffended");
  }

  @Test
  void recentRelease_isNotEligibleYet_andNeverCountedAsNonReoffender() {
    // Released 2025-03-01: 6 months + 6 waiting = 2026-03-01 > as-of 2025-12-31.
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "admission_date", "2024-01-01", "release_date", "2025-03-01");
    Row o = outcome(analyse(in).get("R1"), 6);
    assertFalse(eligible(o));
    assertNull(reoffended(o), "not yet eligible must not read as 'did not reoffend'");
    assertNull(o.getAs("events"));
  }

  @Test
  void eligibility_needsWindowPlusWaitingBeforeAsOf_boundaryInclusive() {
    // 2024-12-31 + (6 + 6) months = 2025-12-31 = as-of: eligible; one day later: not.
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "admission_date", "2024-01-01", "release_date", "2024-12-31")
        .release("release_id", "R2", "person_id", "P2", "admission_date", "2024-01-01", "release_date", "2025-01-01");
    Map<String, Row> a = analyse(in);
    assertTrue(eligible(outcome(a.get("R1"), 6)));
    assertFalse(eligible(outcome(a.get("R2"), 6)));
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R1"), 6)));
  }

  @Test
  void eventOnLastDayOfWindow_isCounted_andDayAfter_isNot() {
    // Release 2021-01-15; 12-month window ends 2022-01-15 inclusive.
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "release_date", "2021-01-15")
        .release("release_id", "R2", "person_id", "P2", "release_date", "2021-01-15")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2022-01-15", "recorded_date", "2022-02-01")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2022-01-16", "recorded_date", "2022-02-01");
    Map<String, Row> a = analyse(in);
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R1"), 12)));
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R2"), 12)));
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R2"), 24)));
    assertEquals(365, (int) outcome(a.get("R1"), 12).getAs("days_to_first"));
  }

  @Test
  void eventOnReleaseDay_isNotCounted() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "release_date", "2021-01-15")
        .event("offence_date", "2021-01-15", "recorded_date", "2021-02-01");
    Row o = outcome(analyse(in).get("R1"), 36);
    assertEquals(Boolean.FALSE, reoffended(o));
    assertEquals(0, (int) o.getAs("events"));
  }

  @Test
  void eventBeforeRelease_isNotCounted() {
    // An offence during an earlier period at liberty does not count for this release.
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R0", "admission_date", "2017-01-01", "release_date", "2018-01-01")
        .release("release_id", "R1", "admission_date", "2019-06-01", "release_date", "2021-01-15")
        .event("offence_date", "2019-05-01", "recorded_date", "2019-05-20");
    Map<String, Row> a = analyse(in);
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R1"), 36)));
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R0"), 24)));
  }

  @Test
  void recordedWithinWaitingPeriod_isCounted_recordedAfter_isNot() {
    // Release 2021-01-15, 12-month window: offence by 2022-01-15, recorded by 2022-07-15.
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "release_date", "2021-01-15")
        .release("release_id", "R2", "person_id", "P2", "release_date", "2021-01-15")
        .release("release_id", "R3", "person_id", "P3", "release_date", "2021-01-15")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2021-12-01", "recorded_date", "2022-07-15")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2021-12-01", "recorded_date", "2022-07-16")
        .event("event_id", "V3", "person_id", "P3", "offence_date", "2021-12-01", "recorded_date", "");
    Map<String, Row> a = analyse(in);
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R1"), 12)));
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R2"), 12)));
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R2"), 24)), "counted in the longer window");
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R3"), 12)), "no recorded_date: offence date decides");
  }

  @Test
  void transferAndDeathReleases_areNotFollowUpStarts() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "release_type", "TRANSFER")
        .release("release_id", "R2", "person_id", "P2", "release_type", "DEATH")
        .release("release_id", "R3", "person_id", "P3", "release_type", "PB")
        .event("person_id", "P1", "offence_date", "2021-03-01");
    Map<String, Row> a = analyse(in);
    assertFalse(a.get("R1").<Boolean>getAs(ReleaseAnalysis.FOLLOW_UP_START));
    assertFalse(a.get("R2").<Boolean>getAs(ReleaseAnalysis.FOLLOW_UP_START));
    assertTrue(a.get("R3").<Boolean>getAs(ReleaseAnalysis.FOLLOW_UP_START));
    assertFalse(eligible(outcome(a.get("R1"), 12)));
    assertNull(reoffended(outcome(a.get("R1"), 12)));
  }

  @Test
  void personWithTwoReleases_eachReleaseIsFollowedOnItsOwn() {
    // P1: released 2020-01-10, readmitted after an offence on 2020-05-01, released again 2021-06-01,
    // then an offence on 2023-01-10.
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "admission_date", "2019-01-01", "release_date", "2020-01-10")
        .release("release_id", "R2", "admission_date", "2020-05-05", "release_date", "2021-06-01")
        .event("event_id", "V1", "offence_date", "2020-05-01", "recorded_date", "2020-05-05", "event_type", "READMISSION")
        .event("event_id", "V2", "offence_date", "2023-01-10", "recorded_date", "2023-02-01");
    Map<String, Row> a = analyse(in);
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R1"), 6)));
    assertEquals(1, (int) outcome(a.get("R1"), 12).getAs("events"));
    assertEquals(2, (int) outcome(a.get("R1"), 36).getAs("events"), "the 2023 offence is within 36 months of R1");
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R2"), 12)));
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R2"), 24)));
    assertEquals(588, (int) outcome(a.get("R2"), 24).getAs("days_to_first"));
  }

  @Test
  void arrest_isCountedOnlyWithCountArrests() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "release_date", "2021-01-15")
        .event("offence_date", "2021-03-01", "recorded_date", "", "event_type", "ARREST");
    assertEquals(Boolean.FALSE, reoffended(outcome(analyse(in, AS_OF, WINDOWS, false).get("R1"), 12)));
    assertEquals(Boolean.TRUE, reoffended(outcome(analyse(in, AS_OF, WINDOWS, true).get("R1"), 12)));
  }

  @Test
  void windowEnd_isClampedToMonthEnd() {
    // 2023-01-31 + 1 month = 2023-02-28 (METHOD.md).
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "admission_date", "2022-01-01", "release_date", "2023-01-31")
        .release("release_id", "R2", "person_id", "P2", "admission_date", "2022-01-01", "release_date", "2023-01-31")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2023-02-28", "recorded_date", "")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2023-03-01", "recorded_date", "");
    Map<String, Row> a = analyse(in, AS_OF, List.of(1, 12), false);
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R1"), 1)));
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R2"), 1)));
  }

  @Test
  void enrollmentInsideSpell_isParticipation_beforeAdmissionOrAfterRelease_isNot() {
    // Spell 2020-01-01 .. 2021-01-15 for all three.
    InputFixture in = InputFixture.withCatalogue()
        .program("program_id", "PRG-AGAMA", "mou_id", "", "category", "KEPRIBADIAN")
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2")
        .release("release_id", "R3", "person_id", "P3")
        .release("release_id", "R4", "person_id", "P4")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "enrolled_date", "2020-01-01")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "enrolled_date", "2019-12-31")
        .enrollment("enrollment_id", "E3", "person_id", "P3", "enrolled_date", "2021-01-16")
        .enrollment("enrollment_id", "E4", "person_id", "P4", "program_id", "PRG-AGAMA",
            "enrolled_date", "2021-01-15", "exit_status", "DROPPED");
    Map<String, Row> a = analyse(in);
    assertEquals(ReleaseAnalysis.MOU_PARTICIPANT, a.get("R1").getAs(ReleaseAnalysis.GROUP));
    assertEquals(List.of("PRG-BARISTA"), a.get("R1").getList(a.get("R1").fieldIndex(ReleaseAnalysis.IN_CUSTODY_PROGRAMS)));
    assertEquals(List.of("MOU-2025-SPN"), a.get("R1").getList(a.get("R1").fieldIndex(ReleaseAnalysis.IN_CUSTODY_MOUS)));
    assertEquals(ReleaseAnalysis.NON_PARTICIPANT, a.get("R2").getAs(ReleaseAnalysis.GROUP));
    assertEquals(ReleaseAnalysis.NON_PARTICIPANT, a.get("R3").getAs(ReleaseAnalysis.GROUP));
    assertEquals(ReleaseAnalysis.OTHER_PARTICIPANT, a.get("R4").getAs(ReleaseAnalysis.GROUP),
        "dropping out still counts as participation (intention to treat)");
  }

  @Test
  void severalPrograms_giveSortedDistinctProgramsMousAndSubjects_perPhase() {
    // R1 (spell 2020-01-01 .. 2021-01-15): in custody PRG-BARISTA (MOU-2025-SPN) twice, PRG-AGAMA
    // (no MoU), PRG-ZZ-LAS (MOU-2021-A); after release PRG-WIRAUSAHA (MOU-2025-SPN) on day 30.
    // R2 only PRG-AGAMA: a program but no MoU, so no MoU subject and no ALL_MOU.
    InputFixture in = InputFixture.withCatalogue()
        .add(id.reintegrasi.schema.Mous.NAME, "mou_id", "MOU-2021-A", "signed_date", "2019-01-01")
        .program("program_id", "PRG-AGAMA", "mou_id", "", "category", "KEPRIBADIAN")
        .program("program_id", "PRG-ZZ-LAS", "mou_id", "MOU-2021-A")
        .program("program_id", "PRG-WIRAUSAHA", "phase", "POST_RELEASE", "category", "PASCA_BEBAS", "facility_id", "")
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "program_id", "PRG-ZZ-LAS", "enrolled_date", "2020-02-01")
        .enrollment("enrollment_id", "E2", "person_id", "P1", "program_id", "PRG-BARISTA", "enrolled_date", "2020-03-01",
            "exit_status", "DROPPED")
        .enrollment("enrollment_id", "E3", "person_id", "P1", "program_id", "PRG-BARISTA", "enrolled_date", "2020-09-01")
        .enrollment("enrollment_id", "E4", "person_id", "P1", "program_id", "PRG-AGAMA", "enrolled_date", "2020-04-01")
        .enrollment("enrollment_id", "E5", "person_id", "P1", "program_id", "PRG-WIRAUSAHA", "enrolled_date", "2021-02-14")
        .enrollment("enrollment_id", "E6", "person_id", "P2", "program_id", "PRG-AGAMA", "enrolled_date", "2020-04-01")
        .session("session_id", "S1", "person_id", "P1", "program_id", "PRG-BARISTA", "session_date", "2020-03-02", "hours", "3")
        .session("session_id", "S2", "person_id", "P1", "program_id", "PRG-BARISTA", "session_date", "2020-09-02", "hours", "2.25")
        .session("session_id", "S3", "person_id", "P1", "program_id", "PRG-AGAMA", "session_date", "2020-04-02", "hours", "1");
    Map<String, Row> a = analyse(in);
    Row r1 = a.get("R1");
    assertEquals(List.of("PRG-AGAMA", "PRG-BARISTA", "PRG-ZZ-LAS"), r1.getList(r1.fieldIndex(ReleaseAnalysis.IN_CUSTODY_PROGRAMS)));
    assertEquals(List.of("MOU-2021-A", "MOU-2025-SPN"), r1.getList(r1.fieldIndex(ReleaseAnalysis.IN_CUSTODY_MOUS)));
    assertEquals(List.of("PRG-WIRAUSAHA"), r1.getList(r1.fieldIndex(ReleaseAnalysis.POST_RELEASE_PROGRAMS)));
    assertEquals(List.of("MOU-2025-SPN"), r1.getList(r1.fieldIndex(ReleaseAnalysis.POST_RELEASE_MOUS)));
    assertEquals(List.of("PROGRAM:PRG-AGAMA", "PROGRAM:PRG-BARISTA", "PROGRAM:PRG-ZZ-LAS",
        "MOU:MOU-2021-A", "MOU:MOU-2025-SPN", "ALL_MOU:ALL_MOU"), subjects(r1, ReleaseAnalysis.IN_CUSTODY_SUBJECTS));
    assertEquals(List.of("PROGRAM:PRG-WIRAUSAHA", "MOU:MOU-2025-SPN", "ALL_MOU:ALL_MOU"),
        subjects(r1, ReleaseAnalysis.POST_RELEASE_SUBJECTS));
    // Details: one per program, sorted by program; hours and the latest enrollment's status.
    List<Row> details = r1.getList(r1.fieldIndex(ReleaseAnalysis.IN_CUSTODY_DETAILS));
    assertEquals(List.of("PRG-AGAMA", "PRG-BARISTA", "PRG-ZZ-LAS"), details.stream().map(d -> d.<String>getAs("program_id")).toList());
    assertEquals(0, new BigDecimal("5.25").compareTo(details.get(1).getAs("hours_present")));
    assertEquals(2L, (long) details.get(1).<Long>getAs("sessions_present"));
    assertEquals("COMPLETED", details.get(1).getAs("exit_status"), "the latest enrollment's status");
    assertEquals(0, new BigDecimal("0.00").compareTo(details.get(2).getAs("hours_present")), "enrolled, never present");
    assertEquals(0, new BigDecimal("6.25").compareTo(r1.getAs(ReleaseAnalysis.HOURS_PRESENT)));
    Row r2 = a.get("R2");
    assertEquals(ReleaseAnalysis.OTHER_PARTICIPANT, r2.getAs(ReleaseAnalysis.GROUP));
    assertTrue(r2.getList(r2.fieldIndex(ReleaseAnalysis.IN_CUSTODY_MOUS)).isEmpty());
    assertEquals(List.of("PROGRAM:PRG-AGAMA"), subjects(r2, ReleaseAnalysis.IN_CUSTODY_SUBJECTS));
    assertTrue(subjects(r2, ReleaseAnalysis.POST_RELEASE_SUBJECTS).isEmpty());
  }

  private static List<String> subjects(Row release, String column) {
    List<Row> subjects = release.getList(release.fieldIndex(column));
    return subjects.stream().map(s -> s.getString(0) + ":" + s.getString(1)).toList();
  }

  @Test
  void hoursPresent_countsOnlyPresentSessionsInsideTheSpell() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1")
        .enrollment()
        .session("session_id", "S1", "session_date", "2020-03-02", "hours", "3")
        .session("session_id", "S2", "session_date", "2020-03-09", "hours", "2.5")
        .session("session_id", "S3", "session_date", "2020-03-16", "hours", "4", "attendance", "EXCUSED")
        .session("session_id", "S4", "session_date", "2021-02-01", "hours", "4");
    Row r = analyse(in).get("R1");
    assertEquals(0, new BigDecimal("5.50").compareTo(r.getAs(ReleaseAnalysis.HOURS_PRESENT)));
    List<Row> details = r.getList(r.fieldIndex(ReleaseAnalysis.IN_CUSTODY_DETAILS));
    assertEquals(1, details.size());
    assertEquals("COMPLETED", details.get(0).getAs("exit_status"));
  }

  /**
   * Two releases of one person whose custody spells overlap (June 2020 to January 2021): a
   * session in the overlap is in both releases' hours, each release's participation being its own.
   */
  @Test
  void hoursPresent_ofOverlappingSpells_countTheSharedSessionForBoth() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1") // 2020-01-01 to 2021-01-15
        .release("release_id", "R2", "admission_date", "2020-06-01", "release_date", "2021-06-30")
        .enrollment("enrollment_id", "E1") // 2020-03-01, in R1's spell
        .enrollment("enrollment_id", "E2", "enrolled_date", "2020-07-01") // in both
        .session("session_id", "S1", "session_date", "2020-03-02", "hours", "3") // R1 only
        .session("session_id", "S2", "session_date", "2020-08-03", "hours", "2") // R1 and R2
        .session("session_id", "S3", "session_date", "2021-03-01", "hours", "4"); // R2 only
    Map<String, Row> byRelease = analyse(in);
    assertEquals(0, new BigDecimal("5.00").compareTo(byRelease.get("R1").getAs(ReleaseAnalysis.HOURS_PRESENT)));
    assertEquals(0, new BigDecimal("6.00").compareTo(byRelease.get("R2").getAs(ReleaseAnalysis.HOURS_PRESENT)));
    for (String release : List.of("R1", "R2")) {
      Row r = byRelease.get(release);
      List<Row> details = r.getList(r.fieldIndex(ReleaseAnalysis.IN_CUSTODY_DETAILS));
      assertEquals(1, details.size(), release);
      assertEquals(2L, details.get(0).<Long>getAs("sessions_present"), release);
    }
  }

  @Test
  void postReleaseProgram_within90Days_isParticipation_andLandmarkStartsAtDay90() {
    // Release 2021-01-15; landmark 2021-04-15. P1 enrolled on day 30, P2 on day 91.
    InputFixture in = InputFixture.withCatalogue()
        .program("program_id", "PRG-WIRAUSAHA", "phase", "POST_RELEASE", "category", "PASCA_BEBAS", "facility_id", "")
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2")
        .release("release_id", "R3", "person_id", "P3")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "program_id", "PRG-WIRAUSAHA", "enrolled_date", "2021-02-14")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "program_id", "PRG-WIRAUSAHA", "enrolled_date", "2021-04-16")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2021-05-15", "recorded_date", "")
        .event("event_id", "V3", "person_id", "P3", "offence_date", "2021-03-01", "recorded_date", "");
    Map<String, Row> a = analyse(in);
    assertEquals(List.of("PRG-WIRAUSAHA"), a.get("R1").getList(a.get("R1").fieldIndex(ReleaseAnalysis.POST_RELEASE_PROGRAMS)));
    assertTrue(a.get("R2").getList(a.get("R2").fieldIndex(ReleaseAnalysis.POST_RELEASE_PROGRAMS)).isEmpty());
    assertEquals(ReleaseAnalysis.NON_PARTICIPANT, a.get("R1").getAs(ReleaseAnalysis.GROUP), "post-release is not an in-custody group");
    assertFalse(a.get("R1").<Boolean>getAs(ReleaseAnalysis.EVENT_BEFORE_LANDMARK));
    assertTrue(a.get("R3").<Boolean>getAs(ReleaseAnalysis.EVENT_BEFORE_LANDMARK));
    Row landmark = outcome(a.get("R1"), ReleaseAnalysis.LANDMARK_OUTCOMES, 6);
    assertEquals(Boolean.TRUE, reoffended(landmark));
    assertEquals(30, (int) landmark.getAs("days_to_first"), "days from the landmark 2021-04-15");
  }

  @Test
  void covariateBands_followMethod() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "birth_year", "1997", "sentence_months", "11", "prior_convictions", "0")
        .release("release_id", "R2", "person_id", "P2", "birth_year", "1996", "sentence_months", "12", "prior_convictions", "1")
        .release("release_id", "R3", "person_id", "P3", "birth_year", "1977", "sentence_months", "59", "prior_convictions", "3")
        .release("release_id", "R4", "person_id", "P4", "birth_year", "1976", "sentence_months", "60", "prior_convictions", "4");
    Map<String, Row> a = analyse(in);
    // Released in 2021: ages 24, 25, 44, 45.
    assertEquals(List.of("<25", "<12", "0", "2021-Q1"), bands(a.get("R1")));
    assertEquals(List.of("25-34", "12-35", "1", "2021-Q1"), bands(a.get("R2")));
    assertEquals(List.of("35-44", "36-59", "2-3", "2021-Q1"), bands(a.get("R3")));
    assertEquals(List.of("45+", "60+", "4+", "2021-Q1"), bands(a.get("R4")));
  }

  private static List<String> bands(Row r) {
    return List.of(r.getAs(ReleaseAnalysis.AGE_BAND), r.getAs(ReleaseAnalysis.SENTENCE_BAND),
        r.getAs(ReleaseAnalysis.PRIOR_BAND), r.getAs(ReleaseAnalysis.COHORT));
  }

  @Test
  void employment_isTakenFromTheFirstFollowupWithin180Days() {
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2")
        .release("release_id", "R3", "person_id", "P3")
        .release("release_id", "R4", "person_id", "P4")
        .followup("person_id", "P1", "followup_date", "2021-03-01", "employment_status", "SELF_EMPLOYED")
        .followup("person_id", "P1", "followup_date", "2021-05-01", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P2", "followup_date", "2021-02-01", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P3", "followup_date", "2021-08-01", "employment_status", "EMPLOYED")
        // Two follow-ups on the first day: the first status alphabetically is taken.
        .followup("person_id", "P4", "followup_date", "2021-02-10", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P4", "followup_date", "2021-02-10", "employment_status", "SELF_EMPLOYED")
        .followup("person_id", "P4", "followup_date", "2021-02-11", "employment_status", "UNKNOWN");
    Map<String, Row> a = analyse(in);
    assertEquals(Boolean.TRUE, a.get("R1").getAs(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP));
    assertEquals(Boolean.FALSE, a.get("R2").getAs(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP));
    assertNull(a.get("R3").getAs(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP), "first follow-up after 180 days");
    assertEquals(Boolean.TRUE, a.get("R4").getAs(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP));
  }

  @Test
  void postReleaseProgram_enrolledInsideTheSpell_isNeitherInCustodyNorPostReleaseParticipation() {
    // Spell 2020-01-01 .. 2021-01-15; a POST_RELEASE program enrolled on 2020-06-01 (in the spell,
    // 228 days before release). Not IN_CUSTODY, so no in-custody participation: NON_PARTICIPANT.
    // Not within 0..90 days after release, so no post-release participation either.
    InputFixture in = InputFixture.withCatalogue()
        .program("program_id", "PRG-WIRAUSAHA", "phase", "POST_RELEASE", "category", "PASCA_BEBAS", "facility_id", "")
        .release("release_id", "R1", "person_id", "P1")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "program_id", "PRG-WIRAUSAHA",
            "enrolled_date", "2020-06-01", "exit_date", "2020-08-01");
    Row r = analyse(in).get("R1");
    assertEquals(ReleaseAnalysis.NON_PARTICIPANT, r.getAs(ReleaseAnalysis.GROUP));
    assertTrue(r.getList(r.fieldIndex(ReleaseAnalysis.IN_CUSTODY_PROGRAMS)).isEmpty());
    assertTrue(r.getList(r.fieldIndex(ReleaseAnalysis.IN_CUSTODY_MOUS)).isEmpty());
    assertTrue(r.getList(r.fieldIndex(ReleaseAnalysis.POST_RELEASE_PROGRAMS)).isEmpty());
    assertTrue(subjects(r, ReleaseAnalysis.IN_CUSTODY_SUBJECTS).isEmpty());
    assertTrue(subjects(r, ReleaseAnalysis.POST_RELEASE_SUBJECTS).isEmpty());
  }

  @Test
  void postReleaseProgram_enrolledOnDay0AndDay90_counts_day91_doesNot() {
    // Release 2021-01-15. Day 0 = 2021-01-15; day 90 = 2021-01-15 + 16 (to Jan 31) + 28 (Feb)
    // + 31 (Mar) + 15 = 2021-04-15; day 91 = 2021-04-16. Landmark option 90.
    InputFixture in = InputFixture.withCatalogue()
        .program("program_id", "PRG-WIRAUSAHA", "phase", "POST_RELEASE", "category", "PASCA_BEBAS", "facility_id", "")
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2")
        .release("release_id", "R3", "person_id", "P3")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "program_id", "PRG-WIRAUSAHA",
            "enrolled_date", "2021-01-15", "exit_date", "2021-03-01")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "program_id", "PRG-WIRAUSAHA",
            "enrolled_date", "2021-04-15", "exit_date", "2021-06-01")
        .enrollment("enrollment_id", "E3", "person_id", "P3", "program_id", "PRG-WIRAUSAHA",
            "enrolled_date", "2021-04-16", "exit_date", "2021-06-01");
    Map<String, Row> a = analyse(in);
    for (String release : List.of("R1", "R2")) {
      Row r = a.get(release);
      assertEquals(List.of("PRG-WIRAUSAHA"), r.getList(r.fieldIndex(ReleaseAnalysis.POST_RELEASE_PROGRAMS)), release);
      assertEquals(List.of("MOU-2025-SPN"), r.getList(r.fieldIndex(ReleaseAnalysis.POST_RELEASE_MOUS)), release);
      assertEquals(ReleaseAnalysis.NON_PARTICIPANT, r.getAs(ReleaseAnalysis.GROUP),
          release + ": day 0 is the release day, but a post-release program is never in-custody participation");
    }
    Row r3 = a.get("R3");
    assertTrue(r3.getList(r3.fieldIndex(ReleaseAnalysis.POST_RELEASE_PROGRAMS)).isEmpty());
    assertTrue(subjects(r3, ReleaseAnalysis.POST_RELEASE_SUBJECTS).isEmpty());
  }

  @Test
  void windowEnd_isNotClampedWhenTheStartIsNotAMonthEnd_2023_02_28PlusOneMonth() {
    // METHOD.md: 2023-02-28 + 1 month = 2023-03-28 (not the month end 2023-03-31), and
    // 2023-02-28 + 12 months = 2024-02-28 (not the leap-year month end 2024-02-29).
    InputFixture in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1", "admission_date", "2022-01-01", "release_date", "2023-02-28")
        .release("release_id", "R2", "person_id", "P2", "admission_date", "2022-01-01", "release_date", "2023-02-28")
        .release("release_id", "R3", "person_id", "P3", "admission_date", "2022-01-01", "release_date", "2023-02-28")
        .release("release_id", "R4", "person_id", "P4", "admission_date", "2022-01-01", "release_date", "2023-02-28")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2023-03-28", "recorded_date", "")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2023-03-29", "recorded_date", "")
        .event("event_id", "V3", "person_id", "P3", "offence_date", "2024-02-28", "recorded_date", "")
        .event("event_id", "V4", "person_id", "P4", "offence_date", "2024-02-29", "recorded_date", "");
    Map<String, Row> a = analyse(in, AS_OF, List.of(1, 12), false);
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R1"), 1)));
    assertEquals(28, (int) outcome(a.get("R1"), 1).getAs("days_to_first"), "2023-02-28 to 2023-03-28");
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R2"), 1)));
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R2"), 12)));
    assertEquals(Boolean.TRUE, reoffended(outcome(a.get("R3"), 12)));
    assertEquals(Boolean.FALSE, reoffended(outcome(a.get("R4"), 12)));
  }
}
