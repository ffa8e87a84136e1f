package id.reintegrasi.summary;

import static id.reintegrasi.summary.Disclosure.small;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.analysis.ReleaseAnalysis;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * cohort_outcomes: of the releases of a quarter, from a facility, in a group, how many were
 * eligible for a follow-up window and how many of those reoffended within it.
 * Grain: cohort x facility x group x window. Only follow-up starts are counted; a release not yet
 * eligible for a window counts in {@code releases} but not in {@code eligible}.
 */
public final class CohortOutcomes {
  public static final String NAME = "cohort_outcomes";
  public static final List<String> KEY = List.of("cohort", "facility_id", "group", "window_months");

  private CohortOutcomes() {}

  public static Dataset<Row> compute(Dataset<Row> analysis, int minCell) {
    Dataset<Row> counts = analysis
        .filter(col(ReleaseAnalysis.FOLLOW_UP_START))
        .select(col(ReleaseAnalysis.COHORT).as("cohort"), col(ReleaseAnalysis.FACILITY_ID),
            col(ReleaseAnalysis.GROUP), explode(col(ReleaseAnalysis.OUTCOMES)).as("o"))
        .groupBy(col("cohort"), col(ReleaseAnalysis.FACILITY_ID), col(ReleaseAnalysis.GROUP),
            col("o.window_months").as("window_months"))
        .agg(count(lit(1)).as("releases"),
            sum(when(col("o.eligible"), 1L).otherwise(0L)).as("eligible"),
            sum(when(col("o.eligible").and(col("o.reoffended")), 1L).otherwise(0L)).as("reoffended"));
    Column eligible = col("eligible");
    Column reoffended = col("reoffended");
    Dataset<Row> withRates = counts
        .withColumn("rate", SparkStats.rate(reoffended, eligible))
        .withColumn("ci_low", SparkStats.wilsonLow(reoffended, eligible))
        .withColumn("ci_high", SparkStats.wilsonHigh(reoffended, eligible));
    // A small number of non-reoffenders identifies people as surely as a small number of
    // reoffenders, so both sides of the rate are checked.
    return Disclosure.apply(withRates, List.of(
        Disclosure.Rule.of(small(col("releases"), minCell),
            "releases", "eligible", "reoffended", "rate", "ci_low", "ci_high"),
        Disclosure.Rule.of(small(eligible, minCell), "eligible", "reoffended", "rate", "ci_low", "ci_high"),
        Disclosure.Rule.of(small(reoffended, minCell).or(small(eligible.minus(reoffended), minCell)),
            "reoffended", "rate", "ci_low", "ci_high")))
        .orderBy(KEY.stream().map(c -> col(c)).toArray(Column[]::new));
  }
}
