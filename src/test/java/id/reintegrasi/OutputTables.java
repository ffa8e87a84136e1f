package id.reintegrasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Compares the output folders of two runs, table by table, regardless of row order. */
public final class OutputTables extends SparkTestBase {
  private OutputTables() {}

  /** The table folders of an output: summaries, then quarantined datasets as _quarantine/NAME. */
  public static List<String> tables(Path out) {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> top = Files.list(out)) {
      top.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(names::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (names.remove("_quarantine")) {
      try (Stream<Path> q = Files.list(out.resolve("_quarantine"))) {
        q.filter(Files::isDirectory).map(p -> "_quarantine/" + p.getFileName()).forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(names);
  }

  /** Every table of {@code actual} equals the one of {@code expected}: columns, types and rows in any order. */
  public static void assertSameTables(Path expected, Path actual, String what) {
    List<String> names = tables(expected);
    assertTrue(names.containsAll(List.of("cohort_outcomes", "program_participation", "data_quality",
        "_quarantine/releases")), "reference tables: " + names);
    assertEquals(names, tables(actual), what + ": table folders");
    for (String name : names) {
      Dataset<Row> want = spark().read().parquet(expected.resolve(name).toString());
      Dataset<Row> got = spark().read().parquet(actual.resolve(name).toString());
      assertEquals(want.schema().treeString(), got.schema().treeString(), what + ": columns of " + name);
      assertSameRows(sortedRows(want), sortedRows(got), what + ": rows of " + name);
    }
  }

  /** Equal lists of rows; else the message shows the rows found on one side only. */
  public static void assertSameRows(List<String> expected, List<String> actual, String what) {
    if (expected.equals(actual)) {
      return;
    }
    List<String> onlyExpected = new ArrayList<>(expected);
    actual.forEach(onlyExpected::remove);
    List<String> onlyActual = new ArrayList<>(actual);
    expected.forEach(onlyActual::remove);
    fail(what + " differ: " + expected.size() + " rows expected, " + actual.size() + " found"
        + "\nonly expected (" + onlyExpected.size() + "):\n  " + String.join("\n  ", head(onlyExpected))
        + "\nonly found (" + onlyActual.size() + "):\n  " + String.join("\n  ", head(onlyActual)));
  }

  public static List<String> head(List<String> rows) {
    return rows.size() <= 20 ? rows : rows.subList(0, 20);
  }
}
