package id.reintegrasi.effect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;

import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.stats.Comparison;
import id.reintegrasi.stats.Normal;
import id.reintegrasi.stats.WeightedStats;
import id.reintegrasi.stats.Wilson;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * reintegration: employment (EMPLOYED or SELF_EMPLOYED) at the first follow-up within 180 days
 * after release, participants against the matched comparison group weighted as for the effects.
 * Only releases at least 180 days before the as-of date that have such a follow-up count.
 */
public final class Reintegration {
  public static final String NAME = "reintegration";

  private Reintegration() {}

  /** The long table of {@link Matching}: one row per followed-up release, window 0, y = employed. */
  public static Dataset<Row> longTable(Dataset<Row> population, LocalDate asOf) {
    return population
        .filter(col(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP).isNotNull()
            .and(date_add(col(ReleaseAnalysis.RELEASE_DATE), 180).leq(lit(asOf))))
        .select(col(EffectPopulation.PHASE), lit(0).as("window"), col(EffectPopulation.STRATUM),
            col(EffectPopulation.SUBJECTS), col(EffectPopulation.COMPARISON),
            col(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP).cast(DataTypes.IntegerType).as("y"),
            lit(0).as("e"), lit(null).cast(DataTypes.IntegerType).as("d"),
            col(ReleaseAnalysis.AGE).as("age"), col(ReleaseAnalysis.SENTENCE_MONTHS_COLUMN).as("sent"),
            col(ReleaseAnalysis.PRIOR_CONVICTIONS_COLUMN).as("prior"));
  }

  public static Dataset<Row> compute(SparkSession spark, Matching.Result matching, int minCell) {
    TableBuilder table = new TableBuilder()
        .strings("level", "subject_id", "phase", "group").longs("followed_up", "employed")
        .doubles("employment_rate", "ci_low", "ci_high", "comparison_n_eff", "difference", "p_value")
        .column("suppressed", DataTypes.BooleanType);
    for (Map.Entry<Matching.Key, MatchedSums> e : matching.subjects().entrySet()) {
      Matching.Key k = e.getKey();
      MatchedSums m = e.getValue();
      Sums t = m.treatedMatched;
      Sums c = m.comparisonMatched;
      WeightedStats treated = WeightedStats.fromSums(t.get(Sums.N), t.get(Sums.N), t.get(Sums.Y), t.get(Sums.Y));
      WeightedStats comparison = WeightedStats.fromSums(m.weighted[Sums.N], m.weightSquares,
          m.weighted[Sums.Y], m.weighted[Sums.Y]);
      Comparison diff = Comparison.ofProportions(treated, comparison);
      double neff = comparison.effectiveSize();
      boolean hide = ProgramEffects.small(t.get(Sums.N), minCell) || ProgramEffects.small(c.get(Sums.N), minCell)
          || ProgramEffects.small(t.get(Sums.Y), minCell) || ProgramEffects.small(t.get(Sums.N) - t.get(Sums.Y), minCell)
          || ProgramEffects.small(c.get(Sums.Y), minCell) || ProgramEffects.small(c.get(Sums.N) - c.get(Sums.Y), minCell);
      Wilson.Interval ti = t.get(Sums.N) == 0 ? null : Wilson.interval(t.get(Sums.Y), t.get(Sums.N));
      Wilson.Interval ci = !(neff > 0) ? null : Wilson.interval(comparison.mean() * neff, neff, Normal.Z95);
      table.add(k.level(), k.subjectId(), k.phase(), SurvivalCurves.TREATED,
          hide ? null : t.get(Sums.N), hide ? null : t.get(Sums.Y), hide ? null : treated.mean(),
          hide || ti == null ? null : ti.low(), hide || ti == null ? null : ti.high(), null,
          hide ? null : diff.difference(), hide ? null : diff.pValue(), hide);
      table.add(k.level(), k.subjectId(), k.phase(), SurvivalCurves.COMPARISON,
          hide ? null : c.get(Sums.N), hide ? null : c.get(Sums.Y), hide ? null : comparison.mean(),
          hide || ci == null ? null : ci.low(), hide || ci == null ? null : ci.high(), hide ? null : neff,
          hide ? null : diff.difference(), hide ? null : diff.pValue(), hide);
    }
    return table.build(spark);
  }
}
