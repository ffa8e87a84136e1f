package id.reintegrasi;

import id.reintegrasi.io.ValueParser;
import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.InputDatasets;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Small input data sets written in code: each row starts from plausible defaults and overrides
 * only the columns a test is about, given as "column", "value" pairs. The same rows can be
 * written as contract CSV files or turned into typed DataFrames.
 */
public final class InputFixture {
  private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
      Releases.NAME, ordered(
          "release_id", "R1", "person_id", "P1", "facility_id", "RUTAN-SUNGAI-PENUH",
          "admission_date", "2020-01-01", "release_date", "2021-01-15", "release_type", "BEBAS",
          "sex", "L", "birth_year", "1990", "offence_category", "NARKOTIKA", "sentence_months", "12",
          "prior_convictions", "0", "home_region", "1572"),
      Mous.NAME, ordered(
          "mou_id", "MOU-2025-SPN", "title", "Penguatan Pembinaan", "parties",
          "Kanwil Ditjenpas Jambi; Pemkot Sungai Penuh", "signed_date", "2019-10-19", "end_date", "",
          "region_code", "1572"),
      Programs.NAME, ordered(
          "program_id", "PRG-BARISTA", "program_name", "Pelatihan Barista", "category", "KEMANDIRIAN",
          "phase", "IN_CUSTODY", "facility_id", "RUTAN-SUNGAI-PENUH", "partner", "Disnaker",
          "mou_id", "MOU-2025-SPN", "start_date", "2019-11-01", "end_date", ""),
      Enrollments.NAME, ordered(
          "enrollment_id", "E1", "person_id", "P1", "program_id", "PRG-BARISTA",
          "enrolled_date", "2020-03-01", "exit_date", "2020-06-01", "exit_status", "COMPLETED"),
      Training.NAME, ordered(
          "session_id", "S1", "person_id", "P1", "program_id", "PRG-BARISTA",
          "session_date", "2020-03-02", "hours", "3", "attendance", "PRESENT", "certificate", ""),
      Reoffences.NAME, ordered(
          "event_id", "V1", "person_id", "P1", "offence_date", "2021-07-15",
          "recorded_date", "2021-08-01", "event_type", "CONVICTION", "offence_category", "NARKOTIKA"),
      Followups.NAME, ordered(
          "person_id", "P1", "followup_date", "2021-02-15", "employment_status", "EMPLOYED"));

  private final Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
  /** Lines written as they are, after the rows, to break the CSV format on purpose. */
  private final Map<String, List<String>> rawLines = new LinkedHashMap<>();

  public InputFixture() {
    for (DatasetSpec spec : InputDatasets.ALL) {
      rows.put(spec.name(), new ArrayList<>());
    }
  }

  /** A fixture with one MoU and one MoU-driven barista program, and no people yet. */
  public static InputFixture withCatalogue() {
    return new InputFixture().add(Mous.NAME).add(Programs.NAME);
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Adds a row to a dataset: the defaults with the given column/value overrides. */
  public InputFixture add(String dataset, String... overrides) {
    Map<String, String> row = new LinkedHashMap<>(DEFAULTS.get(dataset));
    for (int i = 0; i < overrides.length; i += 2) {
      if (!row.containsKey(overrides[i])) {
        throw new IllegalArgumentException(dataset + " has no column " + overrides[i]);
      }
      row.put(overrides[i], overrides[i + 1]);
    }
    rows.get(dataset).add(row);
    return this;
  }

  /** Appends a line exactly as given (after the regular rows) to a dataset's CSV file. */
  public InputFixture rawLine(String dataset, String line) {
    rawLines.computeIfAbsent(dataset, d -> new ArrayList<>()).add(line);
    return this;
  }

  /** The CSV line number a row added now to the dataset will have (the header is line 1). */
  public long nextLine(String dataset) {
    return rows.get(dataset).size() + 2;
  }

  public InputFixture release(String... overrides) {
    return add(Releases.NAME, overrides);
  }

  public InputFixture enrollment(String... overrides) {
    return add(Enrollments.NAME, overrides);
  }

  public InputFixture session(String... overrides) {
    return add(Training.NAME, overrides);
  }

  public InputFixture event(String... overrides) {
    return add(Reoffences.NAME, overrides);
  }

  public InputFixture program(String... overrides) {
    return add(Programs.NAME, overrides);
  }

  public InputFixture followup(String... overrides) {
    return add(Followups.NAME, overrides);
  }

  /** Writes NAME.csv for every dataset (followups only when it has rows) into dir. */
  public Path writeCsv(Path dir) {
    try {
      Files.createDirectories(dir);
      for (DatasetSpec spec : InputDatasets.ALL) {
        List<Map<String, String>> data = rows.get(spec.name());
        if (!spec.required() && data.isEmpty()) {
          continue;
        }
        StringBuilder sb = new StringBuilder(String.join(",", spec.columnNames())).append('\n');
        for (Map<String, String> row : data) {
          List<String> fields = new ArrayList<>();
          for (String column : spec.columnNames()) {
            fields.add(csv(row.get(column)));
          }
          sb.append(String.join(",", fields)).append('\n');
        }
        for (String line : rawLines.getOrDefault(spec.name(), List.of())) {
          sb.append(line).append('\n');
        }
        Files.writeString(dir.resolve(spec.name() + ".csv"), sb.toString(), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String csv(String value) {
    if (value == null) {
      return "";
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  /** The rows of one dataset as a typed DataFrame in the declared schema (values must be valid). */
  public Dataset<Row> frame(SparkSession spark, String dataset) {
    DatasetSpec spec = InputDatasets.ALL.stream().filter(s -> s.name().equals(dataset)).findFirst().orElseThrow();
    ValueParser parser = new ValueParser("yyyy-MM-dd");
    List<Row> typed = new ArrayList<>();
    for (Map<String, String> row : rows.get(dataset)) {
      Object[] values = new Object[spec.columns().size()];
      for (int c = 0; c < values.length; c++) {
        ColumnSpec column = spec.columns().get(c);
        Object v = parser.parse(row.get(column.name()), column.type());
        if (v == ValueParser.INVALID) {
          throw new IllegalArgumentException(dataset + "." + column.name() + " is not valid in a typed frame");
        }
        values[c] = v;
      }
      typed.add(RowFactory.create(values));
    }
    return spark.createDataFrame(typed, spec.schema());
  }
}
