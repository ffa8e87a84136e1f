package id.reintegrasi.effect;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.stats.KaplanMeier;
import id.reintegrasi.stats.LogRank;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import scala.Tuple2;

/**
 * survival: Kaplan-Meier curves of time to the first counted event, treated (matched) against the
 * comparison group weighted by the matching weights t_s / c_s, with Greenwood (log-log) 95% bands
 * and a log-rank test. Time runs from the follow-up start; a release is censored when the records
 * are complete (as-of minus the waiting period) or at the longest window, whichever is earlier.
 * Only per-day aggregates reach the driver. The curve is published every {@code gridDays} days
 * with cumulative counts, so that no single day's handful of events is shown.
 */
public final class SurvivalCurves {
  public static final String NAME = "survival";
  public static final String TREATED = "TREATED";
  public static final String COMPARISON = "COMPARISON";

  /**
   * @param logRankP per "LEVEL:subject:phase", the log-rank p of matched treated vs weighted comparison
   * @param naiveLogRankP the same for all treated vs the whole comparison pool, unweighted
   */
  public record Result(Dataset<Row> table, Map<String, Double> logRankP, Map<String, Double> naiveLogRankP) {}

  /** Per subject and day: events and censored, weighted and raw. */
  private record Day(double events, double censored, long rawEvents, long rawCensored) implements Serializable {}

  /** Matching weights, exact to 15 decimals (see compute). */
  private static final DecimalType WEIGHT = DataTypes.createDecimalType(24, 15);

  private SurvivalCurves() {}

  public static Result compute(SparkSession spark, Dataset<Row> population, int minCell, int gridDays) {
    return compute(spark, population, minCell, gridDays, UnaryOperator.identity());
  }

