package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  @Test
  void twentyOnePercentVersusThirty_isNotSignificant() {
    // treated 21/100:             se_t = sqrt(0.21 * 0.79 / 100) = sqrt(0.001659)
    // comparison 0.30, n_eff 200: se_c = sqrt(0.30 * 0.70 / 200) = sqrt(0.00105)
    // difference = -0.09, se = sqrt(0.001659 + 0.00105) = sqrt(0.002709) = 0.05204805471869242
    // z = -0.09 / 0.05204805471869242 = -1.7291712531127049
    // p = 2 Phi(-1.72917) = 0.08377844967338195
    // 95% CI = -0.09 -/+ 1.959963984540054 * 0.05204805471869242 = [-0.19201231, 0.01201231]
    Comparison c = Comparison.of(0.21, Math.sqrt(0.001659), 0.30, Math.sqrt(0.00105));
    assertEquals(-0.09, c.difference(), 1e-15);
    assertEquals(0.05204805471869242, c.se(), 1e-15);
    assertEquals(-0.19201231271400715, c.low(), 1e-14);
    assertEquals(0.012012312714007150, c.high(), 1e-14);
    assertEquals(0.08377844967338195, c.pValue(), 1e-13);
  }

  @Test
  void ofProportions_usesKishSeOfEachGroup() {
    // The same example from values: 21 of 100 treated; 60 of 200 comparison, weight 1.
    double[] treated = new double[100];
    Arrays.fill(treated, 0, 21, 1.0);
    double[] comparison = new double[200];
    Arrays.fill(comparison, 0, 60, 1.0);
    Comparison c =
        Comparison.ofProportions(
            WeightedStats.ofValues(treated), WeightedStats.ofValues(comparison));
    assertEquals(0.05204805471869242, c.se(), 1e-15);
    assertEquals(0.08377844967338195, c.pValue(), 1e-13);
  }

  @Test
  void zeroSeAndZeroDifference_hasPValueOne() {
    Comparison c = Comparison.of(0.0, 0.0, 0.0, 0.0);
    assertEquals(1.0, c.pValue(), 0.0);
    assertEquals(0.0, c.low(), 0.0);
    assertEquals(0.0, c.high(), 0.0);
  }

  @Test
  void zeroSeAndNonZeroDifference_hasPValueZero() {
    assertEquals(0.0, Comparison.of(1.0, 0.0, 0.0, 0.0).pValue(), 0.0);
  }

  @Test
  void missingGroup_givesNaNPValue() {
    Comparison c = Comparison.ofMeans(WeightedStats.ofValues(1, 2, 3), WeightedStats.EMPTY);
    assertTrue(Double.isNaN(c.difference()));
    assertTrue(Double.isNaN(c.pValue()));
  }
}
