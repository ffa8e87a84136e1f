package id.reintegrasi.effect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.stats.Comparison;
import id.reintegrasi.stats.Measure;
import id.reintegrasi.stats.Statements;
import id.reintegrasi.stats.Verdict;
import id.reintegrasi.stats.WeightedStats;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * program_effect and balance: for every program, every MoU and all MoU programs together, the
 * three measures of METHOD.md per window, treated against the matched, weighted comparison group,
 * with the naive (unmatched) comparison beside it; and the standardised mean differences of the
 * covariates before and after matching.
 */
public final class ProgramEffects {
  public static final String EFFECT_TABLE = "program_effect";
  public static final String BALANCE_TABLE = "balance";

  /**
   * The run parameters the tables depend on.
   *
   * @param arrestsCounted whether arrests count as reoffending (the sentences say so)
   */
  public record Params(int minCell, long minTreated, int headlineWindow, boolean arrestsCounted) {}

  public record Tables(Dataset<Row> effects, Dataset<Row> balance) {}

  private ProgramEffects() {}

  /** The long table of {@link Matching} for the effect windows of a population. */
  public static Dataset<Row> longTable(Dataset<Row> population) {
    return population
        .select(col(EffectPopulation.PHASE), col(EffectPopulation.STRATUM), col(EffectPopulation.SUBJECTS),
            col(EffectPopulation.COMPARISON), explode(col(EffectPopulation.OUTCOMES)).as("o"),
            col(ReleaseAnalysis.AGE).as("age"), col(ReleaseAnalysis.SENTENCE_MONTHS_COLUMN).as("sent"),
            col(ReleaseAnalysis.PRIOR_CONVICTIONS_COLUMN).as("prior"))
        .filter(col("o.eligible"))
        .select(col(EffectPopulation.PHASE), col("o.window_months").as("window"), col(EffectPopulation.STRATUM),
            col(EffectPopulation.SUBJECTS), col(EffectPopulation.COMPARISON),
            col("o.reoffended").cast(DataTypes.IntegerType).as("y"), col("o.events").as("e"),
            col("o.days_to_first").as("d"), col("age"), col("sent"), col("prior"));
  }

  public static Tables compute(SparkSession spark, Matching.Result matching, Map<String, String> names,
      Map<String, Double> logRankP, Map<String, Double> naiveLogRankP, Params p) {
    TableBuilder effects = new TableBuilder()
        .strings("level", "subject_id", "subject_name", "phase").column("window_months", DataTypes.IntegerType)
        .strings("measure").longs("treated_n", "treated_unmatched", "comparison_n").doubles("comparison_n_eff")
        .doubles("treated_value", "comparison_value", "difference", "ci_low", "ci_high", "p_value")
        .strings("verdict", "statement_id", "statement_en")
        .longs("naive_comparison_n").doubles("naive_comparison_value", "naive_difference", "naive_ci_low",
            "naive_ci_high", "naive_p_value", "logrank_p", "naive_logrank_p")
        .column("suppressed", DataTypes.BooleanType);
    TableBuilder balance = new TableBuilder()
        .strings("level", "subject_id", "phase", "covariate")
        .doubles("treated_mean", "comparison_mean_before", "comparison_mean_after", "smd_before", "smd_after");

    for (Map.Entry<Matching.Key, MatchedSums> entry : matching.subjects().entrySet()) {
      Matching.Key k = entry.getKey();
      MatchedSums m = entry.getValue();
      Sums pool = matching.pool().getOrDefault(k.phase() + "|" + k.window(), new Sums());
      String name = names.getOrDefault(k.level() + ":" + k.subjectId(), k.subjectId());
      String survivalKey = k.level() + ":" + k.subjectId() + ":" + k.phase();
      Double[] logrank = {logRankP.get(survivalKey), naiveLogRankP.get(survivalKey)};
      for (Measure measure : Measure.values()) {
        addEffect(effects, k, m, pool, measure, name, logrank, p);
      }
      if (k.window() == p.headlineWindow()) {
        addBalance(balance, k, m, pool, matching.poolIndicators().getOrDefault(k.phase() + "|" + k.window(), Map.of()));
      }
    }
    return new Tables(effects.build(spark), balance.build(spark));
  }

