package id.reintegrasi.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/inspect on small Parquet tables written here with parquet-hadoop (as Spark writes them:
 * three-level lists, decimals in fixed-length bytes, dates as INT32 DATE), checked as exact text.
 */
class InspectTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message spark_schema {
        required binary level (STRING);
        optional binary subject_id (STRING);
        optional int32 window_months;
        optional int64 treated_n;
        optional double rate;
        optional fixed_len_byte_array(9) hours (DECIMAL(19,2));
        optional int32 released (DATE);
        optional boolean suppressed;
        optional group checks (LIST) {
          repeated group list {
            optional binary element (STRING);
          }
        }
        optional binary statement (STRING);
      }
      """);

  @TempDir
  static Path tmp;
  static Path effect;

  /** Three rows; the second holds a null of every nullable kind. */
  @BeforeAll
  static void write() throws IOException {
    effect = tmp.resolve("program_effect");
    Files.createDirectories(effect);
    try (ParquetWriter<Group> w = writer(effect.resolve("part-00000-x.snappy.parquet"))) {
      w.write(row("PROGRAM", "PRG-BARISTA", 12, 257L, 0.17120622568093385, "1234.50", LocalDate.of(2023, 4, 1),
          false, new String[] {"a", "b"}, "Dari 100 peserta yang khas, 17 melakukan pengulangan"));
      w.write(row("MOU", null, null, null, null, null, null, null, null, null));
      w.write(row("ALL_MOU", "ALL_MOU", 12, 3L, 0.0000123456789, "-0.05", LocalDate.of(2019, 12, 31),
          true, new String[] {}, "short"));
    }
    // Spark's bookkeeping files are not part files.
    Files.writeString(effect.resolve("_SUCCESS"), "");
  }

  static ParquetWriter<Group> writer(Path file) throws IOException {
    return ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
        .withType(SCHEMA).withConf(new Configuration()).build();
  }

  static Group row(String level, String subject, Integer window, Long treated, Double rate, String hours,
      LocalDate released, Boolean suppressed, String[] checks, String statement) {
    Group g = new SimpleGroupFactory(SCHEMA).newGroup();
    g.add("level", level);
    if (subject != null) {
      g.add("subject_id", subject);
    }
    if (window != null) {
      g.add("window_months", window);
    }
    if (treated != null) {
      g.add("treated_n", treated);
    }
    if (rate != null) {
      g.add("rate", rate);
    }
    if (hours != null) {
      g.add("hours", Binary.fromConstantByteArray(fixed(new BigDecimal(hours).setScale(2).unscaledValue(), 9)));
    }
    if (released != null) {
      g.add("released", (int) released.toEpochDay());
    }
    if (suppressed != null) {
      g.add("suppressed", suppressed);
    }
    if (checks != null) {
      Group list = g.addGroup("checks");
      for (String c : checks) {
        list.addGroup("list").add("element", c);
      }
    }
    if (statement != null) {
      g.add("statement", statement);
    }
    return g;
  }

  /** Big-endian two's complement, sign-extended to {@code size} bytes, as Parquet stores decimals. */
  static byte[] fixed(BigInteger unscaled, int size) {
    byte[] raw = unscaled.toByteArray();
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) (unscaled.signum() < 0 ? 0xff : 0));
    System.arraycopy(raw, 0, out, size - raw.length, raw.length);
    return out;
  }

  record Run(int code, String out, String err) {}

  static Run inspect(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Inspect.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String schemaText(String path) {
    return path + ": 3 rows in 1 file, 10 columns\n"
        + "  level          string not null\n"
        + "  subject_id     string\n"
        + "  window_months  int\n"
        + "  treated_n      bigint\n"
        + "  rate           double\n"
        + "  hours          decimal(19,2)\n"
        + "  released       date\n"
        + "  suppressed     boolean\n"
        + "  checks         array<string>\n"
        + "  statement      string\n";
  }

  @Test
  void aTable_showsSchemaCountAndAlignedRows_withNullsDecimalsDoublesDatesAndLists() {
    Run r = inspect(effect.toString(), "--width", "20");
    assertEquals(0, r.code(), r.err());
    assertEquals(schemaText(effect.toString()) + "\n"
        + "Rows 1-3 of 3:\n"
        + "level    subject_id   window_months  treated_n         rate    hours  released    suppressed  checks  statement\n"
        + "-------  -----------  -------------  ---------  -----------  -------  ----------  ----------  ------  --------------------\n"
        + "PROGRAM  PRG-BARISTA             12        257     0.171206  1234.50  2023-04-01  false       [a, b]  Dari 100 peserta ...\n"
        + "MOU      null                  null       null         null     null  null        null        null    null\n"
        + "ALL_MOU  ALL_MOU                 12          3  1.23457e-05    -0.05  2019-12-31  true        []      short\n",
        r.out());
    assertEquals("", r.err());
  }

  @Test
  void filters_matchSubjectWindowAndAnyColumn_asPrintedOrAsNumbers() {
    String p = effect.toString();
    String head = schemaText(p) + "\n";
    Run r = inspect(p, "--subject", "all_mou", "--window", "12", "--select", "level,rate,hours");
    assertEquals(0, r.code(), r.err());
    assertEquals(head + "Rows 1-1 of 1 where subject_id = all_mou and window_months = 12:\n"
        + "level           rate  hours\n"
        + "-------  -----------  -----\n"
        + "ALL_MOU  1.23457e-05  -0.05\n", r.out());
    // A double matches its printed value; a decimal matches as a number; null matches missing values.
    assertEquals(head + "Rows 1-1 of 1 where rate = 0.171206:\n"
        + "level\n-------\nPROGRAM\n", inspect(p, "--where", "rate=0.171206", "--select", "level").out());
    assertEquals(head + "Rows 1-1 of 1 where hours = 1234.5:\n"
        + "level\n-------\nPROGRAM\n", inspect(p, "--where", "hours=1234.5", "--select", "level").out());
    assertEquals(head + "Rows 1-1 of 1 where subject_id = null and treated_n = null:\n"
        + "level\n-----\nMOU\n",
        inspect(p, "--where", "subject_id=null", "--where=treated_n=null", "--select", "level").out());
    assertEquals(head + "1 row where released = 2019-12-31.\n",
        inspect(p, "--where", "released=2019-12-31", "--limit", "0").out());
    assertEquals(head + "No rows of 3 where window_months = 6 and suppressed = TRUE.\n",
        inspect(p, "--where", "suppressed=TRUE", "--window", "6").out());
  }

  @Test
  void limit_showsTheFirstRows_andSaysThereAreMore() {
    Run r = inspect(effect.toString(), "--limit", "1", "--select", "level,window_months");
    assertEquals(schemaText(effect.toString()) + "\n"
        + "Rows 1-1 of 3 (--limit N shows more):\n"
        + "level    window_months\n"
        + "-------  -------------\n"
        + "PROGRAM             12\n", r.out());
  }

  @Test
  void schemaOnly_andVertical() {
    assertEquals(schemaText(effect.toString()), inspect(effect.toString(), "--schema").out());
    Run r = inspect(effect.toString(), "--vertical", "--limit", "1", "--select", "level,statement,checks");
    assertEquals(schemaText(effect.toString()) + "\n"
        + "Rows 1-1 of 3 (--limit N shows more):\n"
        + "-- row 1\n"
        + "level      PROGRAM\n"
        + "statement  Dari 100 peserta yang khas, 17 melakukan pengulangan\n"
        + "checks     [a, b]\n", r.out());
  }

  @Test
  void aSingleFile_andAFolderOfParts_areTablesToo() throws IOException {
    Path file = effect.resolve("part-00000-x.snappy.parquet");
    assertEquals(schemaText(file.toString()), inspect(file.toString(), "--schema").out());
    Path parts = tmp.resolve("two-parts");
    Files.createDirectories(parts);
    try (ParquetWriter<Group> w = writer(parts.resolve("part-00000.parquet"))) {
      w.write(row("A", null, 6, null, null, null, null, null, null, null));
    }
    try (ParquetWriter<Group> w = writer(parts.resolve("part-00001.parquet"))) {
      w.write(row("B", null, 12, null, null, null, null, null, null, null));
      w.write(row("C", null, 12, null, null, null, null, null, null, null));
    }
    Run r = inspect(parts.toString(), "--window", "12", "--select", "level");
    assertTrue(r.out().startsWith(parts + ": 3 rows in 2 files, 10 columns\n"), r.out());
    assertTrue(r.out().endsWith("\nRows 1-2 of 2 where window_months = 12:\nlevel\n-----\nB\nC\n"), r.out());
  }

  @Test
  void anOutputFolder_listsItsTables_withCountsFromTheFooters_andChecksTheManifest() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("_quarantine/releases"));
    Files.createDirectories(out.resolve("balance"));
    Files.createDirectories(out.resolve(".out.staging-1/ignored"));
    try (ParquetWriter<Group> w = writer(out.resolve("balance/part-0.parquet"))) {
      w.write(row("A", null, null, null, null, null, null, null, null, null));
    }
    try (ParquetWriter<Group> w = writer(out.resolve("_quarantine/releases/part-0.parquet"))) {
      w.write(row("A", null, null, null, null, null, null, null, null, null));
      w.write(row("B", null, null, null, null, null, null, null, null, null));
    }
    Files.copy(effect.resolve("part-00000-x.snappy.parquet"), out.resolve(".out.staging-1/ignored/p.parquet"));
    Files.writeString(out.resolve("_manifest.json"), """
        {
          "version": "0.1.0",
          "finished": "2026-11-27T21:44:58.949813566Z",
          "as_of": "2026-09-30",
          "outputs": [
            {
              "table": "balance",
              "rows": 1
            }
          ],
          "quarantine": [
            {
              "dataset": "releases",
              "rows": 3,
              "path": "_quarantine/releases"
            }
          ]
        }
        """);
    Run r = inspect(out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(out + ": 2 tables, run of 2026-11-27T21:44:58Z (reintegrasi 0.1.0, as of 2026-09-30)\n"
        + "table                 rows  columns  files\n"
        + "--------------------  ----  -------  -----\n"
        + "balance                  1       10      1\n"
        + "_quarantine/releases     2       10      1\n"
        + "Row counts differ from _manifest.json: _quarantine/releases (manifest 3, files 2)\n", r.out());
  }

  @Test
  void badOptions_andUnreadableTables_exitWith2_andSayWhy() throws IOException {
    String p = effect.toString();
    assertEquals(new Run(2, "", "inspect: --where nope: " + p + " has no column nope. Its columns: level, "
        + "subject_id, window_months, treated_n, rate, hours, released, suppressed, checks, statement.\n"),
        inspect(p, "--where", "nope=1"));
    assertEquals(new Run(2, "", "inspect: --where window_months: column window_months is a number (int), not 'x'.\n"),
        inspect(p, "--where", "window_months=x"));
    assertEquals(new Run(2, "", "inspect: --where checks: column checks of " + p
        + " is array<string>; only plain columns can be filtered.\n"), inspect(p, "--where", "checks=a"));
    assertEquals(2, inspect(p, "--limit", "-1").code());
    assertEquals(2, inspect(p, "--bogus").code());
    assertEquals(2, inspect().code());
    assertEquals(new Run(2, "", "inspect: " + tmp.resolve("missing") + ": no such file or folder.\n"),
        inspect(tmp.resolve("missing").toString()));
    Path notParquet = tmp.resolve("notparquet");
    Files.createDirectories(notParquet);
    Files.writeString(notParquet.resolve("part-0.parquet"), "not parquet at all");
    Run r = inspect(notParquet.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("inspect: " + notParquet + "/part-0.parquet: not a readable Parquet file ("),
        r.err());
    assertEquals(0, inspect("--help").code());
  }
}
