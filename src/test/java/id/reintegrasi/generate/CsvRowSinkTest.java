package id.reintegrasi.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large datasets are written as part files, each with the header; small ones as one file. */
class CsvRowSinkTest {
  @TempDir
  Path tmp;

  private static void row(CsvRowSink sink, int i) {
    sink.text("MOU-" + i);
    sink.text("title " + i);
    sink.text("parties");
    sink.date(20000 + i);
    sink.date(RowSink.NO_DATE);
    sink.text(null);
    sink.endRow();
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void moreRowsThanAPart_giveAFolderOfParts_eachWithTheHeader_andLocateNamesPartAndLine() throws IOException {
    CsvRowSink sink = new CsvRowSink(tmp, InputDataset.MOUS, 3);
    for (int i = 1; i <= 7; i++) {
      row(sink, i);
    }
    sink.close();
    assertEquals(List.of("mous"), list(tmp));
    assertEquals(List.of("part-00000.csv", "part-00001.csv", "part-00002.csv"), list(tmp.resolve("mous")));
    String header = InputDataset.MOUS.header();
    assertEquals(List.of(header, "MOU-1,title 1,parties,2024-10-05,,", "MOU-2,title 2,parties,2024-10-06,,",
        "MOU-3,title 3,parties,2024-10-07,,"), Files.readAllLines(tmp.resolve("mous/part-00000.csv")));
    assertEquals(List.of(header, "MOU-7,title 7,parties,2024-10-11,,"), Files.readAllLines(tmp.resolve("mous/part-00002.csv")));
    assertEquals("mous/part-00002.csv line 2", sink.locate(7));
    assertEquals("mous/part-00001.csv line 4", sink.locate(6));
  }

  @Test
  void exactlyOnePartOfRows_givesOneFile_withNoHeaderOnlyPart() throws IOException {
    CsvRowSink sink = new CsvRowSink(tmp, InputDataset.MOUS, 3);
    for (int i = 1; i <= 3; i++) {
      row(sink, i);
    }
    sink.close();
    assertEquals(List.of("mous.csv"), list(tmp));
    assertEquals(4, Files.readAllLines(tmp.resolve("mous.csv")).size());
    assertEquals("mous.csv line 4", sink.locate(3));
    assertFalse(Files.exists(tmp.resolve("mous")));
  }
}
