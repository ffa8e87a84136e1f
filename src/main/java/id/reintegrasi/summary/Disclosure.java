package id.reintegrasi.summary;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small-cell suppression (METHOD.md): a published count from 1 to k-1 becomes null together with
 * every value derived from it, and the row's {@code suppressed} flag is set.
 */
public final class Disclosure {
  public static final String SUPPRESSED = "suppressed";

  /**
   * When {@code trigger} is true for a row, the {@code columns} of that row are withheld.
   * Triggers are evaluated on the unsuppressed values.
   */
  public record Rule(Column trigger, List<String> columns) {
    public static Rule of(Column trigger, String... columns) {
      return new Rule(trigger, List.of(columns));
    }
  }

  private Disclosure() {}

  /** True for a count that may identify people: from 1 to k-1. Zero is safe to publish. */
  public static Column small(Column count, int k) {
    return coalesce(count.geq(1).and(count.lt(k)), lit(false));
  }

  public static Dataset<Row> apply(Dataset<Row> table, List<Rule> rules) {
    List<Column> triggers = new ArrayList<>();
    Dataset<Row> t = table;
    for (int i = 0; i < rules.size(); i++) {
      t = t.withColumn("_suppress_" + i, coalesce(rules.get(i).trigger(), lit(false)));
      triggers.add(col("_suppress_" + i));
    }
    Set<String> affected = new LinkedHashSet<>();
    rules.forEach(r -> affected.addAll(r.columns()));
    for (String column : affected) {
      Column hide = lit(false);
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).columns().contains(column)) {
          hide = hide.or(triggers.get(i));
        }
      }
      t = t.withColumn(column, when(hide, lit(null)).otherwise(col(column)));
    }
    Column any = triggers.stream().reduce(Column::or).orElse(lit(false));
    t = t.withColumn(SUPPRESSED, any);
    for (int i = 0; i < rules.size(); i++) {
      t = t.drop("_suppress_" + i);
    }
    return t;
  }
}
