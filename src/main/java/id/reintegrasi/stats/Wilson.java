package id.reintegrasi.stats;

/**
 * Wilson score interval for a proportion (E. B. Wilson, JASA 1927; recommended by Brown, Cai
 * and DasGupta, Statistical Science 2001). METHOD.md: "Proportions: Wilson score 95% interval".
 *
 * <p>With p = k/n and z the critical value:
 * <pre>
 *   centre    = (p + z^2/(2n)) / (1 + z^2/n)
 *   halfWidth = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2))
 *   interval  = [centre - halfWidth, centre + halfWidth]
 * </pre>
 * k = 0 gives a lower bound of exactly 0 and k = n an upper bound of exactly 1 (the formula
 * gives them up to rounding). n = 0 has no interval: the methods return {@code null}.
 */
public final class Wilson {

  /** A closed interval [low, high]. */
  public record Interval(double low, double high) {}

  // A weighted k may exceed a weighted n by rounding when the two sums were added in a
  // different order; within this relative slack k is taken as n.
  private static final double RELATIVE_SLACK = 1e-9;

  private Wilson() {}

  /**
   * The 95% Wilson interval (z = {@link Normal#Z95}) for k successes out of n.
   *
   * @return the interval, or {@code null} when n = 0
   * @throws IllegalArgumentException when k &lt; 0, n &lt; 0 or k &gt; n
   */
  public static Interval interval(long k, long n) {
    if (k < 0 || n < 0 || k > n) {
      throw new IllegalArgumentException(
          "Cannot compute a Wilson interval for " + k + " out of " + n + ", need 0 <= k <= n");
    }
    return interval((double) k, (double) n, Normal.Z95);
  }

  /**
   * The Wilson interval with critical value z for k successes out of n, both possibly
   * non-integer (for a weighted proportion pass k = p * n_eff and n = n_eff).
   *
   * @return the interval, or {@code null} when n = 0
   * @throws IllegalArgumentException when k or n is negative or not finite, k &gt; n beyond
   *     rounding, or z is negative or not finite
   */
  public static Interval interval(double k, double n, double z) {
    if (!(Double.isFinite(k) && Double.isFinite(n) && k >= 0 && n >= 0)
        || k > n * (1 + RELATIVE_SLACK)) {
      throw new IllegalArgumentException(
          "Cannot compute a Wilson interval for " + k + " out of " + n + ", need 0 <= k <= n");
    }
    if (!(Double.isFinite(z) && z >= 0)) {
      throw new IllegalArgumentException("Cannot use critical value " + z + ", need z >= 0");
    }
    if (n == 0) {
      return null;
    }
    double p = Math.min(1.0, k / n);
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double halfWidth = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double low = p == 0 ? 0.0 : Math.max(0.0, centre - halfWidth);
    double high = p == 1 ? 1.0 : Math.min(1.0, centre + halfWidth);
    return new Interval(low, high);
  }
}
