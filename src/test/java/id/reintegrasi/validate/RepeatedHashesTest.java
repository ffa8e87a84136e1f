package id.reintegrasi.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.reintegrasi.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

class RepeatedHashesTest extends SparkTestBase {

  @Test
  void repeated_returnsEachValueSeenTwiceOrMore_once_inOrder() {
    List<Long> in = List.of(5L, -3L, 7L, 5L, Long.MIN_VALUE, 9L, 5L, Long.MIN_VALUE, 0L, -3L);
    List<Long> out = new ArrayList<>();
    RepeatedHashes.repeated(in.iterator()).forEachRemaining(out::add);
    assertEquals(List.of(Long.MIN_VALUE, -3L, 5L), out);
    assertEquals(List.of(), toList(RepeatedHashes.repeated(List.<Long>of().iterator())));
    assertEquals(List.of(), toList(RepeatedHashes.repeated(List.of(1L, 2L, 3L).iterator())));
  }

  @Test
  void find_overSeveralPartitions_findsExactlyTheRepeatedValues() {
    // 200,000 distinct values (more than the first buffer holds) plus three repeated ones,
    // the copies far apart in the input so that they start in different partitions.
    SplittableRandom rnd = new SplittableRandom(7);
    List<Long> values = new ArrayList<>(LongStream.range(0, 200_000).map(i -> rnd.nextLong()).boxed().toList());
    List<Long> twice = List.of(values.get(10), values.get(150_000), values.get(199_999));
    values.addAll(twice);
    values.add(values.get(10)); // three times: still reported once
    var df = spark().createDataset(values, Encoders.LONG()).repartition(5).toDF("h");
    List<Long> found = new ArrayList<>(RepeatedHashes.find(df, 7).collectAsList());
    found.sort(null);
    List<Long> expected = new ArrayList<>(twice);
    expected.sort(null);
    assertEquals(expected, found);
  }

  @Test
  void pack_cutsEachBucketIntoBlocks_andTheBlocksGiveBackEveryValue() {
    // One bucket: BLOCK + 5 values make a full block and one of 5; three buckets: each value in its own.
    List<Long> values = new ArrayList<>(LongStream.range(0, RepeatedHashes.BLOCK + 5).boxed().toList());
    values.add(42L); // 42 twice
    List<scala.Tuple2<Integer, byte[]>> one = new ArrayList<>();
    RepeatedHashes.pack(values.iterator(), 1).forEachRemaining(one::add);
    assertEquals(List.of(RepeatedHashes.BLOCK * 8, 6 * 8), one.stream().map(b -> b._2().length).toList());
    assertEquals(List.of(42L), toList(RepeatedHashes.repeatedInBlocks(one.iterator())));

    List<scala.Tuple2<Integer, byte[]>> three = new ArrayList<>();
    RepeatedHashes.pack(List.of(-7L, 3L, 4L, 5L, -7L).iterator(), 3).forEachRemaining(three::add);
    for (var block : three) {
      java.nio.LongBuffer longs = java.nio.ByteBuffer.wrap(block._2()).asLongBuffer();
      while (longs.hasRemaining()) {
        assertEquals((int) block._1(), RepeatedHashes.bucket(longs.get(), 3), "a value travels in its bucket");
      }
    }
    assertEquals(List.of(-7L), toList(RepeatedHashes.repeatedInBlocks(three.iterator())));
  }

  private static List<Long> toList(java.util.Iterator<Long> it) {
    List<Long> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
