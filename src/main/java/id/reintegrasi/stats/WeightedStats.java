package id.reintegrasi.stats;

/**
 * Running sums of weighted observations and the statistics METHOD.md derives from them
 * ("Standard error of a weighted mean uses the Kish effective size").
 *
 * <pre>
 *   mean     m     = sum(w x) / sum(w)
 *   n_eff          = (sum w)^2 / sum(w^2)                     (Kish 1965, Survey Sampling, 8.2)
 *   variance v     = sum(w (x - m)^2) / sum(w) = sum(w x^2) / sum(w) - m^2
 *   se of a proportion = sqrt(m (1 - m) / n_eff)              (x in {0, 1})
 *   se of a mean       = sqrt(v / n_eff)
 * </pre>
 * The variance is the population (divide by sum w, not n - 1) form, as METHOD.md states it
 * ("for a mean: weighted variance / n_eff"). With all weights 1 this gives n_eff = n, the
 * proportion's se sqrt(p(1-p)/n) and the mean's se sqrt(sum((x-m)^2)/n / n).
 *
 * <p>The record holds only the four sums, so Spark can aggregate them
 * ({@code sum(w), sum(w*w), sum(w*x), sum(w*x*x)}) and hand them to {@link #fromSums}; adding
 * values here in the same order gives bit-identical results. With no weight (sum w = 0) the
 * mean, variance and standard errors are NaN and n_eff is 0.
 */
public record WeightedStats(double sumW, double sumW2, double sumWX, double sumWX2) {

  /** No observations. */
  public static final WeightedStats EMPTY = new WeightedStats(0, 0, 0, 0);

  public WeightedStats {
    if (!(sumW >= 0 && sumW2 >= 0) || Double.isNaN(sumWX) || !(sumWX2 >= 0)) {
      throw new IllegalArgumentException(String.format(
          "Cannot use sums sumW=%s sumW2=%s sumWX=%s sumWX2=%s, weights and squares must be >= 0",
          sumW, sumW2, sumWX, sumWX2));
    }
  }

  /** Statistics from sums aggregated elsewhere. */
  public static WeightedStats fromSums(double sumW, double sumW2, double sumWX, double sumWX2) {
    return new WeightedStats(sumW, sumW2, sumWX, sumWX2);
  }

  /** Statistics of values with weight 1 each. */
  public static WeightedStats ofValues(double... values) {
    WeightedStats stats = EMPTY;
    for (double x : values) {
      stats = stats.add(x, 1.0);
    }
    return stats;
  }

  /** Statistics of values with the given weights, added in array order. */
  public static WeightedStats of(double[] values, double[] weights) {
    if (values.length != weights.length) {
      throw new IllegalArgumentException(
          "Cannot pair " + values.length + " values with " + weights.length + " weights");
    }
    WeightedStats stats = EMPTY;
    for (int i = 0; i < values.length; i++) {
      stats = stats.add(values[i], weights[i]);
    }
    return stats;
  }

  /** These sums plus one value x with weight w (w >= 0, x finite). */
  public WeightedStats add(double x, double w) {
    if (!(w >= 0 && Double.isFinite(w)) || !Double.isFinite(x)) {
      throw new IllegalArgumentException(
          "Cannot add value " + x + " with weight " + w + ", need a finite value and weight >= 0");
    }
    return new WeightedStats(sumW + w, sumW2 + w * w, sumWX + w * x, sumWX2 + w * x * x);
  }

  /** These sums plus another set's. */
  public WeightedStats merge(WeightedStats other) {
    return new WeightedStats(
        sumW + other.sumW, sumW2 + other.sumW2, sumWX + other.sumWX, sumWX2 + other.sumWX2);
  }

  /** Weighted mean sum(w x) / sum(w); NaN without weight. */
  public double mean() {
    return sumW > 0 ? sumWX / sumW : Double.NaN;
  }

  /** Kish effective sample size (sum w)^2 / sum(w^2); 0 without weight. */
  public double effectiveSize() {
    return sumW2 > 0 ? sumW * sumW / sumW2 : 0.0;
  }

  /** Weighted population variance sum(w (x - m)^2) / sum(w), never below 0; NaN without weight. */
  public double variance() {
    if (!(sumW > 0)) {
      return Double.NaN;
    }
    double m = sumWX / sumW;
    // The one-pass form can dip a rounding error below zero for constant values.
    return Math.max(0.0, sumWX2 / sumW - m * m);
  }

  /** Standard error of the mean of 0/1 values: sqrt(p (1 - p) / n_eff); NaN without weight. */
  public double seProportion() {
    if (!(sumW > 0)) {
      return Double.NaN;
    }
    double p = mean();
    return Math.sqrt(Math.max(0.0, p * (1 - p)) / effectiveSize());
  }

  /** Standard error of the mean: sqrt(variance / n_eff); NaN without weight. */
  public double seMean() {
    if (!(sumW > 0)) {
      return Double.NaN;
    }
    return Math.sqrt(variance() / effectiveSize());
  }
}
