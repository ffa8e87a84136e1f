package id.reintegrasi.effect;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.size;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Coarsened exact matching with Spark aggregations. The input is a "long" table with one row per
 * release and window: phase, window, stratum, subjects, comparison, and the values y, e, d, age,
 * sent, prior. Comparison sums per (phase, window, stratum) are small (bounded by the number of
 * strata) and go to every executor; treated sums per (subject, window, stratum) never leave the
 * executors: each subject's strata are combined there into one {@link MatchedSums}. Only one
 * {@link MatchedSums} per subject and window reaches the driver.
 */
public final class Matching {

  /** A subject of one phase, in one window. */
  public record Key(String level, String subjectId, String phase, int window)
      implements Serializable, Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }
  }

  /**
   * @param subjects the matched sums of every subject and window
   * @param pool the whole comparison pool per "phase|window" (the naive comparison)
   * @param poolIndicators per "phase|window", the pool's count of each "covariate=level"
   */
  public record Result(Map<Key, MatchedSums> subjects, Map<String, Sums> pool,
      Map<String, Map<String, Double>> poolIndicators) {}

  private Matching() {}

  public static Result match(Dataset<Row> longTable, List<String> covariates) {
    Column[] aggs = new Column[Sums.SIZE];
    for (int i = 0; i < Sums.SIZE; i++) {
      aggs[i] = expr(Sums.SQL[i]).as("s" + i);
    }
    // Step 1: comparison sums per stratum, small enough for the driver and a broadcast.
    List<Row> comparisonRows = longTable.filter(col(EffectPopulation.COMPARISON))
        .groupBy(col("phase"), col("window"), col("stratum"))
        .agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length))
        .collectAsList();
    Map<String, Sums> comparison = new TreeMap<>();
    Map<String, Sums> pool = new TreeMap<>();
    Map<String, Map<String, Double>> poolIndicators = new TreeMap<>();
    for (Row r : comparisonRows) {
      String group = r.getString(0) + "|" + r.getInt(1);
      Sums sums = sums(r, 3);
      comparison.put(group + "|" + r.getString(2), sums);
      pool.computeIfAbsent(group, g -> new Sums()).add(sums);
      String[] levels = r.getString(2).split("\\|", -1);
      Map<String, Double> shares = poolIndicators.computeIfAbsent(group, g -> new TreeMap<>());
      for (int i = 0; i < covariates.size() && i < levels.length; i++) {
        shares.merge(covariates.get(i) + "=" + levels[i], (double) sums.get(Sums.N), Double::sum);
      }
    }

    // Step 2: treated sums per subject and stratum, matched on the executors.
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(longTable.sparkSession().sparkContext());
    Broadcast<Map<String, Sums>> byStratum = jsc.broadcast(comparison);
    List<String> names = List.copyOf(covariates);
    List<Tuple2<Key, MatchedSums>> matched = longTable
        .filter(size(col(EffectPopulation.SUBJECTS)).gt(0))
        .select(explode(col(EffectPopulation.SUBJECTS)).as("s"), col("phase"), col("window"), col("stratum"),
            col("y"), col("e"), col("d"), col("age"), col("sent"), col("prior"))
        .groupBy(col("s.level"), col("s.subject_id"), col("phase"), col("window"), col("stratum"))
        .agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length))
        .javaRDD()
        .mapToPair(r -> new Tuple2<>(new Key(r.getString(0), r.getString(1), r.getString(2), r.getInt(3)),
            new MatchedSums.Cell(r.getString(4), sums(r, 5),
                byStratum.value().get(r.getString(2) + "|" + r.getInt(3) + "|" + r.getString(4)))))
        .groupByKey()
        .mapValues(cells -> {
          List<MatchedSums.Cell> list = new ArrayList<>();
          cells.forEach(list::add);
          return MatchedSums.of(list, names);
        })
        .collect();
    Map<Key, MatchedSums> subjects = new TreeMap<>();
    matched.forEach(t -> subjects.put(t._1(), t._2()));
    byStratum.destroy();
    return new Result(subjects, pool, poolIndicators);
  }

  private static Sums sums(Row r, int from) {
    long[] values = new long[Sums.SIZE];
    for (int i = 0; i < Sums.SIZE; i++) {
      values[i] = r.isNullAt(from + i) ? 0L : ((Number) r.get(from + i)).longValue();
    }
    return new Sums(values);
  }
}
