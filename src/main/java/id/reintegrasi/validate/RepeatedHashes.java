package id.reintegrasi.validate;

import static org.apache.spark.sql.functions.col;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The 64-bit values that occur more than once in a column of hashes, found by spreading the
 * values over partitions by value (equal values meet in one partition) and sorting each
 * partition's values as primitive longs: 8 bytes a value in memory, no hash map, no spill for a
 * partition of a few million values. Used for duplicate keys, where nearly every value is
 * unique and a hash aggregate would do a map probe and a spill for each of them.
 *
 * <p>The values travel between partitions packed: each input partition cuts its values into
 * buckets and sends each bucket's values as blocks of up to {@value #BLOCK} longs, one shuffled
 * row per block instead of one per value (a row per value cost more to write, compress and read
 * back than the sort itself: a third of training's duplicate check at 30M rows).
 */
final class RepeatedHashes {
  /** Longs per shuffled block: 512 KB, so a partition's buffers stay small whatever its size. */
  static final int BLOCK = 1 << 16;
  /** Buckets per partition: several, so that hash partitioning of bucket numbers spreads evenly. */
  private static final int BUCKETS_PER_PARTITION = 4;

  private RepeatedHashes() {}

  /**
   * Each value of {@code hashes} (one non-null long column) that occurs twice or more, once.
   *
   * @param partitions how many partitions to spread the values over; each is sorted in memory
   */
  static Dataset<Long> find(Dataset<Row> hashes, int partitions) {
    int buckets = partitions * BUCKETS_PER_PARTITION;
    Dataset<Tuple2<Integer, byte[]>> blocks = hashes.select(col(hashes.columns()[0])).as(Encoders.LONG())
        .mapPartitions((MapPartitionsFunction<Long, Tuple2<Integer, byte[]>>) values -> pack(values, buckets),
            Encoders.tuple(Encoders.INT(), Encoders.BINARY()));
    return blocks.repartition(partitions, col("_1"))
        .mapPartitions((MapPartitionsFunction<Tuple2<Integer, byte[]>, Long>) RepeatedHashes::repeatedInBlocks,
            Encoders.LONG());
  }

  /** The bucket of a value: equal values, equal buckets. */
  static int bucket(long value, int buckets) {
    return (int) Long.remainderUnsigned(value, buckets);
  }

  /** One input partition's values as (bucket, block of longs) rows. */
  static Iterator<Tuple2<Integer, byte[]>> pack(Iterator<Long> values, int buckets) {
    long[][] open = new long[buckets][];
    int[] filled = new int[buckets];
    List<Tuple2<Integer, byte[]>> out = new ArrayList<>();
    while (values.hasNext()) {
      long v = values.next();
      int b = bucket(v, buckets);
      if (open[b] == null) {
        open[b] = new long[BLOCK];
      }
      open[b][filled[b]++] = v;
      if (filled[b] == BLOCK) {
        out.add(new Tuple2<>(b, toBytes(open[b], BLOCK)));
        filled[b] = 0;
      }
    }
    for (int b = 0; b < buckets; b++) {
      if (filled[b] > 0) {
        out.add(new Tuple2<>(b, toBytes(open[b], filled[b])));
      }
    }
    return out.iterator();
  }

  private static byte[] toBytes(long[] values, int n) {
    ByteBuffer bytes = ByteBuffer.allocate(n * Long.BYTES);
    bytes.asLongBuffer().put(values, 0, n);
    return bytes.array();
  }

  /** The repeated values among all the blocks of one partition. */
  static Iterator<Long> repeatedInBlocks(Iterator<Tuple2<Integer, byte[]>> blocks) {
    long[] all = new long[BLOCK];
    int n = 0;
    while (blocks.hasNext()) {
      byte[] block = blocks.next()._2();
      int count = block.length / Long.BYTES;
      if (n + count > all.length) {
        all = Arrays.copyOf(all, Math.max(n + count, all.length * 2));
      }
      ByteBuffer.wrap(block).asLongBuffer().get(all, n, count);
      n += count;
    }
    return repeated(all, n);
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
    return repeated(all, n);
  }

  private static Iterator<Long> repeated(long[] all, int n) {
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
