package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightedStatsTest {

  private static final double[] WEIGHTS = {1, 1, 2, 4};

  @Test
  void kishEffectiveSize_ofWeights1124_is64Over22() {
    // sum w = 8, sum w^2 = 1 + 1 + 4 + 16 = 22, n_eff = 8^2 / 22 = 2.909090...
    WeightedStats s = WeightedStats.of(new double[] {1, 0, 1, 0}, WEIGHTS);
    assertEquals(8.0, s.sumW(), 0.0);
    assertEquals(22.0, s.sumW2(), 0.0);
    assertEquals(64.0 / 22.0, s.effectiveSize(), 1e-15);
  }

  @Test
  void weightedProportion_usesEffectiveSizeInItsSe() {
    // values {1, 0, 1, 0}: sum w x = 1 + 2 = 3, p = 3/8 = 0.375
    // se = sqrt(0.375 * 0.625 / (64/22)) = sqrt(0.234375 * 22 / 64) = sqrt(0.08056640625)
    //    = 0.28384222069663984
    WeightedStats s = WeightedStats.of(new double[] {1, 0, 1, 0}, WEIGHTS);
    assertEquals(0.375, s.mean(), 0.0);
    assertEquals(0.28384222069663984, s.seProportion(), 1e-15);
  }

  @Test
  void weightedMean_seIsPopulationVarianceOverEffectiveSize() {
    // values {2, 4, 6, 10}: sum w x = 2 + 4 + 12 + 40 = 58, mean = 58 / 8 = 7.25
    // sum w (x - m)^2 = 27.5625 + 10.5625 + 2 * 1.5625 + 4 * 7.5625 = 71.5
    // variance = 71.5 / 8 = 8.9375
    // se = sqrt(8.9375 / (64/22)) = sqrt(3.072265625) = 1.7527879577975198
    WeightedStats s = WeightedStats.of(new double[] {2, 4, 6, 10}, WEIGHTS);
    assertEquals(7.25, s.mean(), 0.0);
    assertEquals(8.9375, s.variance(), 1e-14);
    assertEquals(1.7527879577975198, s.seMean(), 1e-14);
  }

  @Test
  void unweightedProportion_hasEffectiveSizeNAndSeSqrtPqOverN() {
    // {1, 0, 0, 1, 1}: n_eff = 25/5 = 5, p = 0.6, se = sqrt(0.6 * 0.4 / 5) = sqrt(0.048)
    WeightedStats s = WeightedStats.ofValues(1, 0, 0, 1, 1);
    assertEquals(5.0, s.effectiveSize(), 0.0);
    assertEquals(0.6, s.mean(), 1e-15);
    assertEquals(Math.sqrt(0.048), s.seProportion(), 1e-15);
  }

  @Test
  void unweightedMean_divisesVarianceByNNotNMinusOne() {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, sum (x - 5)^2 = 32, population variance 32/8 = 4
    // (the n - 1 form would be 32/7 = 4.571); se = sqrt(4 / 8)
    WeightedStats s = WeightedStats.ofValues(2, 4, 4, 4, 5, 5, 7, 9);
    assertEquals(4.0, s.variance(), 1e-14);
    assertEquals(Math.sqrt(0.5), s.seMean(), 1e-15);
  }

  @Test
  void fromSums_givesBitIdenticalResultsToAddingValues() {
    WeightedStats added = WeightedStats.of(new double[] {2, 4, 6, 10}, WEIGHTS);
    WeightedStats summed = WeightedStats.fromSums(8, 22, 58, 492);
    assertEquals(added, summed);
    assertEquals(added.seMean(), summed.seMean(), 0.0);
  }

  @Test
  void merge_equalsAddingAll() {
    WeightedStats a = WeightedStats.of(new double[] {2, 4}, new double[] {1, 1});
    WeightedStats b = WeightedStats.of(new double[] {6, 10}, new double[] {2, 4});
    assertEquals(WeightedStats.of(new double[] {2, 4, 6, 10}, WEIGHTS), a.merge(b));
  }

  @Test
  void noWeight_givesNaNAndZeroEffectiveSize() {
    assertTrue(Double.isNaN(WeightedStats.EMPTY.mean()));
    assertTrue(Double.isNaN(WeightedStats.EMPTY.seProportion()));
    assertTrue(Double.isNaN(WeightedStats.EMPTY.seMean()));
    assertEquals(0.0, WeightedStats.EMPTY.effectiveSize(), 0.0);
  }

  @Test
  void negativeWeight_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> WeightedStats.EMPTY.add(1, -1));
  }
}
