package id.reintegrasi.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The 64-bit values that occur more than once in a column of hashes, found by spreading the
 * values over partitions by value (equal values meet in one partition) and sorting each
 * partition's values as primitive longs: 8 bytes a value in memory, no hash map, no spill for a
 * partition of a few million values. Used for duplicate keys, where nearly every value is
 * unique and a hash aggregate would do a map probe and a spill for each of them.
 */
final class RepeatedHashes {
  private RepeatedHashes() {}

  /**
   * Each value of {@code hashes} (one non-null long column) that occurs twice or more, once.
   *
   * @param partitions how many partitions to spread the values over; each is sorted in memory
   */
  static Dataset<Long> find(Dataset<Row> hashes, int partitions) {
    String column = hashes.columns()[0];
    return hashes.repartition(partitions, hashes.col(column)).as(Encoders.LONG())
        .mapPartitions((MapPartitionsFunction<Long, Long>) RepeatedHashes::repeated, Encoders.LONG());
  }

  /** The values that occur more than once in {@code values}, each once, in ascending order. */
  static Iterator<Long> repeated(Iterator<Long> values) {
    long[] all = new long[1 << 16];
    int n = 0;
    while (values.hasNext()) {
      if (n == all.length) {
        all = Arrays.copyOf(all, all.length * 2);
      }
      all[n++] = values.next();
    }
    Arrays.sort(all, 0, n);
    List<Long> out = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      if (all[i] == all[i - 1] && (out.isEmpty() || out.get(out.size() - 1) != all[i])) {
        out.add(all[i]);
      }
    }
    return out.iterator();
  }
}
