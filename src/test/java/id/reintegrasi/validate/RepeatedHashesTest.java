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

  private static List<Long> toList(java.util.Iterator<Long> it) {
    List<Long> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
