package id.reintegrasi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.InputDatasets;
import id.reintegrasi.schema.DatasetSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --columns mapping file without Spark: its format, and a clear message for every mistake. */
class ColumnMappingTest {
  private static final DatasetSpec RELEASES = InputDatasets.ALL.stream()
      .filter(s -> s.name().equals(Releases.NAME)).findFirst().orElseThrow();

  @TempDir
  Path tmp;

  private static ColumnMapping parse(String... lines) {
    return ColumnMapping.parse("map.properties", List.of(lines));
  }

  private static String problem(String... lines) {
    return assertThrows(InputException.class, () -> parse(lines)).getMessage();
  }

  @Test
  void lines_mapExportNamesToContractColumns_skippingCommentsAndBlankLines() {
    ColumnMapping m = parse("\uFEFF# SDP export", "", "  releases.ID Narapidana = person_id  ", "! also a comment",
        "RELEASES.No. Register=Release_ID", "enrollments.ID Narapidana = person_id", "releases.Kode=UPT = facility_id");
    assertEquals(List.of(
        new ColumnMapping.Entry("releases", "ID Narapidana", "person_id", 3),
        new ColumnMapping.Entry("releases", "No. Register", "release_id", 5),
        new ColumnMapping.Entry("enrollments", "ID Narapidana", "person_id", 6),
        new ColumnMapping.Entry("releases", "Kode=UPT", "facility_id", 7)), m.entries());
    assertEquals(List.of("releases.ID Narapidana = person_id", "releases.No. Register = release_id",
        "enrollments.ID Narapidana = person_id", "releases.Kode=UPT = facility_id"), m.describe());
  }

  @Test
  void apply_renamesMappedColumns_matchingLikeHeaders_andKeepsTheOthers() {
    ColumnMapping m = parse("releases.ID Narapidana = person_id", "releases.Tanggal Bebas = release_date",
        "enrollments.Tanggal Daftar = enrolled_date");
    assertEquals(List.of("release_id", "person_id", "release_date", "sex", "Catatan"),
        m.apply(RELEASES, List.of("release_id", " id_narapidana ", "TANGGAL-BEBAS", "sex", "Catatan"), "releases.csv"));
    assertEquals(List.of("a", "b"), ColumnMapping.NONE.apply(RELEASES, List.of("a", "b"), "releases.csv"));
  }

  @Test
  void aMalformedLine_isNamedWithFileAndLine() {
    assertEquals("--columns map.properties line 2: expected 'dataset.export column = contract_column', e.g. "
        + "'releases.Tanggal Bebas = release_date', not 'releases ID Narapidana person_id'.",
        problem("# ok", "releases ID Narapidana person_id"));
    assertEquals("--columns map.properties line 1: expected 'dataset.export column = contract_column', e.g. "
        + "'releases.Tanggal Bebas = release_date', not 'Tanggal Bebas = releases.release_date'.",
        problem("Tanggal Bebas = releases.release_date"));
    assertEquals("--columns map.properties line 1: the dataset, the export column and the contract column must "
        + "all be given, as in 'releases.Tanggal Bebas = release_date'.", problem("releases.Tanggal Bebas ="));
  }

  @Test
  void anUnknownDataset_isNamed_withTheKnownOnes() {
    assertEquals("--columns map.properties line 1: unknown dataset 'narapidana'; the datasets are releases, mous, "
        + "programs, enrollments, training, reoffences, followups.", problem("narapidana.ID = person_id"));
  }

  @Test
  void anUnknownContractColumn_isNamed_withTheDatasetsColumns() {
    assertEquals("--columns map.properties line 1: releases has no contract column 'tanggal_bebas'; its columns are "
        + String.join(", ", RELEASES.columnNames()) + ".", problem("releases.Tanggal Bebas = tanggal_bebas"));
  }

  @Test
  void twoExportNamesForOneContractColumn_areRefused_namingBothLines() {
    assertEquals("--columns map.properties line 3: releases.person_id is mapped twice: from 'ID Narapidana' on "
        + "line 1 and from 'No Induk' here; map one export column to it.",
        problem("releases.ID Narapidana = person_id", "enrollments.No Induk = person_id", "releases.No Induk = person_id"));
  }

  @Test
  void oneExportNameMappedTwice_isRefused() {
    assertEquals("--columns map.properties line 2: export column 'id narapidana' of releases is already mapped, to "
        + "person_id on line 1.", problem("releases.ID Narapidana = person_id", "releases.id narapidana = release_id"));
  }

  @Test
  void aMappedColumnAbsentFromTheHeader_namesTheMappingLine_andTheFile() {
    ColumnMapping m = parse("# releases", "releases.ID Narapidana = person_id", "releases.Tanggal Bebas = release_date");
    InputException e = assertThrows(InputException.class,
        () -> m.apply(RELEASES, List.of("release_id", "ID Narapidana", "release_date"), "releases/part-1.csv"));
    assertEquals("--columns map.properties line 3: releases/part-1.csv has no column 'Tanggal Bebas' (rule: "
        + "mapped_column; the header has: release_id, ID Narapidana, release_date).", e.getMessage());
  }

  @Test
  void aMappedColumn_andTheContractColumn_inOneHeader_areRefused() {
    ColumnMapping m = parse("releases.ID Narapidana = person_id");
    InputException e = assertThrows(InputException.class,
        () -> m.apply(RELEASES, List.of("person_id", "ID Narapidana"), "releases.csv"));
    assertEquals("--columns map.properties line 1: releases.csv has both 'ID Narapidana', mapped to person_id, and "
        + "a column 'person_id' (rule: mapped_column); drop the line or the column.", e.getMessage());
  }

  @Test
  void read_takesAUtf8File_andNamesAMissingOne() throws IOException {
    Path file = Files.writeString(tmp.resolve("sdp.properties"), "releases.Jenis Kelamin = sex\n", StandardCharsets.UTF_8);
    assertEquals(List.of("releases.Jenis Kelamin = sex"), ColumnMapping.read(file).describe());
    Path missing = tmp.resolve("nope.properties");
    assertEquals("--columns file " + missing + " does not exist.",
        assertThrows(InputException.class, () -> ColumnMapping.read(missing)).getMessage());
  }

  /** The example under jobs/ is valid, and maps every contract column of every dataset. */
  @Test
  void theExampleFile_isValid_andCoversTheContract() {
    Path example = Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("jobs/columns-sdp.example.properties");
    ColumnMapping m = ColumnMapping.read(example);
    for (DatasetSpec spec : InputDatasets.ALL) {
      assertEquals(spec.columnNames(), m.entries().stream().filter(e -> e.dataset().equals(spec.name()))
          .map(ColumnMapping.Entry::contractColumn).toList(), spec.name());
    }
  }
}
