package id.reintegrasi.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iowa DOC's three-year return-to-prison rates, reproduced by the job's cohort_outcomes from the
 * published release-level file (26,020 releases, fiscal years 2010-2015). The fiscal year's rate
 * is the sum over its four calendar-quarter cohorts (Iowa FY N = 2nd half of N-1 and 1st half
 * of N) of all facility and group cells.
 */
class IowaRecidivismTest extends RealDataTestBase {
  /** After the last possible window: the last FY2015 release (2015-06-30) + 36 months. */
  private static final String AS_OF = "2019-01-01";

  // Published by Iowa DOC (press, August 2016) and counted on the public file (README.md).
  private static final long FY2012_RETURNED = 1_510;
  private static final long FY2012_RELEASED = 4_740;
  private static final double FY2012_PRESS_PERCENT = 31.9;
  private static final long FY2013_RETURNED = 1_605;
  private static final long FY2013_RELEASED = 4_687;
  private static final double FY2013_PRESS_PERCENT = 34.2;
  private static final long ALL_RETURNED = 8_681;
  private static final long ALL_RELEASED = 26_020;
  private static final Map<Integer, Double> PERCENT_BY_FY = Map.of(
      2010, 30.33, 2011, 29.67, 2012, 31.86, 2013, 34.24, 2014, 35.39, 2015, 37.81);

  @TempDir
  static Path tmp;

  /** Per fiscal year: {releases, eligible, reoffended}, summed over the cohort_outcomes cells. */
  private static final Map<Integer, long[]> byFiscalYear = new TreeMap<>();
  private static Path out;

  @BeforeAll
  static void convertAndRun() {
    Path in = IowaConverter.convert(tmp.resolve("in"));
    out = tmp.resolve("out");
    runJob(in, out, "--as-of", AS_OF, "--windows", "36", "--waiting-months", "0");
    for (Row r : table(out, "cohort_outcomes").filter("window_months = 36").collectAsList()) {
      String cohort = r.getString(r.fieldIndex("cohort")); // e.g. 2011-Q3
      int year = Integer.parseInt(cohort.substring(0, 4));
      int quarter = Integer.parseInt(cohort.substring(6));
      int fiscalYear = quarter >= 3 ? year + 1 : year;
      long[] sums = byFiscalYear.computeIfAbsent(fiscalYear, fy -> new long[3]);
      sums[0] += longValue(r, "releases");
      sums[1] += longValue(r, "eligible");
      sums[2] += longValue(r, "reoffended");
    }
  }

  @Test
  void fy2012_returnRate_is1510of4740_31point9Percent() {
    long[] fy = byFiscalYear.get(2012);
    assertEquals(FY2012_RELEASED, fy[1], "FY2012 eligible");
    assertEquals(FY2012_RETURNED, fy[2], "FY2012 returned within 36 months");
    assertEquals(FY2012_PRESS_PERCENT, percent((double) fy[2] / fy[1], 1), 1e-9, "FY2012 rate, %");
  }

  @Test
  void fy2013_returnRate_is1605of4687_34point2Percent() {
    long[] fy = byFiscalYear.get(2013);
    assertEquals(FY2013_RELEASED, fy[1], "FY2013 eligible");
    assertEquals(FY2013_RETURNED, fy[2], "FY2013 returned within 36 months");
    assertEquals(FY2013_PRESS_PERCENT, percent((double) fy[2] / fy[1], 1), 1e-9, "FY2013 rate, %");
  }

  @Test
  void allSixFiscalYears_8681of26020Returned() {
    long eligible = byFiscalYear.values().stream().mapToLong(s -> s[1]).sum();
    long returned = byFiscalYear.values().stream().mapToLong(s -> s[2]).sum();
    assertEquals(ALL_RELEASED, eligible, "eligible, all years");
    assertEquals(ALL_RETURNED, returned, "returned, all years");
  }

  @Test
  void eachFiscalYear_rateMatchesPublishedToTwoDecimals() {
    assertEquals(PERCENT_BY_FY.keySet(), byFiscalYear.keySet(), "fiscal years found");
    for (Map.Entry<Integer, Double> e : PERCENT_BY_FY.entrySet()) {
      long[] fy = byFiscalYear.get(e.getKey());
      assertEquals(e.getValue(), percent((double) fy[2] / fy[1], 2), 1e-9, "FY" + e.getKey() + " rate, %");
    }
  }

  @Test
  void asOfAfterLastWindow_everyReleaseIsEligible() {
    for (Map.Entry<Integer, long[]> e : byFiscalYear.entrySet()) {
      assertEquals(e.getValue()[0], e.getValue()[1], "FY" + e.getKey() + " releases = eligible");
    }
  }

  @Test
  void largeCells_areNotSuppressed_andCellRatesAgreeWithCounts() {
    for (Row r : table(out, "cohort_outcomes").filter("window_months = 36").collectAsList()) {
      assertFalse(r.getBoolean(r.fieldIndex("suppressed")), "suppressed cell " + r);
      double rate = doubleValue(r, "rate");
      assertEquals((double) longValue(r, "reoffended") / longValue(r, "eligible"), rate, 1e-12, r.toString());
      assertBetween(doubleValue(r, "ci_low"), doubleValue(r, "ci_high"), rate, "rate inside its Wilson interval");
    }
  }

  @Test
  void convertedRows_passValidation_nothingQuarantined() {
    assertNothingQuarantined(out);
  }
}
