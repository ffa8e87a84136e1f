package id.reintegrasi.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.job.ReintegrationJob;
import id.reintegrasi.io.InputException;
import id.reintegrasi.io.InputReader;
import id.reintegrasi.io.ParsedColumns;
import id.reintegrasi.schema.Releases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-level cases of the bad-input corpus (src/test/resources/badinput/files/CASE/): a file that
 * cannot be read as contract CSV stops the run before any Spark job with a message naming the
 * file, the line and column where there is one, and the rule; files that are odd but within the
 * contract (BOM, CRLF, header-only, header in other case) read normally.
 */
class BadInputFilesTest extends SparkTestBase {

  private static Dataset<Row> read(String caseName) {
    InputReader reader = new InputReader(spark(), BadInputCorpus.resource("files/" + caseName).toString(),
        BadInputCorpus.DATE_FORMAT);
    return reader.read(reader.locate(Releases.SPEC).orElseThrow()).rows();
  }

  @Test
  void everyCase_givesTheExpectedMessageOrRows() {
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (String[] f : BadInputCorpus.tsv("files/expected.tsv")) {
      expected.add(String.join("\t", f));
      String outcome;
      try {
        Dataset<Row> rows = read(f[0]);
        outcome = "ok\t" + rows.filter(ParsedColumns.RECORD_RULE + " is null").count() + " rows";
      } catch (InputException e) {
        outcome = "error\t" + e.getMessage();
      }
      actual.add(f[0] + "\t" + outcome);
    }
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  /** The odd-but-valid files give exactly the rows of the plain file, without a BOM or CR in any value. */
  @Test
  void bomCrlfAndHeaderInOtherCase_giveTheSameValues() {
    List<String> plain = values("header-case-spaces");
    assertEquals(2, plain.size());
    assertEquals(plain, values("bom"));
    assertEquals(plain, values("crlf"));
  }

  private static List<String> values(String caseName) {
    return read(caseName).filter(ParsedColumns.RECORD_RULE + " is null")
        .select(Releases.SPEC.columnNames().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  /** The job turns an unusable file into exit code 2 with the same message on stderr, and writes nothing. */
  @Test
  void job_exits2_withTheMessage_andWritesNothing(@TempDir Path tmp) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path out = tmp.resolve("out");
    int code = ReintegrationJob.runCli(new String[] {"--input", BadInputCorpus.resource("files/semicolon").toString(),
        "--output", out.toString(), "--as-of", "2025-12-31"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    assertEquals(2, code);
    String expected = BadInputCorpus.tsv("files/expected.tsv").stream().filter(f -> f[0].equals("semicolon"))
        .findFirst().orElseThrow()[2];
    assertEquals("reintegrasi: " + expected + "\n", err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(out));
  }
}
