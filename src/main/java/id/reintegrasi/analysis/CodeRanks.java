package id.reintegrasi.analysis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.DatasetSpec;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * A code column's values as their rank in alphabetical order, so that the latest, first or
 * greatest code of a group is a maximum or minimum of numbers. Spark aggregates numbers in a
 * hash table; a maximum of strings (or a max_by ordered by a struct holding one) makes it sort
 * every row of the group's input instead. Exact for validated rows, whose codes are all declared.
 */
public final class CodeRanks {
  private final List<String> sorted;

  private CodeRanks(List<String> sorted) {
    this.sorted = sorted;
  }

  /** The declared codes of {@code column} of {@code spec}. */
  public static CodeRanks of(DatasetSpec spec, String column) {
    ColumnSpec c = spec.column(column).orElseThrow(() -> new IllegalArgumentException(spec.name() + " has no " + column));
    if (c.codes().isEmpty()) {
      throw new IllegalArgumentException(spec.name() + "." + column + " declares no codes");
    }
    return new CodeRanks(c.codes().stream().sorted().toList());
  }

  /** How many codes there are: ranks run from 0 to size() - 1. */
  public int size() {
    return sorted.size();
  }

  /** The rank of the code in {@code value} (an int; null for null or an undeclared code). */
  public Column rank(Column value) {
    Column rank = null;
    for (int i = 0; i < sorted.size(); i++) {
      rank = rank == null ? when(value.equalTo(sorted.get(i)), lit(i)) : rank.when(value.equalTo(sorted.get(i)), lit(i));
    }
    return rank;
  }

  /** The code of a rank (null for null). */
  public Column code(Column rank) {
    return element_at(array(sorted.stream().map(c -> lit(c)).toArray(Column[]::new)), rank.plus(1));
  }
}
