package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.reintegrasi.stats.DiffInDiff.Cell;
import org.junit.jupiter.api.Test;

class DiffInDiffTest {

  @Test
  void workedExample_fallInsideMinusFallOutside() {
    // pre_in 30/100 = 0.30, post_in 20/100 = 0.20, pre_out 28/200 = 0.14, post_out 26/200 = 0.13
    // did = (0.20 - 0.30) - (0.13 - 0.14) = -0.10 + 0.01 = -0.09
    // se^2 = 0.30*0.70/100 + 0.20*0.80/100 + 0.14*0.86/200 + 0.13*0.87/200
    //      = 0.0021 + 0.0016 + 0.000602 + 0.0005655 = 0.0048675; se = 0.0697674709302265
    // z = -0.09 / 0.0697674709302265 = -1.2899995, p = 0.19705084472185927
    // 95% CI = -0.09 -/+ 1.959964 * 0.0697675 = [-0.2267417303156891, 0.0467417303156891]
    DiffInDiff.Result r = DiffInDiff.estimate(
        new Cell(30, 100), new Cell(20, 100), new Cell(28, 200), new Cell(26, 200));
    assertEquals(-0.09, r.difference(), 1e-15);
    assertEquals(0.0697674709302265, r.se(), 1e-15);
    assertEquals(-0.2267417303156891, r.low(), 1e-14);
    assertEquals(0.0467417303156891, r.high(), 1e-14);
    assertEquals(0.19705084472185927, r.pValue(), 1e-13);
    assertEquals(0.14, r.preOutside(), 0.0);
  }

  @Test
  void emptyCell_givesNoEstimate() {
    assertNull(DiffInDiff.estimate(
        new Cell(30, 100), new Cell(0, 0), new Cell(28, 200), new Cell(26, 200)));
  }

  @Test
  void allCellsWithoutSpreadAndNoChange_hasPOne() {
    DiffInDiff.Result r = DiffInDiff.estimate(
        new Cell(0, 10), new Cell(0, 10), new Cell(0, 20), new Cell(0, 20));
    assertEquals(0.0, r.difference(), 0.0);
    assertEquals(1.0, r.pValue(), 0.0);
  }
}
