package id.reintegrasi.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Training;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * program_participation worked by hand: enrollments by the quarter they started, and the
 * training delivered in each quarter (attendees are persons with a PRESENT session, counted once;
 * hours are PRESENT hours; certificates are counted whatever the attendance).
 */
class ProgramParticipationTest extends SparkTestBase {

  @Test
  void trainingPerQuarter_countsEachAttendeeOnce_andOnlyPresentHours() {
    InputFixture in = InputFixture.withCatalogue()
        // Q1 2020: P1 present twice (3 h + 2.5 h) and excused once (3 h, not counted);
        // P2 excused only (not an attendee, no hours); P3 present once (4 h), certificate.
        .session("session_id", "S1", "person_id", "P1", "session_date", "2020-03-02", "hours", "3")
        .session("session_id", "S2", "person_id", "P1", "session_date", "2020-03-09", "hours", "2.5")
        .session("session_id", "S3", "person_id", "P1", "session_date", "2020-03-16", "hours", "3",
            "attendance", "EXCUSED")
        .session("session_id", "S3", "person_id", "P2", "session_date", "2020-03-16", "hours", "3",
            "attendance", "EXCUSED")
        .session("session_id", "S4", "person_id", "P3", "session_date", "2020-03-31", "hours", "4",
            "certificate", "true")
        // Q2 2020: P1 present once (1 h, the session's first day of the quarter); P2 unexcused
        // with a certificate on record (counted as a certificate, not as an attendee).
        .session("session_id", "S5", "person_id", "P1", "session_date", "2020-04-01", "hours", "1")
        .session("session_id", "S5", "person_id", "P2", "session_date", "2020-04-01", "hours", "1",
            "attendance", "UNEXCUSED", "certificate", "true")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "enrolled_date", "2020-03-01")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "enrolled_date", "2020-03-01",
            "exit_status", "DROPPED")
        .enrollment("enrollment_id", "E3", "person_id", "P3", "enrolled_date", "2020-03-15", "exit_date", "",
            "exit_status", "ONGOING");

    List<String> actual = ProgramParticipation.compute(in.frame(spark(), Programs.NAME),
            in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), 1)
        .collectAsList().stream()
        .map(r -> String.join("|", r.<String>getAs("quarter"), String.valueOf(r.<Long>getAs("enrolled")),
            String.valueOf(r.<Long>getAs("completed")), String.valueOf(r.<Long>getAs("dropped")),
            String.valueOf(r.<Long>getAs("ongoing")), String.valueOf(r.<Long>getAs("attendees")),
            r.getAs("hours_present").toString(), String.valueOf(r.<Long>getAs("certificates")),
            String.valueOf(r.<Double>getAs("mean_hours"))))
        .collect(Collectors.toList());

    assertEquals(List.of(
        // 3 enrolled (1 completed, 1 dropped, 1 ongoing); P1 and P3 attended: 9.5 h, 4.75 h each.
        "2020-Q1|3|1|1|1|2|9.50|1|4.75",
        // no enrollment started; P1 attended 1 h; P2's certificate counts.
        "2020-Q2|0|0|0|0|1|1.00|1|1.0"), actual);
  }

  @Test
  void aWithheldEndedCount_takesOngoingWithIt() {
    // min-cell 3: 5 enrolled in 2020-Q1, 3 still ongoing, so 2 ended (1 completed, 1 dropped).
    // ended (2) is small; with enrolled 5 and ongoing 3 published it would be 5 - 3.
    InputFixture in = InputFixture.withCatalogue();
    String[] statuses = {"ONGOING", "ONGOING", "ONGOING", "COMPLETED", "DROPPED"};
    for (int i = 0; i < statuses.length; i++) {
      in.enrollment("enrollment_id", "E" + i, "person_id", "P" + i, "enrolled_date", "2020-03-01",
          "exit_date", statuses[i].equals("ONGOING") ? "" : "2020-03-20", "exit_status", statuses[i]);
    }
    Row row = ProgramParticipation.compute(in.frame(spark(), Programs.NAME),
            in.frame(spark(), Enrollments.NAME), in.frame(spark(), Training.NAME), 3)
        .filter("quarter = '2020-Q1'").first();
    assertEquals(5L, row.<Long>getAs("enrolled"));
    for (String column : List.of("ongoing", "ended", "completed", "dropped", "completion_rate")) {
      assertNull(row.getAs(column), column);
    }
    assertEquals(true, row.getAs("suppressed"));
  }
}
