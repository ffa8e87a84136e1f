package id.reintegrasi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.generate.DataGenerator;
import id.reintegrasi.generate.GeneratorOptions;
import id.reintegrasi.job.ReintegrationJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's headline numbers against DuckDB's, computed from the same generated input files with
 * the definitions of METHOD.md written independently in SQL ({@link DuckDbHeadlines}). No
 * suppression (--min-cell 1), so every cell is compared.
 */
class DuckDbCrossCheckTest extends SparkTestBase {
  private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

  @TempDir
  static Path tmp;
  static Path input;
  static Path out;

  @BeforeAll
  static void runTheJob() throws java.io.IOException {
    input = tmp.resolve("in");
    DataGenerator.run(new GeneratorOptions(input, 4000, 11, GeneratorOptions.Format.CSV, AS_OF, 0));
    out = tmp.resolve("out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReintegrationJob.runCli(new String[] {"--input", input.toString(), "--output", out.toString(),
        "--as-of", AS_OF.toString(), "--min-cell", "1"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void cohortOutcomesAndProgramRates_agreeWithDuckDb_cellForCell() {
    for (int window : new int[] {12, 24}) {
      DuckDbHeadlines.Result r = DuckDbHeadlines.run(input, out, AS_OF, window, 6);
      for (DuckDbHeadlines.Check c : r.checks()) {
        assertTrue(c.differences().isEmpty(), c.name() + ": " + String.join("\n", c.differences()));
        assertEquals(0, c.suppressed(), c.name());
      }
      assertTrue(r.checks().get(0).compared() > 200, "cohort cells compared: " + r.checks().get(0).compared());
      assertTrue(r.checks().get(1).compared() >= 4 * 5, "program cells compared: " + r.checks().get(1).compared());
    }
  }

  @Test
  void theCrossCheck_seesADifferentDefinition() {
    // A 3-month waiting period instead of the job's 6 makes more releases eligible: DuckDB must
    // then disagree, or the check could not catch anything.
    DuckDbHeadlines.Result r = DuckDbHeadlines.run(input, out, AS_OF, 12, 3);
    assertFalse(r.ok());
    assertFalse(r.checks().get(0).differences().isEmpty());
  }
}
