package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class KaplanMeierTest {

  /**
   * 6-MP arm of Freireich et al. (1963), as in Gehan (1965): weeks of remission, * censored:
   * 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35* (21 patients).
   */
  static final List<KaplanMeier.Step> SIX_MP = List.of(
      new KaplanMeier.Step(6, 3, 1),
      new KaplanMeier.Step(7, 1, 0),
      new KaplanMeier.Step(9, 0, 1),
      new KaplanMeier.Step(10, 1, 1),
      new KaplanMeier.Step(11, 0, 1),
      new KaplanMeier.Step(13, 1, 0),
      new KaplanMeier.Step(16, 1, 0),
      new KaplanMeier.Step(17, 0, 1),
      new KaplanMeier.Step(19, 0, 1),
      new KaplanMeier.Step(20, 0, 1),
      new KaplanMeier.Step(22, 1, 0),
      new KaplanMeier.Step(23, 1, 0),
      new KaplanMeier.Step(25, 0, 1),
      new KaplanMeier.Step(32, 0, 2),
      new KaplanMeier.Step(34, 0, 1),
      new KaplanMeier.Step(35, 0, 1));

  private static KaplanMeier.Point at(List<KaplanMeier.Point> curve, double time) {
    return curve.stream().filter(p -> p.time() == time).findFirst().orElseThrow();
  }

  @Test
  void sixMp_matchesTheTextbookSurvival() {
    // Textbook values to 3 decimals: 0.857 0.807 0.753 0.690 0.627 0.538 0.448;
    // exactly 18/21, x16/17, x14/15, x11/12, x10/11, x6/7, x5/6.
    List<KaplanMeier.Point> curve = KaplanMeier.estimate(21, SIX_MP);
    double[] times = {6, 7, 10, 13, 16, 22, 23};
    double[] textbook = {0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448};
    double[] factors = {18.0 / 21, 16.0 / 17, 14.0 / 15, 11.0 / 12, 10.0 / 11, 6.0 / 7, 5.0 / 6};
    double exact = 1;
    for (int i = 0; i < times.length; i++) {
      exact *= factors[i];
      double s = at(curve, times[i]).survival();
      assertEquals(textbook[i], s, 5e-4, "t=" + times[i]);
      assertEquals(exact, s, 1e-15, "t=" + times[i]);
    }
    assertEquals(0.448179271708683, at(curve, 35).survival(), 1e-15);
  }

  @Test
  void tiesAndCensoringAtTheSameTime_countAsAtRiskThenLeave() {
    // t=6: 3 events and 1 censored among 21 -> at risk 21; at t=7: 21 - 4 = 17;
    // t=10: 17 - 1 (t=7) - 1 (9*) = 15; t=13: 15 - 2 - 1 (11*) = 12; t=22: 7; t=23: 6.
    List<KaplanMeier.Point> curve = KaplanMeier.estimate(21, SIX_MP);
    assertEquals(21, at(curve, 6).atRisk(), 0.0);
    assertEquals(17, at(curve, 7).atRisk(), 0.0);
    assertEquals(15, at(curve, 10).atRisk(), 0.0);
    assertEquals(12, at(curve, 13).atRisk(), 0.0);
    assertEquals(7, at(curve, 22).atRisk(), 0.0);
    assertEquals(6, at(curve, 23).atRisk(), 0.0);
    // a time with only censoring leaves S unchanged
    assertEquals(at(curve, 7).survival(), at(curve, 9).survival(), 0.0);
  }

  @Test
  void greenwoodSe_atWeek6_is0076() {
    // Var = S^2 d / (n (n - d)) = (18/21)^2 * 3 / (21 * 18) = (6/7)^2 / 126
    // se = (6/7) / sqrt(126) = 0.0763603548321 (textbook 0.076)
    KaplanMeier.Point p = at(KaplanMeier.estimate(21, SIX_MP), 6);
    assertEquals(0.0763603548321, p.se(), 1e-12);
    assertEquals(0.076, p.se(), 5e-4);
    assertEquals(p.se() * p.se(), p.variance(), 1e-18);
  }

  @Test
  void greenwoodSe_atWeek23_accumulatesAllEventTimes() {
    // G = 3/(21*18) + 1/(17*16) + 1/(15*14) + 1/(12*11) + 1/(11*10) + 1/(7*6) + 1/(6*5)
    //   = 0.0079365 + 0.0036765 + 0.0047619 + 0.0075758 + 0.0090909 + 0.0238095 + 0.0333333
    //   = 0.0901844; se = 0.4481793 * sqrt(0.0901844) = 0.134591456756 (R survfit: 0.135)
    assertEquals(0.134591456756, at(KaplanMeier.estimate(21, SIX_MP), 23).se(), 1e-11);
  }

  @Test
  void logLogBand_isTheDefault_andPlainBandIsClipped() {
    // t=6: theta = 1.959964 * sqrt(1/126) / |ln(6/7)| = 0.174606 / 0.154151 = 1.132697
    // low = (6/7)^exp(1.132697) = 0.619717955266, high = (6/7)^exp(-1.132697) = 0.951551747647
    // plain: 0.857143 +/- 1.959964 * 0.076360 = [0.707479311825, 1.00681 -> 1]
    KaplanMeier.Point p = at(KaplanMeier.estimate(21, SIX_MP), 6);
    assertEquals(0.619717955266, p.low(), 1e-11);
    assertEquals(0.951551747647, p.high(), 1e-11);
    assertEquals(0.707479311825, p.plainLow(), 1e-11);
    assertEquals(1.0, p.plainHigh(), 0.0);
  }

  @Test
  void beforeFirstEvent_survivalIsOneWithAZeroWidthBand() {
    KaplanMeier.Point p = KaplanMeier.estimate(5, List.of(new KaplanMeier.Step(3, 0, 2))).get(0);
    assertEquals(1.0, p.survival(), 0.0);
    assertEquals(0.0, p.variance(), 0.0);
    assertEquals(1.0, p.low(), 0.0);
    assertEquals(1.0, p.high(), 0.0);
  }

  @Test
  void allAtRiskFailing_givesSurvivalZeroWithZeroVariance() {
    // n0 = 3: t=1 one event -> S = 2/3; t=2 two events among 2 -> S = 0, Var = 0, band [0, 0]
    List<KaplanMeier.Point> curve = KaplanMeier.estimate(3, List.of(
        new KaplanMeier.Step(1, 1, 0), new KaplanMeier.Step(2, 2, 0)));
    assertEquals(2.0 / 3, curve.get(0).survival(), 1e-15);
    KaplanMeier.Point last = curve.get(1);
    assertEquals(0.0, last.survival(), 0.0);
    assertEquals(0.0, last.variance(), 0.0);
    assertEquals(0.0, last.low(), 0.0);
    assertEquals(0.0, last.high(), 0.0);
    assertEquals(0.0, last.plainHigh(), 0.0);
  }

  @Test
  void weightedCounts_areUsedAsGiven() {
    // n0 = 2.5 (weights), 0.5 events at t=1: S = 1 - 0.5/2.5 = 0.8
    // Var = 0.64 * 0.5 / (2.5 * 2.0) = 0.064
    KaplanMeier.Point p =
        KaplanMeier.estimate(2.5, List.of(new KaplanMeier.Step(1, 0.5, 0.25))).get(0);
    assertEquals(0.8, p.survival(), 1e-15);
    assertEquals(0.064, p.variance(), 1e-15);
  }

  @Test
  void unsortedTimesOrTooManyLeaving_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> KaplanMeier.estimate(5, List.of(
        new KaplanMeier.Step(2, 1, 0), new KaplanMeier.Step(1, 1, 0))));
    assertThrows(IllegalArgumentException.class, () -> KaplanMeier.estimate(5, List.of(
        new KaplanMeier.Step(1, 4, 0), new KaplanMeier.Step(2, 1, 1))));
  }
}
