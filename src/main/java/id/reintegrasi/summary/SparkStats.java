package id.reintegrasi.summary;

import static org.apache.spark.sql.functions.udf;


import id.reintegrasi.stats.Wilson;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The statistics of {@code id.reintegrasi.stats} as Spark column functions, so that a summary
 * computed on aggregated rows uses the very same formulas as the hand-checked Java code.
 */
public final class SparkStats {
  private static final UserDefinedFunction WILSON_LOW = udf(
      (UDF2<Long, Long, Double>) (k, n) -> wilson(k, n) == null ? null : wilson(k, n).low(),
      DataTypes.DoubleType);
  private static final UserDefinedFunction WILSON_HIGH = udf(
      (UDF2<Long, Long, Double>) (k, n) -> wilson(k, n) == null ? null : wilson(k, n).high(),
      DataTypes.DoubleType);

  private SparkStats() {}

  private static Wilson.Interval wilson(Long k, Long n) {
    if (k == null || n == null || n <= 0) {
      return null;
    }
    return Wilson.interval(k, n);
  }

  public static Column wilsonLow(Column k, Column n) {
    return WILSON_LOW.apply(k.cast(DataTypes.LongType), n.cast(DataTypes.LongType));
  }

  public static Column wilsonHigh(Column k, Column n) {
    return WILSON_HIGH.apply(k.cast(DataTypes.LongType), n.cast(DataTypes.LongType));
  }

  /** k / n as a proportion, null when n is 0 or null. */
  public static Column rate(Column k, Column n) {
    return org.apache.spark.sql.functions.when(n.gt(0), k.cast(DataTypes.DoubleType).divide(n));
  }
}
