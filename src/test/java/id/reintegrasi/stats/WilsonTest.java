package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilsonTest {

  // z = 1.959963984540054, z^2 = 3.841458820694124

  @Test
  void twentyOneOutOf100_is01417to02998() {
    // p = 0.21, z^2/n = 0.03841458820694124, denominator = 1.03841458820694124
    // centre = (0.21 + 0.01920729410347062) / 1.03841458820694124 = 0.2207281144800260
    // half   = 1.959963984540054 / 1.03841458820694124
    //          * sqrt(0.21 * 0.79 / 100 + 3.841458820694124 / 40000)
    //        = 1.887455... * sqrt(0.001659 + 0.0000960364705) = 0.0790715738608730
    // interval = [0.1416565406191530, 0.2997996883408987]
    Wilson.Interval i = Wilson.interval(21, 100);
    assertEquals(0.1416565406191530, i.low(), 1e-15);
    assertEquals(0.2997996883408987, i.high(), 1e-15);
  }

  @Test
  void zeroOutOf10_startsAtExactlyZero() {
    // p = 0: low = 0; high = 2 * centre = (z^2/n) / (1 + z^2/n)
    //      = 0.3841458820694124 / 1.3841458820694124 = 0.2775327998628892
    Wilson.Interval i = Wilson.interval(0, 10);
    assertEquals(0.0, i.low(), 0.0);
    assertEquals(0.2775327998628892, i.high(), 1e-15);
  }

  @Test
  void tenOutOf10_endsAtExactlyOne() {
    // p = 1: high = 1; low = 1 / (1 + z^2/n) = 1 / 1.3841458820694124 = 0.7224672001371108
    Wilson.Interval i = Wilson.interval(10, 10);
    assertEquals(0.7224672001371108, i.low(), 1e-15);
    assertEquals(1.0, i.high(), 0.0);
  }

  @Test
  void zeroReleases_hasNoInterval() {
    assertNull(Wilson.interval(0, 0));
    assertNull(Wilson.interval(0.0, 0.0, Normal.Z95));
  }

  @Test
  void weightedCounts_matchWholeCountsWhenWhole() {
    assertEquals(Wilson.interval(21, 100), Wilson.interval(21.0, 100.0, Normal.Z95));
  }

  @Test
  void impossibleCounts_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(11, 10));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> Wilson.interval(1.0, 10.0, -1.0));
  }
}
