package id.reintegrasi.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * dose_response worked by hand: what a release received of a subject's programs is summed over
 * the subject's programs (an MoU's two programs, ALL_MOU), and the exit status is COMPLETED over
 * DROPPED over the others.
 */
class DoseResponseTest extends SparkTestBase {

  @Test
  void mouLevel_sumsItsProgramsHoursAndSessions_andCompletedWinsOverDropped() {
    InputFixture in = InputFixture.withCatalogue()
        .program("program_id", "PRG-KOPI", "program_name", "Budidaya Kopi")
        .program("program_id", "PRG-AGAMA", "program_name", "Bimbingan Keagamaan", "category", "KEPRIBADIAN",
            "mou_id", "")
        // R1: barista completed (two sessions present, 3 h each; one excused, not counted) and
        // kopi dropped (one session, 15 h); reoffends on day 30.
        .release("release_id", "R1", "person_id", "P1")
        .enrollment("enrollment_id", "E1", "person_id", "P1", "program_id", "PRG-BARISTA")
        .enrollment("enrollment_id", "E2", "person_id", "P1", "program_id", "PRG-KOPI",
            "enrolled_date", "2020-03-20", "exit_date", "2020-04-02", "exit_status", "DROPPED")
        .session("session_id", "S1", "person_id", "P1", "session_date", "2020-03-02", "hours", "3")
        .session("session_id", "S2", "person_id", "P1", "session_date", "2020-03-09", "hours", "3")
        .session("session_id", "S3", "person_id", "P1", "session_date", "2020-03-16", "hours", "3",
            "attendance", "EXCUSED")
        .session("session_id", "K1", "person_id", "P1", "program_id", "PRG-KOPI", "session_date", "2020-04-01",
            "hours", "15")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2021-02-14", "recorded_date", "")
        // R2: a program under no MoU, still running, no session present.
        .release("release_id", "R2", "person_id", "P2")
        .enrollment("enrollment_id", "E3", "person_id", "P2", "program_id", "PRG-AGAMA", "exit_date", "",
            "exit_status", "ONGOING")
        // R3: both MoU programs, neither completed nor dropped: the MoU shows the later name.
        .release("release_id", "R3", "person_id", "P3")
        .enrollment("enrollment_id", "E4", "person_id", "P3", "program_id", "PRG-BARISTA",
            "exit_status", "TRANSFERRED")
        .enrollment("enrollment_id", "E5", "person_id", "P3", "program_id", "PRG-KOPI",
            "exit_date", "2021-01-15", "exit_status", "RELEASED");

    List<String> actual = DoseResponse.compute(ProgramEffectsTest.inCustodyPopulation(in), 1)
        .filter("window_months = 12").collectAsList().stream()
        .map(r -> String.join("|", r.<String>getAs("level"), r.<String>getAs("subject_id"), r.<String>getAs("dimension"),
            r.<String>getAs("band"), String.valueOf(r.<Long>getAs("eligible")), String.valueOf(r.<Long>getAs("reoffended"))))
        .sorted().collect(Collectors.toList());

    List<String> expected = List.of(
        // R1: 21 h and 3 sessions over the MoU's two programs, COMPLETED; R3: nothing, TRANSFERRED.
        "ALL_MOU|ALL_MOU|EXIT_STATUS|COMPLETED|1|1", "ALL_MOU|ALL_MOU|EXIT_STATUS|TRANSFERRED|1|0",
        "ALL_MOU|ALL_MOU|HOURS|0|1|0", "ALL_MOU|ALL_MOU|HOURS|20-49|1|1",
        "ALL_MOU|ALL_MOU|SESSIONS|0|1|0", "ALL_MOU|ALL_MOU|SESSIONS|3-5|1|1",
        "MOU|MOU-2025-SPN|EXIT_STATUS|COMPLETED|1|1", "MOU|MOU-2025-SPN|EXIT_STATUS|TRANSFERRED|1|0",
        "MOU|MOU-2025-SPN|HOURS|0|1|0", "MOU|MOU-2025-SPN|HOURS|20-49|1|1",
        "MOU|MOU-2025-SPN|SESSIONS|0|1|0", "MOU|MOU-2025-SPN|SESSIONS|3-5|1|1",
        "PROGRAM|PRG-AGAMA|EXIT_STATUS|ONGOING|1|0", "PROGRAM|PRG-AGAMA|HOURS|0|1|0",
        "PROGRAM|PRG-AGAMA|SESSIONS|0|1|0",
        // Barista alone: R1 6 h in 2 sessions; kopi alone: R1 15 h in 1 session, DROPPED.
        "PROGRAM|PRG-BARISTA|EXIT_STATUS|COMPLETED|1|1", "PROGRAM|PRG-BARISTA|EXIT_STATUS|TRANSFERRED|1|0",
        "PROGRAM|PRG-BARISTA|HOURS|0|1|0", "PROGRAM|PRG-BARISTA|HOURS|1-19|1|1",
        "PROGRAM|PRG-BARISTA|SESSIONS|0|1|0", "PROGRAM|PRG-BARISTA|SESSIONS|1-2|1|1",
        "PROGRAM|PRG-KOPI|EXIT_STATUS|DROPPED|1|1", "PROGRAM|PRG-KOPI|EXIT_STATUS|RELEASED|1|0",
        "PROGRAM|PRG-KOPI|HOURS|0|1|0", "PROGRAM|PRG-KOPI|HOURS|1-19|1|1",
        "PROGRAM|PRG-KOPI|SESSIONS|0|1|0", "PROGRAM|PRG-KOPI|SESSIONS|1-2|1|1");
    assertEquals(expected.stream().sorted().toList(), actual);
  }

