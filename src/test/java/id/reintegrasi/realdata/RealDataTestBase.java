package id.reintegrasi.realdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.job.ReintegrationJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the real-data tests share: reading a copied public data file from
 * {@code src/test/resources/realdata/}, running the real job once on the converted inputs, and
 * reading its output tables. The expected numbers always come from the publishers' figures
 * written in each test, never from the job's output.
 */
abstract class RealDataTestBase extends SparkTestBase {

  /** The data rows of a copied CSV file (split on commas: the copies have no quoted fields). */
  static List<String[]> readSource(String resource, String expectedHeader) {
    String name = "/realdata/" + resource;
    URL url = RealDataTestBase.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("Test resource " + name + " is missing");
    }
    try {
      List<String> lines = Files.readAllLines(Path.of(url.toURI()), StandardCharsets.UTF_8);
      // A changed copy must fail here rather than convert the wrong columns.
      assertEquals(expectedHeader, lines.get(0), name + " header");
      List<String[]> rows = new ArrayList<>(lines.size() - 1);
      int columns = expectedHeader.split(",", -1).length;
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isEmpty()) {
          continue;
        }
        String[] fields = lines.get(i).split(",", -1);
        if (fields.length != columns) {
          throw new IllegalStateException(name + " line " + (i + 1) + " has " + fields.length
              + " fields, expected " + columns + ": " + Arrays.toString(fields));
        }
        rows.add(fields);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the real job through its command line on spark() and fails with its messages unless it exits 0. */
  static void runJob(Path input, Path output, String... options) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReintegrationJob.runCli(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    assertEquals(0, exit, "job exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
  }

  /** An output table; fails with the table's name when the job did not write it. */
  static Dataset<Row> table(Path output, String name) {
    Path dir = output.resolve(name);
    if (!Files.isDirectory(dir)) {
      fail("The job wrote no table '" + name + "' under " + output + " (CONTRACT.md lists it)");
    }
    return spark().read().parquet(dir.toString());
  }

  /** True when the job wrote the table (used only in @BeforeAll to defer a missing table to the tests). */
  static boolean hasTable(Path output, String name) {
    return Files.isDirectory(output.resolve(name));
  }

  /** The converter's rows must all pass validation: a quarantined row would change the counts. */
  static void assertNothingQuarantined(Path output) {
    assertFalse(Files.exists(output.resolve("_quarantine")), "no input row may be quarantined");
    long failed = 0;
    for (Row r : table(output, "data_quality").filter("`check` = 'quarantined'").select("rows_failed").collectAsList()) {
      failed += r.isNullAt(0) ? 0 : ((Number) r.get(0)).longValue();
    }
    assertEquals(0, failed, "quarantined rows in data_quality");
  }

  /** A percentage as published (rounded to the given decimals) from a proportion. */
  static double percent(double proportion, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(proportion * 100 * scale) / scale;
  }

  static void assertBetween(double low, double high, double actual, String what) {
    assertTrue(actual >= low && actual <= high, what + " = " + actual + ", expected in [" + low + ", " + high + "]");
  }

  /** A long column that may be null (suppressed): fails with the column's name if it is. */
  static long longValue(Row r, String column) {
    int i = r.fieldIndex(column);
    assertFalse(r.isNullAt(i), column + " is null (suppressed?) in " + r);
    return ((Number) r.get(i)).longValue();
  }

  static double doubleValue(Row r, String column) {
    int i = r.fieldIndex(column);
    assertFalse(r.isNullAt(i), column + " is null (suppressed?) in " + r);
    return ((Number) r.get(i)).doubleValue();
  }
}
