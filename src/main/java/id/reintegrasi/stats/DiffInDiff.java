package id.reintegrasi.stats;

/**
 * Difference-in-differences of four reoffence rates (METHOD.md, "MoU impact over time"):
 * <pre>
 *   did = (post_in - pre_in) - (post_out - pre_out)       each rate p = k / n
 *   se  = sqrt(sum over the four cells of p (1 - p) / n)  independent binomial cells
 *   95% CI = did -/+ Z95 se;  p-value two-sided normal
 * </pre>
 * With se = 0 the p-value is 1 when did = 0 and 0 otherwise, as in {@link Comparison}.
 */
public final class DiffInDiff {

  /** k of n releases reoffended. */
  public record Cell(long k, long n) {
    public Cell {
      if (k < 0 || n < 0 || k > n) {
        throw new IllegalArgumentException(
            "Cannot use " + k + " out of " + n + ", need 0 <= k <= n");
      }
    }

    /** k / n (NaN when n = 0). */
    public double rate() {
      return n == 0 ? Double.NaN : (double) k / n;
    }

    double variance() {
      double p = rate();
      return p * (1 - p) / n;
    }
  }

  /** The four rates, the estimate, its se, 95% interval and two-sided p-value. */
  public record Result(
      double preInside,
      double postInside,
      double preOutside,
      double postOutside,
      double difference,
      double se,
      double low,
      double high,
      double pValue) {}

  private DiffInDiff() {}

  /** The estimate, or {@code null} when any cell has n = 0. */
  public static Result estimate(
      Cell preInside, Cell postInside, Cell preOutside, Cell postOutside) {
    if (preInside.n() == 0 || postInside.n() == 0 || preOutside.n() == 0 || postOutside.n() == 0) {
      return null;
    }
    double difference =
        (postInside.rate() - preInside.rate()) - (postOutside.rate() - preOutside.rate());
    double se = Math.sqrt(
        preInside.variance() + postInside.variance()
            + preOutside.variance() + postOutside.variance());
    double pValue = se == 0 ? (difference == 0 ? 1.0 : 0.0) : Normal.twoSidedP(difference / se);
    return new Result(
        preInside.rate(),
        postInside.rate(),
        preOutside.rate(),
        postOutside.rate(),
        difference,
        se,
        difference - Normal.Z95 * se,
        difference + Normal.Z95 * se,
        pValue);
  }
}
