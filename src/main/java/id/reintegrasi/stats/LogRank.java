package id.reintegrasi.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-rank (Mantel-Haenszel) test of equal survival in two groups (Mantel 1966; Peto and Peto
 * 1972), on per-time counts that may be weighted (METHOD.md, "log-rank test between treated
 * and comparison").
 *
 * <p>At each time with d_1, n_1 (group 1) and d_2, n_2 (group 2), d = d_1 + d_2, n = n_1 + n_2:
 * <pre>
 *   O_1 = sum d_1
 *   E_1 = sum d n_1 / n
 *   V   = sum n_1 n_2 d (n - d) / (n^2 (n - 1))        hypergeometric; terms with n &lt;= 1 skipped
 *   chi-square = (O_1 - E_1)^2 / V, 1 degree of freedom
 *   p   = P(chi2_1 >= chi-square) = twoSidedP(sqrt(chi-square))
 * </pre>
 * As in R's {@code survdiff}, a time with n &lt;= 1 still adds to O_1 and E_1 (with whole
 * counts its O - E is 0). With V = 0 the statistic is 0 (p = 1) when O_1 = E_1 and infinite
 * (p = 0) otherwise.
 */
public final class LogRank {

  /** Events and at risk of both groups at one time. */
  public record Step(double events1, double atRisk1, double events2, double atRisk2) {}

  /** The test result; {@code observed1 - expected1} &lt; 0 means group 1 had fewer events. */
  public record Result(
      double observed1, double expected1, double variance, double chiSquare, double pValue) {}

  private LogRank() {}

  /** The test on per-time counts, summed in the given order. */
  public static Result test(List<Step> steps) {
    double observed = 0;
    double expected = 0;
    double variance = 0;
    for (Step s : steps) {
      if (!(s.events1() >= 0 && s.events2() >= 0 && s.atRisk1() >= 0 && s.atRisk2() >= 0)
          || s.events1() > s.atRisk1() * (1 + 1e-9) || s.events2() > s.atRisk2() * (1 + 1e-9)) {
        throw new IllegalArgumentException("Cannot use " + s + ", need 0 <= events <= at risk");
      }
      double d = s.events1() + s.events2();
      double n = s.atRisk1() + s.atRisk2();
      if (d == 0 || n == 0) {
        continue;
      }
      observed += s.events1();
      expected += d * s.atRisk1() / n;
      if (n > 1) {
        variance += s.atRisk1() * s.atRisk2() * d * Math.max(0.0, n - d) / (n * n * (n - 1));
      }
    }
    double chiSquare;
    if (variance > 0) {
      double oe = observed - expected;
      chiSquare = oe * oe / variance;
    } else {
      chiSquare = observed == expected ? 0.0 : Double.POSITIVE_INFINITY;
    }
    return new Result(
        observed, expected, variance, chiSquare, Normal.twoSidedP(Math.sqrt(chiSquare)));
  }

  /**
   * The test on two groups given as Kaplan-Meier input (initial at risk and per-time events
   * and censored, each strictly ascending in time): the times of both are merged in ascending
   * order and each group's at-risk count is carried as in {@link KaplanMeier}.
   */
  public static Result compare(
      double initial1,
      List<KaplanMeier.Step> group1,
      double initial2,
      List<KaplanMeier.Step> group2) {
    return test(merge(initial1, group1, initial2, group2));
  }

  /** The per-time counts {@link #compare} tests, for inspection. */
  public static List<Step> merge(
      double initial1,
      List<KaplanMeier.Step> group1,
      double initial2,
      List<KaplanMeier.Step> group2) {
    List<Step> steps = new ArrayList<>();
    double n1 = initial1;
    double n2 = initial2;
    double slack1 = 1e-9 * initial1;
    double slack2 = 1e-9 * initial2;
    double previous1 = Double.NEGATIVE_INFINITY;
    double previous2 = Double.NEGATIVE_INFINITY;
    int i = 0;
    int j = 0;
    while (i < group1.size() || j < group2.size()) {
      double t1 = i < group1.size() ? group1.get(i).time() : Double.POSITIVE_INFINITY;
      double t2 = j < group2.size() ? group2.get(j).time() : Double.POSITIVE_INFINITY;
      double t = Math.min(t1, t2);
      KaplanMeier.Step a = t1 == t ? group1.get(i++) : null;
      KaplanMeier.Step b = t2 == t ? group2.get(j++) : null;
      if (a != null) {
        KaplanMeier.checkStep(a, previous1, n1, slack1);
        previous1 = a.time();
      }
      if (b != null) {
        KaplanMeier.checkStep(b, previous2, n2, slack2);
        previous2 = b.time();
      }
      double d1 = a == null ? 0 : a.events();
      double d2 = b == null ? 0 : b.events();
      steps.add(new Step(d1, n1, d2, n2));
      n1 = Math.max(0.0, n1 - d1 - (a == null ? 0 : a.censored()));
      n2 = Math.max(0.0, n2 - d2 - (b == null ? 0 : b.censored()));
    }
    return List.copyOf(steps);
  }
}