  /** One row; {@code logrank} holds the matched and the naive log-rank p-values. */
  private static void addEffect(TableBuilder table, Matching.Key k, MatchedSums m, Sums pool, Measure measure,
      String name, Double[] logrank, Params p) {
    Sums t = m.treatedMatched;
    Sums ta = m.treatedAll;
    double[] w = m.weighted;
    WeightedStats treated;
    WeightedStats comparison;
    WeightedStats naiveTreated;
    WeightedStats naiveComparison;
    long treatedN;
    long comparisonN;
    long naiveN;
    switch (measure) {
      case REOFFENCE_RATE -> {
        treated = WeightedStats.fromSums(t.get(Sums.N), t.get(Sums.N), t.get(Sums.Y), t.get(Sums.Y));
        comparison = WeightedStats.fromSums(w[Sums.N], m.weightSquares, w[Sums.Y], w[Sums.Y]);
        naiveTreated = WeightedStats.fromSums(ta.get(Sums.N), ta.get(Sums.N), ta.get(Sums.Y), ta.get(Sums.Y));
        naiveComparison = WeightedStats.fromSums(pool.get(Sums.N), pool.get(Sums.N), pool.get(Sums.Y), pool.get(Sums.Y));
        treatedN = t.get(Sums.N);
        comparisonN = m.comparisonMatched.get(Sums.N);
        naiveN = pool.get(Sums.N);
      }
      case FREQUENCY -> {
        treated = WeightedStats.fromSums(t.get(Sums.N), t.get(Sums.N), t.get(Sums.E), t.get(Sums.E2));
        comparison = WeightedStats.fromSums(w[Sums.N], m.weightSquares, w[Sums.E], w[Sums.E2]);
        naiveTreated = WeightedStats.fromSums(ta.get(Sums.N), ta.get(Sums.N), ta.get(Sums.E), ta.get(Sums.E2));
        naiveComparison = WeightedStats.fromSums(pool.get(Sums.N), pool.get(Sums.N), pool.get(Sums.E), pool.get(Sums.E2));
        treatedN = t.get(Sums.N);
        comparisonN = m.comparisonMatched.get(Sums.N);
        naiveN = pool.get(Sums.N);
      }
      default -> {
        // Among those who reoffended: their matching weights carry over.
        treated = WeightedStats.fromSums(t.get(Sums.Y), t.get(Sums.Y), t.get(Sums.D), t.get(Sums.D2));
        comparison = WeightedStats.fromSums(w[Sums.Y], m.weightSquaresY, w[Sums.D], w[Sums.D2]);
        naiveTreated = WeightedStats.fromSums(ta.get(Sums.Y), ta.get(Sums.Y), ta.get(Sums.D), ta.get(Sums.D2));
        naiveComparison = WeightedStats.fromSums(pool.get(Sums.Y), pool.get(Sums.Y), pool.get(Sums.D), pool.get(Sums.D2));
        treatedN = t.get(Sums.Y);
        comparisonN = m.comparisonMatched.get(Sums.Y);
        naiveN = pool.get(Sums.Y);
      }
    }
    boolean rate = measure == Measure.REOFFENCE_RATE;
    Comparison matched = rate ? Comparison.ofProportions(treated, comparison) : Comparison.ofMeans(treated, comparison);
    Comparison naive = rate ? Comparison.ofProportions(naiveTreated, naiveComparison)
        : Comparison.ofMeans(naiveTreated, naiveComparison);
    double neff = comparison.effectiveSize();

    // Disclosure: small group sizes, or a small number of (non-)reoffenders among the treated,
    // withhold the values derived from them.
    long cell = p.minCell();
    boolean suppressed = small(treatedN, cell) || small(comparisonN, cell)
        || small(t.get(Sums.Y), cell) || small(t.get(Sums.N) - t.get(Sums.Y), cell);
    // A few treated releases left unmatched are a small count too; the naive values, taken over
    // all treated releases, would give them away beside the matched ones (with the unmatched
    // count, their reoffenders by subtraction), so they are withheld with it.
    long unmatched = ta.get(Sums.N) - t.get(Sums.N);
    boolean naiveSuppressed = small(ta.get(Sums.N), cell) || small(naiveN, cell)
        || small(ta.get(Sums.Y), cell) || small(ta.get(Sums.N) - ta.get(Sums.Y), cell)
        || small(unmatched, cell);
    Verdict verdict = suppressed || treatedN == 0
        ? Verdict.INSUFFICIENT_DATA
        // --min-treated is both minimums (60 and 60 by default), as its help says.
        : Verdict.decide(treatedN, neff, matched.difference(), matched.pValue(), p.minTreated(),
            p.minTreated());
    Statements.Sentences sentences = Statements.describe(new Statements.Result(name, measure, k.window(),
        suppressed ? null : finite(matched.treated()), suppressed ? null : finite(matched.comparison()),
        suppressed ? null : finite(matched.low()), suppressed ? null : finite(matched.high()), verdict,
        suppressed ? null : treatedN, suppressed ? null : neff, p.arrestsCounted()));
    table.add(k.level(), k.subjectId(), name, k.phase(), k.window(), measure.name(),
        suppressed ? null : treatedN, suppressed || small(unmatched, cell) ? null : unmatched,
        suppressed ? null : comparisonN, suppressed ? null : neff,
        suppressed ? null : matched.treated(), suppressed ? null : matched.comparison(),
        suppressed ? null : matched.difference(), suppressed ? null : matched.low(),
        suppressed ? null : matched.high(), suppressed ? null : matched.pValue(),
        verdict.name(), sentences.indonesian(), sentences.english(),
        naiveSuppressed ? null : naiveN, naiveSuppressed ? null : naive.comparison(),
        naiveSuppressed ? null : naive.difference(), naiveSuppressed ? null : naive.low(),
        naiveSuppressed ? null : naive.high(), naiveSuppressed ? null : naive.pValue(),
        logrank[0], logrank[1], suppressed || naiveSuppressed);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static boolean small(long count, long k) {
    return count >= 1 && count < k;
  }

  private static void addBalance(TableBuilder table, Matching.Key k, MatchedSums m, Sums pool,
      Map<String, Double> poolIndicators) {
    double tAll = m.treatedAll.get(Sums.N);
    double tMatched = m.treatedMatched.get(Sums.N);
    double wSum = m.weighted[Sums.N];
    double poolN = pool.get(Sums.N);
    // Every level of the treated or the pool: a level only the pool has (no treated release)
    // shows how unlike the groups were before matching; after it, both shares are 0.
    Map<String, double[]> indicators = new TreeMap<>(m.indicators);
    poolIndicators.keySet().forEach(level -> indicators.putIfAbsent(level, new double[3]));
    for (Map.Entry<String, double[]> e : indicators.entrySet()) {
      double[] s = e.getValue();
      double treatedBefore = s[0] / tAll;
      double treatedAfter = tMatched == 0 ? Double.NaN : s[1] / tMatched;
      double before = poolN == 0 ? Double.NaN : poolIndicators.getOrDefault(e.getKey(), 0.0) / poolN;
      double after = wSum == 0 ? Double.NaN : s[2] / wSum;
      table.add(k.level(), k.subjectId(), k.phase(), e.getKey(), treatedBefore, before, after,
          smdProportion(treatedBefore, before), smdProportion(treatedAfter, after));
    }
    String[] names = {"age", "sentence_months", "prior_convictions"};
    int[] at = {Sums.AGE, Sums.SENT, Sums.PRIOR};
    for (int i = 0; i < names.length; i++) {
      double tMeanAll = m.treatedAll.get(at[i]) / tAll;
      double tVarAll = m.treatedAll.get(at[i] + 1) / tAll - tMeanAll * tMeanAll;
      double tMean = m.treatedMatched.get(at[i]) / tMatched;
      double tVar = m.treatedMatched.get(at[i] + 1) / tMatched - tMean * tMean;
      double pMean = pool.get(at[i]) / poolN;
      double pVar = pool.get(at[i] + 1) / poolN - pMean * pMean;
      double cMean = m.weighted[at[i]] / wSum;
      double cVar = m.weighted[at[i] + 1] / wSum - cMean * cMean;
      table.add(k.level(), k.subjectId(), k.phase(), names[i], tMeanAll, pMean, cMean,
          smd(tMeanAll, tVarAll, pMean, pVar), smd(tMean, tVar, cMean, cVar));
    }
  }

  /** Standardised mean difference of a 0/1 indicator: (p_t - p_c) / sqrt((p_t(1-p_t) + p_c(1-p_c)) / 2). */
  static double smdProportion(double pt, double pc) {
    return smd(pt, pt * (1 - pt), pc, pc * (1 - pc));
  }

  /** (m_t - m_c) / sqrt((v_t + v_c) / 2); 0 when both groups are constant and equal. */
  static double smd(double mt, double vt, double mc, double vc) {
    double sd = Math.sqrt((Math.max(vt, 0) + Math.max(vc, 0)) / 2);
    if (sd == 0) {
      return mt == mc ? 0.0 : Double.NaN;
    }
    return (mt - mc) / sd;
  }
}
