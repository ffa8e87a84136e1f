package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// Reference values: Phi computed to 30 digits (Phi(z) = erfc(-z / sqrt 2) / 2, mpmath), and the
// standard tables (Phi(1.96) = 0.97500, Phi(-3) = 0.00135).
class NormalTest {

  @Test
  void cdfAtZero_isExactlyOneHalf() {
    assertEquals(0.5, Normal.cdf(0.0), 0.0);
    assertEquals(0.5, Normal.cdf(-0.0), 0.0);
  }

  @Test
  void cdfAt196_is0975002() {
    // Phi(1.96) = 0.975002104851779563787...
    assertEquals(0.9750021048517796, Normal.cdf(1.96), 1e-15);
  }

  @Test
  void cdfAtMinus3_is000134990() {
    // Phi(-3) = 0.00134989803163009452665...; relative accuracy, not only absolute.
    assertEquals(0.0013498980316300945, Normal.cdf(-3.0), 1e-18);
  }

  @Test
  void cdfAtOne_is0841345() {
    // Phi(1) = 0.841344746068542948585..., region 2 of Cody's approximation.
    assertEquals(0.8413447460685429, Normal.cdf(1.0), 1e-15);
  }

  @Test
  void cdfInFarTails_keepsRelativePrecisionAndLimits() {
    // Phi(-10) = 7.61985302416052606597e-24 (region 3, |z| > sqrt 32).
    assertEquals(7.619853024160526e-24, Normal.cdf(-10.0), 7.6e-36);
    assertEquals(0.0, Normal.cdf(Double.NEGATIVE_INFINITY), 0.0);
    assertEquals(1.0, Normal.cdf(Double.POSITIVE_INFINITY), 0.0);
    assertTrue(Double.isNaN(Normal.cdf(Double.NaN)));
  }

  @Test
  void twoSidedP_at196_isJustUnderFivePercent_andSymmetric() {
    // 2 * Phi(-1.96) = 0.0499957902964408724...
    assertEquals(0.04999579029644087, Normal.twoSidedP(1.96), 1e-16);
    assertEquals(Normal.twoSidedP(1.96), Normal.twoSidedP(-1.96), 0.0);
    assertEquals(1.0, Normal.twoSidedP(0.0), 0.0);
    assertEquals(0.0, Normal.twoSidedP(Double.POSITIVE_INFINITY), 0.0);
  }

  @Test
  void twoSidedP_atZ10_isNotRoundedToZero() {
    // 2 * Phi(-10) = 1.52397060483210521e-23: computed from the lower tail, no 1 - x loss.
    assertEquals(1.5239706048321052e-23, Normal.twoSidedP(10.0), 1.5e-35);
  }

  @Test
  void quantile0975_isZ95() {
    // Phi^-1(0.975) = 1.95996398454005423552...
    assertEquals(1.959963984540054, Normal.quantile(0.975), 4e-16);
    assertEquals(Normal.Z95, Normal.quantile(0.975), 4e-16);
    assertEquals(-Normal.Z95, Normal.quantile(0.025), 4e-16);
  }

  @Test
  void quantile005_isMinus1644854() {
    // Phi^-1(0.05) = -1.64485362695147271486...
    assertEquals(-1.6448536269514727, Normal.quantile(0.05), 4e-16);
  }

  @Test
  void quantileOfCdf_returnsTheArgument() {
    // Acklam alone is good to 1.15e-9; the Halley step must bring it to ~1e-15. Positive z stop
    // at 3: cdf(6) = 1 - 9.9e-10 keeps only 7 digits of its tail, so no inverse could recover 6.
    for (double z : new double[] {-8.0, -5.0, -2.5, -1.0, -0.3, 0.01, 0.7, 1.5, 3.0}) {
      assertEquals(z, Normal.quantile(Normal.cdf(z)), 1e-12 * Math.max(1, Math.abs(z)), "z=" + z);
    }
  }

  @Test
  void quantileAtEnds_isInfinite_andOutOfRangeIsRejected() {
    assertEquals(Double.NEGATIVE_INFINITY, Normal.quantile(0.0), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, Normal.quantile(1.0), 0.0);
    assertEquals(0.0, Normal.quantile(0.5), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Normal.quantile(-0.1));
    assertThrows(IllegalArgumentException.class, () -> Normal.quantile(1.1));
  }
}