  /**
   * @param materialise computes the per-day counts once for the queries that read them (the job
   *     stashes them in its work area; Spark's in-memory cache read them back slower than Parquet)
   */
  public static Result compute(SparkSession spark, Dataset<Row> population, int minCell, int gridDays,
      UnaryOperator<Dataset<Row>> materialise) {
    Dataset<Row> km = population.filter(col(EffectPopulation.TIME).isNotNull())
        .select(col(EffectPopulation.PHASE).as("phase"), col(EffectPopulation.STRATUM).as("stratum"),
            col(EffectPopulation.SUBJECTS), col(EffectPopulation.COMPARISON),
            col(EffectPopulation.TIME).as("time"), col(EffectPopulation.EVENT).as("event"));
    // Step 1: in one pass over the population, per stratum and day, the comparison pool (a row
    // with a null subject) and per subject, stratum and day, the treated. The three queries
    // below read these counts (fewer rows, and narrower) instead of the population.
    DataType subjectType = km.schema().apply(EffectPopulation.SUBJECTS).dataType();
    Column poolRole = array(struct(lit(null).cast(DataTypes.StringType).as("level"),
        lit(null).cast(DataTypes.StringType).as("subject_id")));
    Column roles = concat(when(col(EffectPopulation.COMPARISON), poolRole).otherwise(array().cast(subjectType)),
        col(EffectPopulation.SUBJECTS));
    Dataset<Row> days = materialise.apply(km
        .filter(col(EffectPopulation.COMPARISON).or(size(col(EffectPopulation.SUBJECTS)).gt(0)))
        .select(explode(roles).as("s"), col("phase"), col("stratum"), col("time"), col("event"))
        .groupBy(col("s.level").as("level"), col("s.subject_id").as("subject_id"), col("phase"), col("stratum"), col("time"))
        .agg(sum(when(col("event"), 1L).otherwise(0L)).as("ev"), sum(when(not(col("event")), 1L).otherwise(0L)).as("ce")));
    Dataset<Row> comparisonDays = days.filter(col("level").isNull()).select("phase", "stratum", "time", "ev", "ce");
    Dataset<Row> comparisonStrata = comparisonDays.groupBy("phase", "stratum")
        .agg(sum(col("ev").plus(col("ce"))).as("c"));
    Dataset<Row> treatedDays = days.filter(col("level").isNotNull());
    // Step 2: matched strata and their weights t_s / c_s (treated in strata without comparison drop out).
    Dataset<Row> weights = treatedDays.groupBy("level", "subject_id", "phase", "stratum")
        .agg(sum(col("ev").plus(col("ce"))).as("t"))
        .join(comparisonStrata, new String[] {"phase", "stratum"});
    // Per subject and day, all treated (for the naive test) and those in matched strata, in one
    // pass: a treated stratum is matched when the comparison pool has releases in it.
    Column matched = col("c").isNotNull();
    List<Row> treated = treatedDays.join(broadcast(comparisonStrata), new String[] {"phase", "stratum"}, "left")
        .groupBy("level", "subject_id", "phase", "time")
        .agg(sum("ev"), sum("ce"), sum(when(matched, col("ev")).otherwise(0L)), sum(when(matched, col("ce")).otherwise(0L)))
        .collectAsList();
    // Weighted sums in exact decimal arithmetic: each weight t_s / c_s is rounded once to 15
    // decimals, and sums of decimals do not depend on the order in which partitions add them up,
    // so the numbers are the same on any master and partitioning.
    Column w = col("t").cast(DataTypes.DoubleType).divide(col("c")).cast(WEIGHT);
    List<Tuple2<String, Day>> comparison = new ArrayList<>();
    for (Row r : comparisonDays.join(broadcast(weights), new String[] {"phase", "stratum"})
        .groupBy("level", "subject_id", "phase", "time")
        .agg(sum(w.multiply(col("ev"))).cast(DataTypes.DoubleType), sum(w.multiply(col("ce"))).cast(DataTypes.DoubleType),
            sum("ev"), sum("ce"))
        .collectAsList()) {
      comparison.add(new Tuple2<>(r.getString(0) + ":" + r.getString(1) + ":" + r.getString(2) + ":" + r.getInt(3),
          new Day(r.getDouble(4), r.getDouble(5), r.getLong(6), r.getLong(7))));
    }

    // The naive (unmatched) test: every treated release against the whole pool, per day.
    Map<String, TreeMap<Integer, Day>> naiveTreated = new TreeMap<>();
    for (Row r : treated) {
      naiveTreated.computeIfAbsent(r.getString(0) + ":" + r.getString(1) + ":" + r.getString(2), x -> new TreeMap<>())
          .put(r.getInt(3), new Day(r.getLong(4), r.getLong(5), r.getLong(4), r.getLong(5)));
    }
    Map<String, TreeMap<Integer, Day>> pool = new TreeMap<>();
    for (Row r : comparisonDays.groupBy("phase", "time").agg(sum("ev"), sum("ce")).collectAsList()) {
      pool.computeIfAbsent(r.getString(0), x -> new TreeMap<>())
          .put(r.getInt(1), new Day(r.getLong(2), r.getLong(3), r.getLong(2), r.getLong(3)));
    }
    Map<String, Double> naiveLogRankP = new TreeMap<>();
    naiveTreated.forEach((key, t) -> {
      TreeMap<Integer, Day> c = pool.getOrDefault(key.substring(key.lastIndexOf(':') + 1), new TreeMap<>());
      naiveLogRankP.put(key, logRank(t, c));
    });

    // Step 3: on the driver, per subject: the two curves and the log-rank test.
    Map<String, TreeMap<Integer, Day>> treatedBySubject = new TreeMap<>();
    for (Row r : treated) {
      long events = r.getLong(6);
      long censored = r.getLong(7);
      if (events + censored == 0) {
        continue; // treated on this day only in strata without comparison: not matched
      }
      String key = r.getString(0) + ":" + r.getString(1) + ":" + r.getString(2);
      treatedBySubject.computeIfAbsent(key, x -> new TreeMap<>())
          .put(r.getInt(3), new Day(events, censored, events, censored));
    }
    Map<String, TreeMap<Integer, Day>> comparisonBySubject = new TreeMap<>();
    for (Tuple2<String, Day> t : comparison) {
      int cut = t._1().lastIndexOf(':');
      comparisonBySubject.computeIfAbsent(t._1().substring(0, cut), x -> new TreeMap<>())
          .put(Integer.parseInt(t._1().substring(cut + 1)), t._2());
    }
    TableBuilder table = new TableBuilder()
        .strings("level", "subject_id", "phase", "group").column("day", DataTypes.IntegerType)
        .doubles("at_risk", "events", "censored", "survival", "ci_low", "ci_high", "logrank_p")
        .column("suppressed", DataTypes.BooleanType);
    Map<String, Double> logRankP = new TreeMap<>();
    for (Map.Entry<String, TreeMap<Integer, Day>> e : treatedBySubject.entrySet()) {
      TreeMap<Integer, Day> t = e.getValue();
      TreeMap<Integer, Day> c = comparisonBySubject.getOrDefault(e.getKey(), new TreeMap<>());
      double tInitial = total(t, false);
      double cInitial = total(c, false);
      List<KaplanMeier.Step> tSteps = steps(t);
      List<KaplanMeier.Step> cSteps = steps(c);
      Double p = logRank(t, c);
      logRankP.put(e.getKey(), p);
      String[] key = e.getKey().split(":", 3);
      int lastDay = Math.max(t.isEmpty() ? 0 : t.lastKey(), c.isEmpty() ? 0 : c.lastKey());
      addCurve(table, key, TREATED, t, tInitial, (long) total(t, true), tSteps, lastDay, gridDays, minCell, p);
      addCurve(table, key, COMPARISON, c, cInitial, (long) total(c, true), cSteps, lastDay, gridDays, minCell, p);
    }
    return new Result(table.build(spark), logRankP, naiveLogRankP);
  }

