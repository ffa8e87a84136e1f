package id.reintegrasi.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rossi, Berk and Lenihan's randomised financial-aid experiment: since aid was assigned at random,
 * the job's matched effect of {@code PRG-FIN-AID} must land close to the published raw result
 * (arrested within a year: 48 of 216 with aid, 66 of 216 without; difference -8.3 points, 95% CI
 * about -16.6 to -0.1, p about 0.048; Cox p for aid about 0.04).
 *
 * <p>Why some tolerances are wider than "close to the raw result": coarsened exact matching on age
 * band and prior-convictions band (METHOD.md) reweights the comparison group. On these 432 men
 * the reweighted comparison rate is 0.2916 instead of 0.3056, so the matched difference is -0.069
 * and its p-value 0.109 (hand computation from the strata in {@link #STRATA}, checked exactly in
 * {@link #matchedEffect_equalsHandComputedCoarsenedExactMatching}). The published p (0.048) is for
 * the unmatched difference (checked in {@link #naiveDifference_equalsPublishedRawResult}); the
 * matched p is therefore allowed up to 0.15, and the weighted log-rank p (0.099 by hand) up to 0.12.
 */
class RossiExperimentTest extends RealDataTestBase {
  private static final String AS_OF = "2021-12-31";
  /** Days from release (2019-01-07) to the end of the 12-month window (2020-01-07). */
  private static final int WINDOW_END_DAY = 365;

  // Published figures (Rossi et al. 1980; Fox's Cox appendix; README.md).
  private static final int AIDED = 216;
  private static final int AIDED_ARRESTED = 48;
  private static final int NOT_AIDED = 216;
  private static final int NOT_AIDED_ARRESTED = 66;
  private static final double RAW_DIFFERENCE = (double) AIDED_ARRESTED / AIDED - (double) NOT_AIDED_ARRESTED / NOT_AIDED;

  /**
   * The CEM strata of Rossi.csv under METHOD.md's bands (everyone is male, one offence code, one
   * sentence band, one release year, so only age band and prior band vary), counted by hand from
   * the file: {treated, comparison, treated arrested, comparison arrested}. No stratum lacks a
   * treated or a comparison man, so all 216 aided men are matched.
   */
  private static final Object[][] STRATA = {
      {"<25", "0", 11, 11, 3, 3},
      {"<25", "1", 37, 32, 6, 8},
      {"<25", "2-3", 46, 51, 13, 15},
      {"<25", "4+", 44, 46, 14, 23},
      {"25-34", "0", 5, 6, 2, 2},
      {"25-34", "1", 16, 19, 3, 2},
      {"25-34", "2-3", 19, 24, 2, 6},
      {"25-34", "4+", 13, 10, 4, 3},
      {"35-44", "0", 3, 2, 0, 0},
      {"35-44", "1", 6, 3, 1, 0},
      {"35-44", "2-3", 8, 10, 0, 4},
      {"35-44", "4+", 8, 2, 0, 0},
  };

  @TempDir
  static Path tmp;

  private static Path out;

  @BeforeAll
  static void convertAndRun() {
    Path in = RossiConverter.convert(tmp.resolve("in"));
    out = tmp.resolve("out");
    runJob(in, out, "--as-of", AS_OF, "--windows", "12", "--waiting-months", "0", "--min-cell", "1");
  }

  /** The 12-month reoffence-rate row of a subject (subject null: the level's only subject). */
  private static Row effect(String level, String subject) {
    List<Row> rows = table(out, "program_effect")
        .filter("level = '" + level + "'" + (subject == null ? "" : " and subject_id = '" + subject + "'")
            + " and window_months = 12 and measure = 'REOFFENCE_RATE'")
        .collectAsList();
    assertEquals(1, rows.size(), "program_effect rows for " + level + " " + subject + ": " + rows);
    return rows.get(0);
  }

  private static Row programEffect() {
    return effect("PROGRAM", RossiConverter.PROGRAM);
  }

  /**
   * The Kaplan-Meier survival of a group on day 364. The job publishes the curve on a grid (every
   * 30 days and on the last day) with cumulative counts, so the grid row on or before day 364
   * (day 360) would miss the week-52 arrests on day 361. All arrests lie on days 4..361 (7 * week
   * - 3) and the follow-up ends on day 365, so S(364) = S(365): the curve's last row, which must
   * be day 365 (the longest window; the as-of date is far later).
   */
  private static double survivalOnDay364(String group) {
    Dataset<Row> s = table(out, "survival")
        .filter("level = 'PROGRAM' and subject_id = '" + RossiConverter.PROGRAM + "' and `group` = '" + group + "'");
    if (Arrays.asList(s.columns()).contains("window_months")) {
      s = s.filter("window_months = 12");
    }
    List<Row> rows = s.orderBy(s.col("day").desc()).limit(1).collectAsList();
    assertFalse(rows.isEmpty(), "no survival row for " + group);
    assertEquals(WINDOW_END_DAY, ((Number) rows.get(0).get(rows.get(0).fieldIndex("day"))).intValue(),
        group + " curve ends at the end of the 12-month window");
    return doubleValue(rows.get(0), "survival");
  }

  @Test
  void treated_allAidedMenMatched_rateIs48of216() {
    Row r = programEffect();
    // Exact: no stratum lacks a comparison man (STRATA), so all 216 aided men are kept and the
    // treated rate is a plain mean of 216 zeros and ones.
    assertEquals(AIDED, longValue(r, "treated_n"), "treated_n");
    assertEquals((double) AIDED_ARRESTED / AIDED, doubleValue(r, "treated_value"), 1e-9, "treated_value");
  }

  @Test
  void comparison_isWithinTwoPointsOfPublished66of216() {
    assertEquals((double) NOT_AIDED_ARRESTED / NOT_AIDED, doubleValue(programEffect(), "comparison_value"), 0.02,
        "comparison_value (matching reweights the 216 men without aid)");
  }

  @Test
  void difference_isWithinTwoPointsOfPublishedMinus8point3() {
    Row r = programEffect();
    assertEquals(RAW_DIFFERENCE, doubleValue(r, "difference"), 0.02, "difference");
    assertEquals(doubleValue(r, "treated_value") - doubleValue(r, "comparison_value"), doubleValue(r, "difference"), 1e-12,
        "difference = treated - comparison");
  }

  @Test
  void interval_containsPublishedRawDifference_halfWidthAboutEightPoints() {
    Row r = programEffect();
    double low = doubleValue(r, "ci_low");
    double high = doubleValue(r, "ci_high");
    assertBetween(low, high, RAW_DIFFERENCE, "published raw difference inside [ci_low, ci_high]");
    // Published raw 95% CI -16.6 .. -0.1 points: half-width 8.3 points.
    assertBetween(0.06, 0.10, (high - low) / 2, "CI half-width");
    assertEquals(doubleValue(r, "difference"), (low + high) / 2, 1e-9, "CI centred on the difference");
  }

  @Test
  void pValue_nearPublished_andVerdictFollowsIt() {
    Row r = programEffect();
    double p = doubleValue(r, "p_value");
    // Published raw p 0.048; matching moves it to 0.109 (see the class comment), hence 0.15.
    assertBetween(0.02, 0.15, p, "p_value");
    String verdict = r.getString(r.fieldIndex("verdict"));
    assertNotEquals("INSUFFICIENT_DATA", verdict, "216 treated, comparison n_eff about 193: enough for a verdict");
    String expected = p >= 0.05 ? "NO_SIGNIFICANT_DIFFERENCE"
        : doubleValue(r, "difference") < 0 ? "REDUCED" : "INCREASED";
    assertEquals(expected, verdict, "verdict for p = " + p);
    String statement = r.getString(r.fieldIndex("statement_en"));
    assertTrue(statement != null && !statement.isBlank(), "statement_en present");
  }

  @Test
  void matchedEffect_equalsHandComputedCoarsenedExactMatching() {
    // The strata must add up to the published totals, or they were miscounted.
    int t = 0;
    int c = 0;
    int ty = 0;
    int cy = 0;
    double sumW = 0;
    double sumW2 = 0;
    double sumWy = 0;
    for (Object[] s : STRATA) {
      int ts = (Integer) s[2];
      int cs = (Integer) s[3];
      double w = (double) ts / cs; // METHOD.md: comparison weight t_s / c_s
      t += ts;
      c += cs;
      ty += (Integer) s[4];
      cy += (Integer) s[5];
      sumW += cs * w;
      sumW2 += cs * w * w;
      sumWy += (Integer) s[5] * w;
    }
    assertEquals(List.of(AIDED, NOT_AIDED, AIDED_ARRESTED, NOT_AIDED_ARRESTED), List.of(t, c, ty, cy), "strata totals");
    double pt = (double) ty / t;
    double pc = sumWy / sumW;
    double nEff = sumW * sumW / sumW2;
    double se = Math.sqrt(pt * (1 - pt) / t + pc * (1 - pc) / nEff);
    double difference = pt - pc;
    double p = erfc(Math.abs(difference) / se / Math.sqrt(2));

    Row r = programEffect();
    assertEquals(NOT_AIDED, longValue(r, "comparison_n"), "comparison_n: all 216 men without aid are in matched strata");
    assertEquals(0, longValue(r, "treated_unmatched"), "treated_unmatched");
    assertEquals(pc, doubleValue(r, "comparison_value"), 1e-9, "comparison_value (hand: 0.29158)");
    assertEquals(nEff, doubleValue(r, "comparison_n_eff"), 1e-6, "comparison_n_eff (hand: 192.92)");
    // METHOD.md writes 1.96; the job uses the exact quantile 1.959964..., 2e-6 apart here.
    assertEquals(difference - 1.96 * se, doubleValue(r, "ci_low"), 1e-5, "ci_low (hand: -0.1541)");
    assertEquals(difference + 1.96 * se, doubleValue(r, "ci_high"), 1e-5, "ci_high (hand: 0.0154)");
    assertEquals(p, doubleValue(r, "p_value"), 1e-5, "p_value (hand: 0.1088)");
    assertEquals("NO_SIGNIFICANT_DIFFERENCE", r.getString(r.fieldIndex("verdict")));
    // Weighted log-rank (hypergeometric variance on weighted counts), computed by hand from the
    // arrest days and the weights of STRATA (realdata/rossi/NOTES.md).
    assertEquals(0.0988, logRankP(), 5e-4, "log-rank p (hand: 0.0988)");
    // With no censoring before day 365 the weighted Kaplan-Meier curve ends at 1 - weighted rate.
    assertEquals(1 - pc, survivalOnDay364("COMPARISON"), 1e-6, "comparison survival on day 364");
  }

  @Test
  void naiveDifference_equalsPublishedRawResult() {
    // The unmatched comparison kept beside the matched one (METHOD.md) is the published analysis:
    // 48/216 vs 66/216, difference -8.3 points, 95% CI about -16.6 to -0.1, p about 0.048.
    Row r = programEffect();
    assertEquals(NOT_AIDED, longValue(r, "naive_comparison_n"), "naive_comparison_n");
    assertEquals((double) NOT_AIDED_ARRESTED / NOT_AIDED, doubleValue(r, "naive_comparison_value"), 1e-9, "naive comparison");
    assertEquals(RAW_DIFFERENCE, doubleValue(r, "naive_difference"), 1e-9, "naive difference");
    assertEquals(-0.166, doubleValue(r, "naive_ci_low"), 0.001, "naive ci_low");
    assertEquals(-0.001, doubleValue(r, "naive_ci_high"), 0.001, "naive ci_high");
    assertEquals(0.048, doubleValue(r, "naive_p_value"), 0.001, "naive p_value");
  }

  @Test
  void mouLevels_equalProgramLevel_becauseTheMouHasOneProgram() {
    Row program = programEffect();
    for (Row r : List.of(effect("MOU", RossiConverter.MOU), effect("ALL_MOU", null))) {
      for (String column : List.of("treated_n", "comparison_n", "treated_value", "comparison_value", "difference", "p_value")) {
        assertEquals(doubleValue(program, column), doubleValue(r, column), 1e-12, r.getString(r.fieldIndex("level")) + " " + column);
      }
    }
  }

  @Test
  void treatedSurvival_onDay364_is1Minus48of216() {
    // No aided man is censored before day 365 (12 months from 2019-01-07), so the curve is exact.
    assertEquals(1 - (double) AIDED_ARRESTED / AIDED, survivalOnDay364("TREATED"), 1e-6, "treated survival");
  }

  @Test
  void comparisonSurvival_onDay364_isWithinTwoPointsOf1Minus66of216() {
    assertEquals(1 - (double) NOT_AIDED_ARRESTED / NOT_AIDED, survivalOnDay364("COMPARISON"), 0.02, "comparison survival");
  }

  @Test
  void logRankP_isNearPublishedCoxP() {
    double p = logRankP();
    // Published: Cox p for aid about 0.04, unweighted log-rank 0.050. The comparison curve is
    // weighted by the matching weights, which by hand gives 0.099 (see the class comment).
    assertBetween(0.02, 0.12, p, "log-rank p");
  }

  @Test
  void naiveLogRankP_reproducesThePublishedUnweightedLogRank() {
    // Aid was randomised, so the unmatched test is the experiment's own analysis: survdiff on
    // Rossi gives chi-square 3.8, p = 0.05 (Fox's appendix; the Cox p for aid is about 0.04).
    double p = doubleValue(programEffect(), "naive_logrank_p");
    assertEquals(0.05, p, 0.01, "unweighted log-rank p");
  }

  /** logrank_p from the survival rows of the subject or, failing that, from program_effect. */
  private static double logRankP() {
    Dataset<Row> survival = table(out, "survival")
        .filter("level = 'PROGRAM' and subject_id = '" + RossiConverter.PROGRAM + "'");
    if (Arrays.asList(survival.columns()).contains("logrank_p")) {
      List<Row> values = survival.select("logrank_p").distinct().collectAsList();
      assertEquals(1, values.size(), "one log-rank p per subject: " + values);
      return doubleValue(values.get(0), "logrank_p");
    }
    Row effect = programEffect();
    if (!Arrays.asList(effect.schema().fieldNames()).contains("logrank_p")) {
      fail("Neither survival nor program_effect has a logrank_p column (METHOD.md: log-rank test between treated and comparison)");
    }
    return doubleValue(effect, "logrank_p");
  }

  /** Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7). */
  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
