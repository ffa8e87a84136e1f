package id.reintegrasi.realdata;

import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.InputDatasets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a converted data set as the contract's input CSV files: every required dataset gets its
 * file with the header, even when it has no rows. A row names its columns ("column", value, ...);
 * a column left out is written empty (null), a column the contract does not know is an error, so
 * a typo in a converter fails instead of writing a silently empty column.
 */
final class ContractInputs implements AutoCloseable {
  private final Path dir;
  private final Map<String, BufferedWriter> writers = new LinkedHashMap<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();

  ContractInputs(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      for (DatasetSpec spec : InputDatasets.ALL) {
        if (spec.required()) {
          open(spec);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path dir() {
    return dir;
  }

  private BufferedWriter open(DatasetSpec spec) throws IOException {
    BufferedWriter w = writers.get(spec.name());
    if (w == null) {
      w = Files.newBufferedWriter(dir.resolve(spec.name() + ".csv"), StandardCharsets.UTF_8);
      w.write(String.join(",", spec.columnNames()));
      w.write('\n');
      writers.put(spec.name(), w);
      rows.put(spec.name(), 0L);
    }
    return w;
  }

  /** Appends one row to the dataset's file. */
  ContractInputs row(DatasetSpec spec, Object... columnValuePairs) {
    if (columnValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("column/value pairs expected for " + spec.name());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < columnValuePairs.length; i += 2) {
      String column = (String) columnValuePairs[i];
      if (spec.column(column).isEmpty()) {
        throw new IllegalArgumentException(spec.name() + " has no column " + column);
      }
      Object v = columnValuePairs[i + 1];
      values.put(column, v == null ? "" : v.toString());
    }
    List<String> names = spec.columnNames();
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < names.size(); c++) {
      if (c > 0) {
        line.append(',');
      }
      line.append(csv(values.getOrDefault(names.get(c), "")));
    }
    try {
      BufferedWriter w = open(spec);
      w.write(line.toString());
      w.write('\n');
      rows.merge(spec.name(), 1L, Long::sum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Rows written so far to a dataset. */
  long rows(DatasetSpec spec) {
    return rows.getOrDefault(spec.name(), 0L);
  }

  private static String csv(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  @Override
  public void close() {
    try {
      for (BufferedWriter w : writers.values()) {
        w.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
