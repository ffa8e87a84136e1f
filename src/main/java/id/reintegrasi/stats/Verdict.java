package id.reintegrasi.stats;

/**
 * The one-word answer for a measured effect (METHOD.md, "Verdict"):
 * <ol>
 *   <li>{@code INSUFFICIENT_DATA} when fewer than 60 treated releases, or the comparison
 *       group's Kish n_eff below 60 (the Justice Data Lab's minimum), or the p-value or the
 *       difference is NaN (nothing can be said);
 *   <li>else {@code REDUCED} (treated value lower) or {@code INCREASED} (treated value higher)
 *       when p &lt; 0.05;
 *   <li>else {@code NO_SIGNIFICANT_DIFFERENCE}.
 * </ol>
 * The word always describes the measured quantity: for {@code DAYS_TO_FIRST}, where a longer
 * time is the good direction, {@code REDUCED} still means the treated value is lower.
 */
public enum Verdict {
  REDUCED,
  INCREASED,
  NO_SIGNIFICANT_DIFFERENCE,
  INSUFFICIENT_DATA;

  public static final long MIN_TREATED_DEFAULT = 60;
  public static final double MIN_COMPARISON_EFFECTIVE_SIZE_DEFAULT = 60.0;
  public static final double SIGNIFICANCE_LEVEL = 0.05;

  // n_eff is a ratio of float sums: a stratum design whose exact n_eff is 60 may come out as
  // 59.99999999999999. Within this relative slack it counts as reaching the minimum, so a hand
  // computation and the job agree.
  private static final double RELATIVE_SLACK = 1e-9;

  /** The verdict with the default minimums (60 treated, comparison n_eff 60). */
  public static Verdict decide(
      long treatedN, double comparisonEffectiveSize, double difference, double pValue) {
    return decide(
        treatedN,
        comparisonEffectiveSize,
        difference,
        pValue,
        MIN_TREATED_DEFAULT,
        MIN_COMPARISON_EFFECTIVE_SIZE_DEFAULT);
  }

  /**
   * The verdict with the given minimums.
   *
   * @param treatedN number of treated releases
   * @param comparisonEffectiveSize Kish n_eff of the weighted comparison group (NaN counts as
   *     too small)
   * @param difference treated minus comparison
   * @param pValue two-sided p-value of the difference
   */
  public static Verdict decide(
      long treatedN,
      double comparisonEffectiveSize,
      double difference,
      double pValue,
      long minTreated,
      double minComparisonEffectiveSize) {
    if (treatedN < minTreated
        || !(comparisonEffectiveSize
            >= minComparisonEffectiveSize * (1 - RELATIVE_SLACK))
        || Double.isNaN(difference)
        || Double.isNaN(pValue)) {
      return INSUFFICIENT_DATA;
    }
    if (pValue < SIGNIFICANCE_LEVEL && difference != 0) {
      return difference < 0 ? REDUCED : INCREASED;
    }
    return NO_SIGNIFICANT_DIFFERENCE;
  }
}
