package id.reintegrasi.stats;

/**
 * Treated minus comparison, with its standard error, 95% interval and two-sided p-value
 * (METHOD.md, "Effect of a program"):
 * <pre>
 *   difference = treated - comparison
 *   se         = sqrt(se_t^2 + se_c^2)                   (independent groups)
 *   95% CI     = difference -/+ Z95 * se                  (Z95 = 1.959963984540054)
 *   p          = 2 * (1 - Phi(|difference| / se))         (two-sided normal test)
 * </pre>
 * When se = 0 the z statistic is undefined: p = 1 if the difference is 0, and p = 0 otherwise
 * (both groups without any spread but different values; this happens only with degenerate
 * data, e.g. every treated release reoffended and no comparison release did). Any NaN input
 * gives NaN difference, bounds and p-value.
 */
public record Comparison(
    double treated,
    double seTreated,
    double comparison,
    double seComparison,
    double difference,
    double se,
    double low,
    double high,
    double pValue) {

  /** The comparison of two estimates with their standard errors. */
  public static Comparison of(
      double treated, double seTreated, double comparison, double seComparison) {
    if (seTreated < 0 || seComparison < 0) {
      throw new IllegalArgumentException(
          "Cannot compare with standard errors " + seTreated + " and " + seComparison
              + ", they must be >= 0");
    }
    double difference = treated - comparison;
    double se = Math.sqrt(seTreated * seTreated + seComparison * seComparison);
    double pValue;
    if (Double.isNaN(difference) || Double.isNaN(se)) {
      pValue = Double.NaN;
    } else if (se == 0) {
      pValue = difference == 0 ? 1.0 : 0.0;
    } else {
      pValue = Normal.twoSidedP(difference / se);
    }
    return new Comparison(
        treated,
        seTreated,
        comparison,
        seComparison,
        difference,
        se,
        difference - Normal.Z95 * se,
        difference + Normal.Z95 * se,
        pValue);
  }

  /** Proportions (0/1 values): each value is the mean, each se sqrt(p(1-p)/n_eff). */
  public static Comparison ofProportions(WeightedStats treated, WeightedStats comparison) {
    return of(treated.mean(), treated.seProportion(), comparison.mean(), comparison.seProportion());
  }

  /** Means (counts, days): each value is the mean, each se sqrt(variance/n_eff). */
  public static Comparison ofMeans(WeightedStats treated, WeightedStats comparison) {
    return of(treated.mean(), treated.seMean(), comparison.mean(), comparison.seMean());
  }
}
