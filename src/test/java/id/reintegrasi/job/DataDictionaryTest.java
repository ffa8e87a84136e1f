package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.OutputTables;
import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/**
 * The README's "Data dictionary" lists every column of every output table of a real run (the
 * sample data, run once for all tests), in order and with its type, and every top-level key of
 * _manifest.json: a column added, dropped, renamed or retyped fails here until the README says so.
 */
class DataDictionaryTest extends SparkTestBase {
  private static final Pattern HEADING = Pattern.compile("^### `([^`]+)`\\s*$");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+?) \\|.*\\|\\s*$");
  private static final Pattern KEY_ROW = Pattern.compile("^\\| `([^`]+)` \\| [^|]+\\|\\s*$");

  /** Section heading to its rows: "column type" for tables, the key for the manifest. */
  static Map<String, List<String>> dictionary() throws IOException {
    Path readme = Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int start = lines.indexOf("## Data dictionary");
    assertTrue(start >= 0, "README.md has a '## Data dictionary' section");
    Map<String, List<String>> sections = new LinkedHashMap<>();
    String current = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        current = heading.group(1);
        sections.put(current, new ArrayList<>());
        continue;
      }
      if (current == null) {
        continue;
      }
      Matcher row = ROW.matcher(line);
      Matcher key = KEY_ROW.matcher(line);
      if (current.endsWith(".json") && key.matches()) {
        sections.get(current).add(key.group(1));
      } else if (row.matches()) {
        sections.get(current).add(row.group(1) + " " + row.group(2).trim());
      }
    }
    return sections;
  }

  private static List<String> columns(Path table) {
    List<String> columns = new ArrayList<>();
    for (StructField f : spark().read().parquet(table.toString()).schema().fields()) {
      columns.add(f.name() + " " + f.dataType().simpleString());
    }
    return columns;
  }

  @Test
  void everyTableOfARealRun_hasItsColumnsListed_inOrder_withTypes() throws IOException {
    Map<String, List<String>> dictionary = dictionary();
    Path out = SampleRun.output();
    TreeSet<String> documented = new TreeSet<>();
    for (String table : OutputTables.tables(out)) {
      String section = table.startsWith("_quarantine/") ? "_quarantine/<dataset>" : table;
      assertTrue(dictionary.containsKey(section), "README data dictionary has no section ### `" + section
          + "`; sections: " + dictionary.keySet());
      assertEquals(columns(out.resolve(table)), dictionary.get(section),
          "README data dictionary of " + table + " (column type, in table order)");
      documented.add(section);
    }
    // A section for a table the job no longer writes is caught too.
    TreeSet<String> sections = new TreeSet<>(dictionary.keySet());
    sections.remove("_manifest.json");
    assertEquals(sections, documented, "tables in the README data dictionary vs. tables of the run");
    assertTrue(documented.containsAll(List.of("cohort_outcomes", "program_participation", "program_effect", "balance",
        "survival", "dose_response", "mou_did", "reintegration", "data_quality", "_quarantine/<dataset>")));
  }

  @Test
  void everyTopLevelKeyOfTheManifest_isListed() throws IOException {
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^  \"([^\"]+)\":").matcher(
        Files.readString(SampleRun.output().resolve("_manifest.json"), StandardCharsets.UTF_8));
    while (m.find()) {
      keys.add(m.group(1));
    }
    assertTrue(keys.size() > 5, keys.toString());
    assertEquals(keys, dictionary().get("_manifest.json"), "README data dictionary of _manifest.json");
  }
}
