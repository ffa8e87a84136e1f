package id.reintegrasi.effect;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coarsened exact matching of one subject for one window, summed stratum by stratum in stratum
 * order (so the floating-point sums are the same whatever the partitioning):
 * <ul>
 *   <li>treated in strata with no comparison release are unmatched and dropped;</li>
 *   <li>a comparison release in stratum s weighs t_s / c_s (effect on the treated);</li>
 *   <li>weighted sums of the comparison: Σ w·x = Σ_s (t_s / c_s)·X_s, Σ w² = Σ_s t_s² / c_s.</li>
 * </ul>
 * Indicator shares of each covariate level are kept for the balance table.
 */
public final class MatchedSums implements Serializable {
  public final Sums treatedAll = new Sums();
  public final Sums treatedMatched = new Sums();
  public final Sums comparisonMatched = new Sums();
  /** Σ w·x of the matched comparison, by {@link Sums} position (Σ w at N). */
  public final double[] weighted = new double[Sums.SIZE];
  /** Σ w² over the comparison releases, and over those with y = 1. */
  public double weightSquares;
  public double weightSquaresY;
  /** Per "covariate=level": treated (all), treated (matched), weighted comparison. */
  public final Map<String, double[]> indicators = new TreeMap<>();

  /** One stratum: its name, its treated sums, its comparison sums (null when it has none). */
  public record Cell(String stratum, Sums treated, Sums comparison) implements Serializable {}

  /** Sums the cells; they are sorted here by stratum first. */
  public static MatchedSums of(List<Cell> cells, List<String> covariates) {
    MatchedSums m = new MatchedSums();
    cells.stream().sorted((a, b) -> a.stratum().compareTo(b.stratum())).forEach(cell -> m.add(cell, covariates));
    return m;
  }

  private void add(Cell cell, List<String> covariates) {
    treatedAll.add(cell.treated());
    boolean matched = cell.comparison() != null && cell.comparison().get(Sums.N) > 0;
    String[] levels = cell.stratum().split("\\|", -1);
    double t = cell.treated().get(Sums.N);
    double w = matched ? t / cell.comparison().get(Sums.N) : 0;
    if (matched) {
      treatedMatched.add(cell.treated());
      comparisonMatched.add(cell.comparison());
      for (int i = 0; i < Sums.SIZE; i++) {
        weighted[i] += w * cell.comparison().get(i);
      }
      weightSquares += w * w * cell.comparison().get(Sums.N);
      weightSquaresY += w * w * cell.comparison().get(Sums.Y);
    }
    for (int i = 0; i < covariates.size() && i < levels.length; i++) {
      double[] share = indicators.computeIfAbsent(covariates.get(i) + "=" + levels[i], k -> new double[3]);
      share[0] += t;
      if (matched) {
        share[1] += t;
        share[2] += w * cell.comparison().get(Sums.N);
      }
    }
  }
}
