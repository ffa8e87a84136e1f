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

  /** Three facilities' worth of releases, programs in and after custody, attendance, reoffending, jobs. */
  public static InputFixture varied() {
    return withCatalogue()
        .add(Mous.NAME, "mou_id", "MOU-2021-BAZNAS", "title", "Pemberdayaan Ekonomi", "signed_date", "2021-06-01",
            "region_code", "15")
        .program("program_id", "PRG-AGAMA", "program_name", "Bimbingan Keagamaan", "category", "KEPRIBADIAN",
            "mou_id", "", "facility_id", "LAPAS-JAMBI", "start_date", "2018-01-01")
        .program("program_id", "PRG-PASCA", "program_name", "Usaha Mandiri", "category", "PASCA_BEBAS",
            "phase", "POST_RELEASE", "facility_id", "LAPAS-JAMBI", "mou_id", "MOU-2021-BAZNAS", "start_date", "2021-07-01")
        .release("release_id", "R1", "person_id", "P1", "admission_date", "2019-06-01", "release_date", "2021-01-15")
        .release("release_id", "R2", "person_id", "P2", "admission_date", "2020-02-01", "release_date", "2021-03-10",
            "release_type", "PB", "sex", "P", "birth_year", "1985")
        .release("release_id", "R3", "person_id", "P3", "facility_id", "LAPAS-JAMBI", "admission_date", "2019-09-01",
            "release_date", "2021-05-20", "release_type", "CB", "birth_year", "1995", "offence_category", "PENCURIAN")
        .release("release_id", "R4", "person_id", "P4", "facility_id", "LAPAS-JAMBI", "admission_date", "2020-01-10",
            "release_date", "2021-11-30", "birth_year", "1978", "prior_convictions", "2", "sentence_months", "22")
        .release("release_id", "R5", "person_id", "P5", "admission_date", "2021-01-05", "release_date", "2022-02-14",
            "release_type", "ASIMILASI", "sex", "P", "birth_year", "1999", "home_region", "1501")
        .release("release_id", "R6", "person_id", "P6", "facility_id", "LAPAS-JAMBI", "admission_date", "2020-07-01",
            "release_date", "2022-06-01", "release_type", "PB", "offence_category", "PENCURIAN", "prior_convictions", "1")
        .release("release_id", "R7", "person_id", "P7", "facility_id", "LAPAS-JAMBI", "admission_date", "2021-03-01",
            "release_date", "2022-09-15", "birth_year", "2000", "sentence_months", "18")
        .release("release_id", "R8", "person_id", "P8", "admission_date", "2021-10-01", "release_date", "2023-01-20",
            "release_type", "CMB", "birth_year", "1992")
        .release("release_id", "R9", "person_id", "P9", "facility_id", "LAPAS-BANGKO", "admission_date", "2022-02-01",
            "release_date", "2023-06-30", "sex", "P", "birth_year", "1983", "offence_category", "KEKERASAN")
        .release("release_id", "R10", "person_id", "P10", "admission_date", "2022-06-01", "release_date", "2024-02-01",
            "release_type", "PB", "birth_year", "1997", "sentence_months", "24")
        .release("release_id", "R11", "person_id", "P1", "admission_date", "2022-01-10", "release_date", "2023-04-01",
            "prior_convictions", "1")
        .release("release_id", "R12", "person_id", "P11", "facility_id", "LAPAS-JAMBI", "admission_date", "2023-01-01",
            "release_date", "2024-08-01", "release_type", "TRANSFER")
        .release("release_id", "R13", "person_id", "P12", "facility_id", "LAPAS-BANGKO", "admission_date", "2023-01-01",
            "release_date", "2025-01-10", "birth_year", "1970")
        .release("release_id", "RX", "person_id", "PX", "sex", "X") // quarantined: unknown code
        .enrollment("enrollment_id", "E1", "person_id", "P1", "enrolled_date", "2020-03-01", "exit_date", "2020-06-01")
        .enrollment("enrollment_id", "E2", "person_id", "P2", "enrolled_date", "2020-04-01", "exit_date", "2020-07-01",
            "exit_status", "DROPPED")
        .enrollment("enrollment_id", "E3", "person_id", "P2", "program_id", "PRG-AGAMA", "enrolled_date", "2020-05-01",
            "exit_date", "2020-09-01")
        .enrollment("enrollment_id", "E4", "person_id", "P3", "program_id", "PRG-AGAMA", "enrolled_date", "2020-01-15",
            "exit_date", "2020-04-15")
        .enrollment("enrollment_id", "E5", "person_id", "P5", "enrolled_date", "2021-03-01", "exit_date", "2021-06-01")
        .enrollment("enrollment_id", "E6", "person_id", "P6", "program_id", "PRG-AGAMA", "enrolled_date", "2021-01-01",
            "exit_date", "2021-04-01", "exit_status", "DROPPED")
        .enrollment("enrollment_id", "E7", "person_id", "P7", "program_id", "PRG-PASCA", "enrolled_date", "2022-10-01",
            "exit_date", "2023-01-01")
        .enrollment("enrollment_id", "E8", "person_id", "P8", "enrolled_date", "2022-01-10", "exit_date", "2022-04-10")
        .enrollment("enrollment_id", "E9", "person_id", "P9", "program_id", "PRG-PASCA", "enrolled_date", "2023-07-15",
            "exit_date", "2023-10-15")
        .enrollment("enrollment_id", "E10", "person_id", "P10", "program_id", "PRG-AGAMA", "enrolled_date", "2023-01-01",
            "exit_date", "2023-04-01")
        .enrollment("enrollment_id", "E11", "person_id", "P1", "enrolled_date", "2022-05-01", "exit_date", "2022-08-01")
        .enrollment("enrollment_id", "E12", "person_id", "P4", "program_id", "PRG-PASCA", "enrolled_date", "2021-12-15",
            "exit_date", "2022-03-01")
        .session("session_id", "S1", "person_id", "P1", "session_date", "2020-03-02", "hours", "3")
        .session("session_id", "S2", "person_id", "P1", "session_date", "2020-03-09", "hours", "2.5", "certificate", "true")
        .session("session_id", "S1", "person_id", "P2", "session_date", "2020-03-02", "attendance", "UNEXCUSED")
        .session("session_id", "S3", "person_id", "P2", "program_id", "PRG-AGAMA", "session_date", "2020-05-04", "hours", "1.5")
        .session("session_id", "S4", "person_id", "P3", "program_id", "PRG-AGAMA", "session_date", "2020-01-20", "hours", "2")
        .session("session_id", "S5", "person_id", "P5", "session_date", "2021-03-05", "hours", "4", "certificate", "true")
        .session("session_id", "S6", "person_id", "P6", "program_id", "PRG-AGAMA", "session_date", "2021-01-10",
            "attendance", "EXCUSED")
        .session("session_id", "S7", "person_id", "P7", "program_id", "PRG-PASCA", "session_date", "2022-10-05", "hours", "6")
        .session("session_id", "S8", "person_id", "P8", "session_date", "2022-01-12", "hours", "3.5")
        .session("session_id", "S9", "person_id", "P9", "program_id", "PRG-PASCA", "session_date", "2023-07-20", "hours", "5")
        .session("session_id", "S10", "person_id", "P10", "program_id", "PRG-AGAMA", "session_date", "2023-01-09")
        .session("session_id", "S11", "person_id", "P1", "session_date", "2022-05-03", "hours", "2", "certificate", "true")
        .event("event_id", "V1", "person_id", "P1", "offence_date", "2021-07-15", "recorded_date", "2021-08-01")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2022-08-01", "recorded_date", "2022-09-01",
            "event_type", "ARREST")
        .event("event_id", "V3", "person_id", "P3", "offence_date", "2021-09-01", "recorded_date", "2021-10-15",
            "offence_category", "PENCURIAN")
        .event("event_id", "V4", "person_id", "P4", "offence_date", "2023-06-01", "recorded_date", "2023-07-01",
            "event_type", "READMISSION")
        .event("event_id", "V5", "person_id", "P6", "offence_date", "2022-12-01", "recorded_date", "2023-01-10")
        .event("event_id", "V6", "person_id", "P7", "offence_date", "2024-01-10", "recorded_date", "2024-02-01",
            "event_type", "ARREST")
        .event("event_id", "V7", "person_id", "P8", "offence_date", "2023-05-01", "recorded_date", "2023-05-20")
        .event("event_id", "V8", "person_id", "P9", "offence_date", "2025-03-01", "recorded_date", "2025-04-01",
            "offence_category", "KEKERASAN")
        .event("event_id", "V9", "person_id", "P10", "offence_date", "2024-06-01", "recorded_date", "",
            "event_type", "READMISSION")
        .event("event_id", "V10", "person_id", "P1", "offence_date", "2023-10-01", "recorded_date", "2023-11-01")
        .event("event_id", "V11", "person_id", "P5", "offence_date", "2024-05-01", "recorded_date", "2024-06-01",
            "event_type", "ARREST")
        .event("event_id", "V12", "person_id", "P12", "offence_date", "2025-06-01", "recorded_date", "2025-06-20")
        .followup("person_id", "P1", "followup_date", "2021-02-15")
        .followup("person_id", "P2", "followup_date", "2021-05-01", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P3", "followup_date", "2021-06-20", "employment_status", "SELF_EMPLOYED")
        .followup("person_id", "P5", "followup_date", "2022-04-01")
        .followup("person_id", "P7", "followup_date", "2022-12-01", "employment_status", "UNKNOWN")
        .followup("person_id", "P9", "followup_date", "2023-09-01", "employment_status", "UNEMPLOYED")
        .followup("person_id", "P10", "followup_date", "2024-03-15");
  }
}
