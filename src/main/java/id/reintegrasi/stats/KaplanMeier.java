package id.reintegrasi.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Kaplan-Meier survival curve with Greenwood variance and 95% bands (METHOD.md, "Time to
 * reoffence"), from per-time aggregates that may be weighted.
 *
 * <p>At each distinct time t, ascending, with n_t at risk, d_t events and c_t censored:
 * <pre>
 *   n_t   = n_0 - sum over s &lt; t of (d_s + c_s)     censored at t: at risk at t, gone after t
 *   S(t)  = prod over s &lt;= t of (1 - d_s / n_s)                  (Kaplan and Meier 1958)
 *   G(t)  = sum over s &lt;= t of d_s / (n_s (n_s - d_s))
 *   Var   = S(t)^2 G(t)                                            (Greenwood 1926)
 *   plain band   = S -/+ z sqrt(Var), clipped to [0, 1]
 *   log-log band = S^exp(+theta) .. S^exp(-theta), theta = z sqrt(G) / |log S|
 *                  (Kalbfleisch and Prentice 1980; a band for log(-log S) mapped back)
 * </pre>
 * The log-log band is the default ({@link Point#low()}, {@link Point#high()}): it always lies
 * inside [0, 1] and is asymmetric near the ends, where the plain band is poor. Ties: all
 * events of one time enter one factor; censorings at an event time count as at risk at that
 * time (events first). Before the first event S = 1, Var = 0 and both bands are [1, 1]. When
 * the events take all at risk (d = n) S becomes 0: G is then infinite but Var is set to 0,
 * the limit of S^2 G as d approaches n (S_prev^2 d (n - d) / n^3 tends to 0), and both bands
 * are [0, 0].
 */
public final class KaplanMeier {

  /** The aggregates at one time: weighted events and weighted censored (both >= 0). */
  public record Step(double time, double events, double censored) {}

  /**
   * The curve at one time. {@code low}/{@code high} are the log-log band (the default);
   * {@code plainLow}/{@code plainHigh} the plain band.
   */
  public record Point(
      double time,
      double atRisk,
      double events,
      double censored,
      double survival,
      double variance,
      double se,
      double low,
      double high,
      double plainLow,
      double plainHigh) {}

  // Weighted counts are float sums: "all at risk had the event" and "more left than were at
  // risk" are judged within this share of the initial weight.
  private static final double RELATIVE_SLACK = 1e-9;

  private KaplanMeier() {}

  /** The curve with 95% bands (z = {@link Normal#Z95}). */
  public static List<Point> estimate(double initialAtRisk, List<Step> steps) {
    return estimate(initialAtRisk, steps, Normal.Z95);
  }

  /**
   * The curve with bands at critical value z, one point per step in the given order.
   *
   * @param initialAtRisk n_0, the total (weight) at risk at the start
   * @param steps one per distinct time, strictly ascending
   * @throws IllegalArgumentException when times are not strictly ascending, counts are
   *     negative or not finite, or more leave than are at risk
   */
  public static List<Point> estimate(double initialAtRisk, List<Step> steps, double z) {
    if (!(initialAtRisk >= 0 && Double.isFinite(initialAtRisk))) {
      throw new IllegalArgumentException(
          "Cannot start a survival curve with " + initialAtRisk
              + " at risk, need a finite value >= 0");
    }
    double slack = RELATIVE_SLACK * initialAtRisk;
    List<Point> points = new ArrayList<>(steps.size());
    double atRisk = initialAtRisk;
    double survival = 1.0;
    double greenwood = 0.0;
    double previousTime = Double.NEGATIVE_INFINITY;
    for (Step step : steps) {
      checkStep(step, previousTime, atRisk, slack);
      previousTime = step.time();
      double d = step.events();
      if (d > 0) {
        if (atRisk - d <= slack) {
          survival = 0.0;
          greenwood = Double.POSITIVE_INFINITY;
        } else if (survival > 0) {
          survival *= 1 - d / atRisk;
          greenwood += d / (atRisk * (atRisk - d));
        }
      }
      double variance = survival == 0 || greenwood == 0 ? 0.0 : survival * survival * greenwood;
      double se = Math.sqrt(variance);
      double low;
      double high;
      if (survival == 0 || greenwood == 0) {
        low = survival;
        high = survival;
      } else {
        double theta = z * Math.sqrt(greenwood) / Math.abs(Math.log(survival));
        low = Math.pow(survival, Math.exp(theta));
        high = Math.pow(survival, Math.exp(-theta));
      }
      points.add(new Point(
          step.time(),
          atRisk,
          d,
          step.censored(),
          survival,
          variance,
          se,
          low,
          high,
          Math.max(0.0, survival - z * se),
          Math.min(1.0, survival + z * se)));
      atRisk = Math.max(0.0, atRisk - d - step.censored());
    }
    return List.copyOf(points);
  }

  static void checkStep(Step step, double previousTime, double atRisk, double slack) {
    if (!(step.time() > previousTime) || !Double.isFinite(step.time())) {
      throw new IllegalArgumentException(
          "Cannot use time " + step.time() + " after " + previousTime
              + ", times must be finite and strictly ascending");
    }
    if (!(step.events() >= 0 && step.censored() >= 0)
        || !Double.isFinite(step.events())
        || !Double.isFinite(step.censored())) {
      throw new IllegalArgumentException(
          "Cannot use " + step.events() + " events and " + step.censored() + " censored at time "
              + step.time() + ", counts must be finite and >= 0");
    }
    if (step.events() + step.censored() > atRisk + slack) {
      throw new IllegalArgumentException(
          "Cannot remove " + (step.events() + step.censored()) + " at time " + step.time()
              + ", only " + atRisk + " are at risk");
    }
  }
}