  /** The log-rank p-value of two groups' per-day counts; null when a group is empty. */
  private static Double logRank(TreeMap<Integer, Day> a, TreeMap<Integer, Day> b) {
    double na = total(a, false);
    double nb = total(b, false);
    if (!(na > 0 && nb > 0)) {
      return null;
    }
    double p = LogRank.compare(na, steps(a), nb, steps(b)).pValue();
    return Double.isFinite(p) ? p : null;
  }

  private static double total(TreeMap<Integer, Day> days, boolean raw) {
    double sum = 0;
    for (Day d : days.values()) {
      sum += raw ? d.rawEvents() + d.rawCensored() : d.events() + d.censored();
    }
    return sum;
  }

  private static List<KaplanMeier.Step> steps(TreeMap<Integer, Day> days) {
    List<KaplanMeier.Step> steps = new ArrayList<>();
    days.forEach((day, d) -> steps.add(new KaplanMeier.Step(day, d.events(), d.censored())));
    return steps;
  }

  private static void addCurve(TableBuilder table, String[] key, String group, TreeMap<Integer, Day> days,
      double initial, long rawInitial, List<KaplanMeier.Step> steps, int lastDay, int gridDays, int minCell,
      Double logRankP) {
    if (initial <= 0) {
      return;
    }
    List<KaplanMeier.Point> points = KaplanMeier.estimate(initial, steps);
    int next = 0;
    double survival = 1;
    double low = 1;
    double high = 1;
    double cumEvents = 0;
    double cumCensored = 0;
    long rawEvents = 0;
    long rawCensored = 0;
    List<Integer> grid = new ArrayList<>();
    for (int day = 0; day < lastDay; day += gridDays) {
      grid.add(day);
    }
    grid.add(lastDay);
    for (int day : grid) {
      while (next < points.size() && points.get(next).time() <= day) {
        KaplanMeier.Point point = points.get(next);
        Day d = days.get((int) point.time());
        survival = point.survival();
        low = point.low();
        high = point.high();
        cumEvents += d.events();
        cumCensored += d.censored();
        rawEvents += d.rawEvents();
        rawCensored += d.rawCensored();
        next++;
      }
      // at_risk = (day 0's at_risk) - events - censored: when any of the three counts is small,
      // the whole day is withheld (the other two would give it by subtraction, and the survival
      // estimate, with no censoring yet, is 1 - events / at_risk on day 0).
      long rawAtRisk = rawInitial - rawEvents - rawCensored;
      boolean hide = ProgramEffects.small(rawAtRisk, minCell) || ProgramEffects.small(rawEvents, minCell)
          || ProgramEffects.small(rawCensored, minCell);
      table.add(key[0], key[1], key[2], group, day,
          hide ? null : initial - cumEvents - cumCensored,
          hide ? null : cumEvents, hide ? null : cumCensored,
          hide ? null : survival, hide ? null : low, hide ? null : high,
          logRankP, hide);
    }
  }
}