  @Test
  void aLoneWithheldBand_takesTheNextSmallestOfItsDimensionWithIt() {
    // One subject and window, 104 eligible participants in each dimension. HOURS: band 0 has 4
    // (< 10): alone withheld, 104 - 30 - 20 - 50 would give it back, so the smallest other band
    // (20-49, 20) goes too. SESSIONS: 5 reoffenders in 1-2 (< 10): alone withheld, the 41 of
    // EXIT_STATUS minus 36 would give it back, so 3-5's reoffenders go too. EXIT_STATUS: nothing small.
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("level", DataTypes.StringType, false),
        DataTypes.createStructField("subject_id", DataTypes.StringType, false),
        DataTypes.createStructField("phase", DataTypes.StringType, false),
        DataTypes.createStructField("window_months", DataTypes.IntegerType, false),
        DataTypes.createStructField("dimension", DataTypes.StringType, false),
        DataTypes.createStructField("band", DataTypes.StringType, false),
        DataTypes.createStructField("eligible", DataTypes.LongType, false),
        DataTypes.createStructField("reoffended", DataTypes.LongType, false),
        DataTypes.createStructField("rate", DataTypes.DoubleType, true),
        DataTypes.createStructField("ci_low", DataTypes.DoubleType, true),
        DataTypes.createStructField("ci_high", DataTypes.DoubleType, true)));
    List<Row> rows = new ArrayList<>();
    Object[][] bands = {
        {"HOURS", "0", 4L, 1L}, {"HOURS", "1-19", 30L, 12L}, {"HOURS", "20-49", 20L, 8L}, {"HOURS", "50-99", 50L, 20L},
        {"SESSIONS", "1-2", 40L, 5L}, {"SESSIONS", "3-5", 64L, 36L},
        {"EXIT_STATUS", "COMPLETED", 60L, 25L}, {"EXIT_STATUS", "DROPPED", 44L, 16L}};
    for (Object[] b : bands) {
      double rate = (double) (Long) b[3] / (Long) b[2];
      rows.add(RowFactory.create("PROGRAM", "PRG-BARISTA", "IN_CUSTODY", 12, b[0], b[1], b[2], b[3], rate, rate, rate));
    }
    List<String> actual = DoseResponse.suppress(spark().createDataFrame(rows, schema), 10).collectAsList().stream()
        .map(r -> String.join("|", r.<String>getAs("dimension"), r.<String>getAs("band"),
            String.valueOf(r.<Long>getAs("eligible")), String.valueOf(r.<Long>getAs("reoffended")),
            String.valueOf(r.<Double>getAs("rate") != null), String.valueOf(r.<Boolean>getAs("suppressed"))))
        .sorted().toList();
    assertEquals(List.of(
        "EXIT_STATUS|COMPLETED|60|25|true|false", "EXIT_STATUS|DROPPED|44|16|true|false",
        "HOURS|0|null|null|false|true", "HOURS|1-19|30|12|true|false",
        "HOURS|20-49|null|null|false|true", "HOURS|50-99|50|20|true|false",
        "SESSIONS|1-2|40|null|false|true", "SESSIONS|3-5|64|null|false|true"), actual);
    // Nothing small, nothing withheld.
    assertTrue(DoseResponse.suppress(spark().createDataFrame(rows.subList(6, 8), schema), 10)
        .filter("suppressed").isEmpty());
  }

  @Test
  void hoursBands_atTheirBoundaries() {
    // METHOD.md bands 0, 1-19, 20-49, 50-99, 100+ over hours present (decimal(19,2), as summed):
    // 0 -> 0; 19 and 19.99 -> 1-19 (below 20); 20 -> 20-49; 49.99 -> 20-49; 50 -> 50-99;
    // 99.99 -> 50-99; 100 -> 100+.
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("hours", DataTypes.createDecimalType(19, 2), false)));
    String[][] expected = {
        {"0", "0"}, {"1", "1-19"}, {"19", "1-19"}, {"19.99", "1-19"}, {"20", "20-49"}, {"49", "20-49"},
        {"49.99", "20-49"}, {"50", "50-99"}, {"99", "50-99"}, {"99.99", "50-99"}, {"100", "100+"}, {"250.5", "100+"}};
    List<Row> rows = new ArrayList<>();
    for (String[] e : expected) {
      rows.add(RowFactory.create(new java.math.BigDecimal(e[0]).setScale(2)));
    }
    List<String> actual = spark().createDataFrame(rows, schema)
        .select(org.apache.spark.sql.functions.col("hours"),
            DoseResponse.hoursBand(org.apache.spark.sql.functions.col("hours")).as("band"))
        .collectAsList().stream()
        .map(r -> r.getDecimal(0).stripTrailingZeros().toPlainString() + "->" + r.getString(1))
        .sorted().toList();
    List<String> wanted = java.util.Arrays.stream(expected)
        .map(e -> new java.math.BigDecimal(e[0]).stripTrailingZeros().toPlainString() + "->" + e[1])
        .sorted().toList();
    assertEquals(wanted, actual);
  }
}
