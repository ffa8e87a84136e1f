package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogRankTest {

  /** Placebo arm of Freireich et al. (1963): 1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23. */
  private static final List<KaplanMeier.Step> PLACEBO = List.of(
      new KaplanMeier.Step(1, 2, 0),
      new KaplanMeier.Step(2, 2, 0),
      new KaplanMeier.Step(3, 1, 0),
      new KaplanMeier.Step(4, 2, 0),
      new KaplanMeier.Step(5, 2, 0),
      new KaplanMeier.Step(8, 4, 0),
      new KaplanMeier.Step(11, 2, 0),
      new KaplanMeier.Step(12, 2, 0),
      new KaplanMeier.Step(15, 1, 0),
      new KaplanMeier.Step(17, 1, 0),
      new KaplanMeier.Step(22, 1, 0),
      new KaplanMeier.Step(23, 1, 0));

  @Test
  void freireichLeukaemia_chiSquareIs1679() {
    // Textbook (R survdiff, Kleinbaum and Klein): O_6MP = 9, E_6MP = 19.25, V = 6.257,
    // chi-square = (9 - 19.2505)^2 / 6.25696 = 105.073 / 6.25696 = 16.7929, p = 4.17e-5.
    LogRank.Result r = LogRank.compare(21, KaplanMeierTest.SIX_MP, 21, PLACEBO);
    assertEquals(9.0, r.observed1(), 0.0);
    assertEquals(19.2505009480311, r.expected1(), 1e-12);
    assertEquals(6.25696057367550, r.variance(), 1e-12);
    assertEquals(16.7929409892165, r.chiSquare(), 1e-11);
    assertEquals(4.16880910933454e-5, r.pValue(), 1e-15);
  }

  @Test
  void swappingGroups_keepsChiSquareAndFlipsObservedMinusExpected() {
    LogRank.Result a = LogRank.compare(21, KaplanMeierTest.SIX_MP, 21, PLACEBO);
    LogRank.Result b = LogRank.compare(21, PLACEBO, 21, KaplanMeierTest.SIX_MP);
    // placebo: O = 21, E = 30 - 19.2505 = 10.7495
    assertEquals(21.0, b.observed1(), 0.0);
    assertEquals(30 - a.expected1(), b.expected1(), 1e-12);
    assertEquals(a.chiSquare(), b.chiSquare(), 1e-11);
  }

  @Test
  void hypergeometricTerm_byHandForOneTime() {
    // d1 = 1, n1 = 4, d2 = 1, n2 = 6: d = 2, n = 10
    // E1 = 2 * 4/10 = 0.8; V = 4 * 6 * 2 * 8 / (100 * 9) = 384 / 900 = 0.426667
    // chi2 = (1 - 0.8)^2 / 0.426667 = 0.09375
    LogRank.Result r = LogRank.test(List.of(new LogRank.Step(1, 4, 1, 6)));
    assertEquals(0.8, r.expected1(), 1e-15);
    assertEquals(384.0 / 900.0, r.variance(), 1e-15);
    assertEquals(0.09375, r.chiSquare(), 1e-14);
    assertEquals(Normal.twoSidedP(Math.sqrt(0.09375)), r.pValue(), 0.0);
  }

  @Test
  void timeWithOneAtRisk_addsNoVariance() {
    // n = 1: the variance term n1 n2 d (n - d) / (n^2 (n - 1)) is skipped; O - E = 1 - 1 = 0.
    LogRank.Result r = LogRank.test(List.of(
        new LogRank.Step(1, 4, 1, 6), new LogRank.Step(1, 1, 0, 0)));
    assertEquals(384.0 / 900.0, r.variance(), 1e-15);
    assertEquals(1.8, r.expected1(), 1e-15);
  }

  @Test
  void noEvents_isChiSquareZeroAndPOne() {
    LogRank.Result r = LogRank.test(List.of(new LogRank.Step(0, 5, 0, 5)));
    assertEquals(0.0, r.chiSquare(), 0.0);
    assertEquals(1.0, r.pValue(), 0.0);
  }
}
