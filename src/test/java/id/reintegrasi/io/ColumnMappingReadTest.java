package id.reintegrasi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.job.ReintegrationJob;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.InputDatasets;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export with Indonesian SDP-style headers, read through a --columns mapping, gives the same
 * rows, and the same validation, as the same data with the contract's headers; CSV and Parquet.
 */
class ColumnMappingReadTest extends SparkTestBase {
  /** Contract column to the export's header, written in the assorted cases of real exports. */
  private static final Map<String, Map<String, String>> SDP = Map.of(
      Releases.NAME, Map.of("release_id", "No. Register", "person_id", "ID Narapidana",
          "admission_date", "TANGGAL MASUK", "release_date", "Tanggal Bebas", "sex", "jenis_kelamin"),
      Enrollments.NAME, Map.of("person_id", "ID Narapidana", "enrolled_date", "Tanggal-Daftar"));

  @TempDir
  static Path tmp;
  static Path contract;
  static Path sdp;
  static Path mapping;

  @BeforeAll
  static void write() throws IOException {
    InputFixture fixture = InputFixture.varied()
        // A bad row, so that the quarantine is compared too.
        .release("release_id", "RX", "person_id", "PX", "release_date", "not a date");
    contract = fixture.writeCsv(tmp.resolve("contract"));
    sdp = fixture.writeCsv(tmp.resolve("sdp"));
    for (Map.Entry<String, Map<String, String>> dataset : SDP.entrySet()) {
      Path file = sdp.resolve(dataset.getKey() + ".csv");
      List<String> csv = Files.readAllLines(file, StandardCharsets.UTF_8);
      String header = "," + csv.get(0) + ",";
      for (Map.Entry<String, String> c : dataset.getValue().entrySet()) {
        header = header.replace("," + c.getKey() + ",", "," + c.getValue() + ",");
      }
      csv.set(0, header.substring(1, header.length() - 1));
      Files.write(file, csv, StandardCharsets.UTF_8);
    }
    // Names as an analyst would type them: case, spaces and hyphens need not match the header.
    mapping = Files.writeString(tmp.resolve("columns-sdp.properties"), """
        # SDP export of the test
        releases.No. Register = release_id
        releases.id narapidana = person_id
        releases.Tanggal Masuk = admission_date
        releases.Tanggal Bebas = release_date
        releases.Jenis Kelamin = sex

        enrollments.ID Narapidana = person_id
        enrollments.Tanggal Daftar = enrolled_date
        """, StandardCharsets.UTF_8);
  }

  private static InputReader.Read read(Path dir, String dataset, ColumnMapping columns) {
    InputReader reader = new InputReader(spark(), dir.toString(), "yyyy-MM-dd", columns, null);
    return reader.read(reader.locate(InputDatasets.ALL.stream().filter(s -> s.name().equals(dataset))
        .findFirst().orElseThrow()).orElseThrow());
  }

  @Test
  void sdpHeaders_throughTheMapping_readAndValidateLikeContractHeaders() throws IOException {
    assertTrue(Files.readString(sdp.resolve("releases.csv")).startsWith("No. Register,ID Narapidana,"));
    ColumnMapping columns = ColumnMapping.read(mapping);
    InputValidator validator = new InputValidator(LocalDate.of(2025, 12, 31), "yyyy-MM-dd", false, (name, d) -> d);
    for (String dataset : SDP.keySet()) {
      InputReader.Read expected = read(contract, dataset, ColumnMapping.NONE);
      InputReader.Read actual = read(sdp, dataset, columns);
      assertEquals(expected.rows().schema(), actual.rows().schema(), dataset);
      List<String> rows = sortedRows(expected.rows());
      assertTrue(rows.size() > 2, dataset + " has rows");
      assertEquals(rows, sortedRows(actual.rows()), dataset);
      assertEquals(List.of(), actual.unknownColumns(), dataset);
    }
    Validated expected = validator.releases(read(contract, Releases.NAME, ColumnMapping.NONE));
    Validated actual = validator.releases(read(sdp, Releases.NAME, columns));
    assertEquals(sortedRows(expected.clean()), sortedRows(actual.clean()));
    List<String> quarantined = sortedRows(actual.quarantine());
    assertEquals(sortedRows(expected.quarantine()), quarantined);
    assertTrue(quarantined.stream().anyMatch(q -> q.contains("RX") && q.contains("invalid_date")), quarantined.toString());
  }

  @Test
  void parquetColumnNames_areMappedToo() {
    Path dir = tmp.resolve("sdp-parquet");
    Dataset<Row> contractRows = read(contract, Releases.NAME, ColumnMapping.NONE).rows();
    List<String> names = InputDatasets.ALL.get(0).columnNames();
    assertEquals(Releases.NAME, InputDatasets.ALL.get(0).name());
    Column[] renamed = names.stream()
        .map(c -> contractRows.col(c).as(SDP.get(Releases.NAME).getOrDefault(c, c))).toArray(Column[]::new);
    contractRows.filter("_line < 7").select(renamed).write().parquet(dir.resolve("releases").toString());
    Dataset<Row> actual = read(dir, Releases.NAME, ColumnMapping.read(mapping)).rows();
    Column[] declared = names.stream().map(actual::col).toArray(Column[]::new);
    assertEquals(sortedRows(contractRows.filter("_line < 7").select(names.stream().map(contractRows::col)
        .toArray(Column[]::new))), sortedRows(actual.select(declared)));
  }

  private static String[] run(String... extra) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new java.util.ArrayList<>(List.of("--input", sdp.toString(), "--output",
        tmp.resolve("out").toString(), "--as-of", "2025-12-31"));
    args.addAll(List.of(extra));
    int code = ReintegrationJob.runCli(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void mappingProblems_stopTheJob_withExitCode2_namingFileAndLine() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.properties"), "releases.ID Narapidana = person_id\n"
        + "releases.Nomor Induk = person_id\n");
    String[] r = run("--columns", bad.toString());
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--columns " + bad + " line 2: releases.person_id is mapped twice"), r[1]);

    Path absent = Files.writeString(tmp.resolve("absent.properties"), "# only releases\n"
        + "releases.No. Register = release_id\nreleases.Tanggal Keluar = release_date\n");
    r = run("--columns", absent.toString());
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--columns " + absent + " line 3: releases.csv has no column 'Tanggal Keluar'"), r[1]);

    r = run();
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("releases.csv: missing required columns release_id, person_id"), r[1]);
  }
}
