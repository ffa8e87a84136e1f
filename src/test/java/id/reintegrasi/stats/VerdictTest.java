package id.reintegrasi.stats;

import static id.reintegrasi.stats.Verdict.INCREASED;
import static id.reintegrasi.stats.Verdict.INSUFFICIENT_DATA;
import static id.reintegrasi.stats.Verdict.NO_SIGNIFICANT_DIFFERENCE;
import static id.reintegrasi.stats.Verdict.REDUCED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void fiftyNineTreated_isInsufficient_sixtyIsEnough() {
    assertEquals(INSUFFICIENT_DATA, Verdict.decide(59, 500, -0.1, 0.001));
    assertEquals(REDUCED, Verdict.decide(60, 500, -0.1, 0.001));
  }

  @Test
  void comparisonEffectiveSize599_isInsufficient_60IsEnough() {
    assertEquals(INSUFFICIENT_DATA, Verdict.decide(500, 59.9, -0.1, 0.001));
    assertEquals(REDUCED, Verdict.decide(500, 60.0, -0.1, 0.001));
  }

  @Test
  void effectiveSizeRoundedJustBelow60_countsAs60() {
    // (sum w)^2 / sum w^2 for an n_eff of exactly 60 can come out one ulp low.
    assertEquals(REDUCED, Verdict.decide(500, Math.nextDown(60.0), -0.1, 0.001));
  }

  @Test
  void pJustBelowFivePercent_isSignificant_justAboveIsNot() {
    assertEquals(REDUCED, Verdict.decide(100, 100, -0.05, 0.0499));
    assertEquals(NO_SIGNIFICANT_DIFFERENCE, Verdict.decide(100, 100, -0.05, 0.0501));
    assertEquals(NO_SIGNIFICANT_DIFFERENCE, Verdict.decide(100, 100, -0.05, 0.05));
  }

  @Test
  void significantPositiveDifference_isIncreased() {
    // For DAYS_TO_FIRST this is the good direction, but the word describes the quantity.
    assertEquals(INCREASED, Verdict.decide(100, 100, 12.0, 0.01));
  }

  @Test
  void nanPValue_isInsufficient() {
    assertEquals(INSUFFICIENT_DATA, Verdict.decide(100, 100, -0.05, Double.NaN));
    assertEquals(INSUFFICIENT_DATA, Verdict.decide(100, Double.NaN, -0.05, 0.01));
  }

  @Test
  void customMinimums_replaceSixty() {
    assertEquals(INSUFFICIENT_DATA, Verdict.decide(99, 500, -0.1, 0.001, 100, 30));
    assertEquals(REDUCED, Verdict.decide(100, 30, -0.1, 0.001, 100, 30));
  }
}
