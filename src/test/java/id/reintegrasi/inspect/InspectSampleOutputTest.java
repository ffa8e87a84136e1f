package id.reintegrasi.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.OutputTables;
import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * jobs/inspect on every table of a real run (the sample data, run once for all tests): the
 * schema, row count and filtered counts it prints agree with what Spark reads from the same
 * files, and the output folder listing names every table with its Spark row count.
 */
class InspectSampleOutputTest extends SparkTestBase {

  @Test
  void everyOutputTable_isShown_withSparksColumnsAndCount() {
    Path out = SampleRun.output();
    List<String> tables = OutputTables.tables(out);
    assertTrue(tables.size() >= 10, "tables of the sample run: " + tables);
    for (String name : tables) {
      Path table = out.resolve(name);
      Dataset<Row> spark = spark().read().parquet(table.toString());
      InspectTest.Run r = InspectTest.inspect(table.toString(), "--limit", "3", "--width", "0");
      assertEquals(0, r.code(), name + ": " + r.err());
      assertEquals("", r.err(), name);
      List<String> lines = Arrays.asList(r.out().split("\n"));
      long rows = spark.count();
      assertEquals(table + ": " + rows + (rows == 1 ? " row" : " rows") + " in 1 file, "
          + spark.schema().fields().length + " columns", lines.get(0), name);
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= spark.schema().fields().length; i++) {
        columns.add(lines.get(i).trim().split("\\s+")[0]);
      }
      assertEquals(Arrays.stream(spark.schema().fields()).map(StructField::name).toList(), columns, name);
      // The header of the rows names the columns in order, and three rows follow the rule.
      int at = spark.schema().fields().length + 2;
      assertEquals("Rows 1-" + Math.min(3, rows) + " of " + rows + (rows > 3 ? " (--limit N shows more):" : ":"),
          lines.get(at), name);
      assertEquals(columns, Arrays.asList(lines.get(at + 1).trim().split("\\s+")), name);
      assertEquals(at + 3 + Math.min(3, rows), lines.size(), name + ":\n" + r.out());
    }
  }

  @Test
  void theHeadlineQuestion_filtersTheSameRowsAsSpark() {
    Path effect = SampleRun.output().resolve("program_effect");
    long expected = spark().read().parquet(effect.toString())
        .filter("subject_id = 'ALL_MOU' AND window_months = 12 AND verdict = 'INSUFFICIENT_DATA'").count();
    InspectTest.Run r = InspectTest.inspect(effect.toString(), "--subject", "ALL_MOU", "--window", "12",
        "--where", "verdict=insufficient_data", "--limit", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(expected > 0, "the sample has suppressed or small subjects");
    assertTrue(r.out().endsWith("\n" + expected + (expected == 1 ? " row" : " rows")
        + " where subject_id = ALL_MOU and window_months = 12 and verdict = insufficient_data.\n"), r.out());
  }

  @Test
  void theOutputFolder_listsEveryTable_withItsRowCount() {
    Path out = SampleRun.output();
    InspectTest.Run r = InspectTest.inspect(out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith(out + ": " + OutputTables.tables(out).size() + " tables, run of "), r.out());
    assertTrue(r.out().contains(", as of " + SampleRun.AS_OF + ")\n"), r.out());
    assertTrue(!r.out().contains("differ"), r.out());
    for (String name : OutputTables.tables(out)) {
      long rows = spark().read().parquet(out.resolve(name).toString()).count();
      assertTrue(r.out().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(name) + "\\s+" + rows + "\\s+\\d+\\s+\\d+")),
          name + " with " + rows + " rows in:\n" + r.out());
    }
  }
}
