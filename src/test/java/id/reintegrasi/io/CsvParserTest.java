package id.reintegrasi.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class CsvParserTest {

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static CsvParser parser(byte[] bytes) throws IOException {
    return new CsvParser(new ByteArrayInputStream(bytes), "test.csv");
  }

  private static CsvParser parser(String text) throws IOException {
    return parser(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<CsvRecord> all(CsvParser p) {
    List<CsvRecord> out = new ArrayList<>();
    while (p.hasNext()) {
      out.add(p.next());
    }
    return out;
  }

  private static List<CsvRecord> all(String text) throws IOException {
    try (CsvParser p = parser(text)) {
      return all(p);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRecord(CsvRecord r, long line, String... fields) {
    assertTrue(r.ok(), () -> "expected a good record: " + r);
    assertEquals(line, r.line(), () -> "line of " + r);
    assertArrayEquals(fields, r.fields(), () -> "fields of " + r);
  }

  private static void assertBad(CsvRecord r, long line, String rule) {
    assertEquals(rule, r.rule(), () -> "rule of " + r);
    assertEquals(line, r.line(), () -> "line of " + r);
    assertFalse(r.ok());
    assertTrue(r.message() != null && !r.message().isBlank(), () -> "message of " + r);
  }

  private static CsvFormatException formatError(byte[] bytes) {
    return assertThrows(CsvFormatException.class, () -> parser(bytes));
  }

  private static CsvFormatException formatError(String text) {
    return formatError(utf8(text));
  }

  // ---------------------------------------------------------------------------------------------
  // line ends, BOM, blank lines

  @Test
  void lfLineEnds_areHandled() throws IOException {
    List<CsvRecord> rs = all("id,name\n1,Ani\n2,Budi\n");
    assertEquals(2, rs.size());
    assertRecord(rs.get(0), 2, "1", "Ani");
    assertRecord(rs.get(1), 3, "2", "Budi");
  }

  @Test
  void crlfLineEnds_areHandled() throws IOException {
    try (CsvParser p = parser("id,name\r\n1,Ani\r\n2,Budi\r\n")) {
      assertEquals(List.of("id", "name"), p.header());
      List<CsvRecord> rs = all(p);
      assertEquals(2, rs.size());
      assertRecord(rs.get(0), 2, "1", "Ani");
      assertRecord(rs.get(1), 3, "2", "Budi");
    }
  }

  @Test
  void mixedLineEnds_areHandled() throws IOException {
    List<CsvRecord> rs = all("id,name\r\n1,Ani\n2,Budi\r\n3,Cici\n");
    assertEquals(3, rs.size());
    assertRecord(rs.get(0), 2, "1", "Ani");
    assertRecord(rs.get(1), 3, "2", "Budi");
    assertRecord(rs.get(2), 4, "3", "Cici");
  }

  @Test
  void bom_isStripped_fromFirstHeaderName() throws IOException {
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("id,name\n1,Ani\n"));
    try (CsvParser p = parser(bytes)) {
      assertEquals(List.of("id", "name"), p.header());
      assertEquals("id".length(), p.header().get(0).length());
      List<CsvRecord> rs = all(p);
      assertEquals(1, rs.size());
      assertRecord(rs.get(0), 2, "1", "Ani");
    }
  }

  @Test
  void noFinalNewline_lastRecordIsRead() throws IOException {
    List<CsvRecord> rs = all("id,name\n1,Ani\n2,Budi");
    assertEquals(2, rs.size());
    assertRecord(rs.get(1), 3, "2", "Budi");
  }

  @Test
  void noFinalNewline_afterCr_crIsStripped() throws IOException {
    List<CsvRecord> rs = all("id,name\r\n1,Ani\r");
    assertEquals(1, rs.size());
    assertRecord(rs.get(0), 2, "1", "Ani");
  }

  @Test
  void blankLinesInMiddle_areSkipped_andCounted_lineNumbersStayRight() throws IOException {
    try (CsvParser p = parser("id,name\n1,Ani\n\n   \n\t\r\n2,Budi\n\r\n3,Cici\n")) {
      List<CsvRecord> rs = all(p);
      assertEquals(3, rs.size());
      assertRecord(rs.get(0), 2, "1", "Ani");
      assertRecord(rs.get(1), 6, "2", "Budi");
      assertRecord(rs.get(2), 8, "3", "Cici");
      assertEquals(4, p.blankLines());
      assertEquals(3, p.records());
    }
  }

  @Test
  void blankLinesAtEnd_areSkipped_andCounted() throws IOException {
    try (CsvParser p = parser("id,name\n1,Ani\n\n\r\n  ")) {
      List<CsvRecord> rs = all(p);
      assertEquals(1, rs.size());
      assertRecord(rs.get(0), 2, "1", "Ani");
      assertEquals(3, p.blankLines());
    }
  }

  @Test
  void blankLinesBeforeHeader_areSkipped_headerLineIsReported() throws IOException {
    try (CsvParser p = parser("\n\nid,name\n1,Ani\n")) {
      assertEquals(3, p.headerLine());
      assertEquals(List.of("id", "name"), p.header());
      assertRecord(p.next(), 4, "1", "Ani");
      assertEquals(2, p.blankLines());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // quoting and values

  @Test
  void quotedComma_staysInField() throws IOException {
    List<CsvRecord> rs = all("id,addr\n1,\"Jl. Merdeka 5, Bandung\"\n");
    assertRecord(rs.get(0), 2, "1", "Jl. Merdeka 5, Bandung");
  }

  @Test
  void escapedQuote_isUnescaped() throws IOException {
    List<CsvRecord> rs = all("id,nick\n1,\"Budi \"\"Si Kancil\"\" S.\"\n2,\"\"\"\"\n");
    assertRecord(rs.get(0), 2, "1", "Budi \"Si Kancil\" S.");
    assertRecord(rs.get(1), 3, "2", "\"");
  }

  @Test
  void quotedFieldWithNewline_spansLines_lineNumberIsStart() throws IOException {
    List<CsvRecord> rs = all("id,note\n1,\"line one\nline two\n\nline four\"\n2,after\n");
    assertEquals(2, rs.size());
    assertRecord(rs.get(0), 2, "1", "line one\nline two\n\nline four");
    assertRecord(rs.get(1), 6, "2", "after");
  }

  @Test
  void quotedFieldWithCrlf_isJoinedWithLf_lineNumbersStayRight() throws IOException {
    List<CsvRecord> rs = all("id,note\r\n1,\"a\r\nb\"\r\n2,c\r\n");
    assertRecord(rs.get(0), 2, "1", "a\nb");
    assertRecord(rs.get(1), 4, "2", "c");
  }

  @Test
  void emptyFields_areNull_butSpacesAndQuotedSpacesAreKept() throws IOException {
    List<CsvRecord> rs = all("a,b,c,d,e\n,\"\", ,\" \",x\n");
    assertRecord(rs.get(0), 2, null, null, " ", " ", "x");
    List<CsvRecord> trailing = all("a,b,c\nx,,\n");
    assertRecord(trailing.get(0), 2, "x", null, null);
  }

  @Test
  void valuesAreNotTrimmed() throws IOException {
    List<CsvRecord> rs = all("a,b\n  x , y\t\n");
    assertRecord(rs.get(0), 2, "  x ", " y\t");
  }

  @Test
  void validMultiByteUtf8_isDecoded() throws IOException {
    List<CsvRecord> rs = all("nama,kota\nJosé Ñúñez,Bandung – Jawa Barat 🏠\n");
    assertRecord(rs.get(0), 2, "José Ñúñez", "Bandung – Jawa Barat 🏠");
  }

  @Test
  void headerNames_areTrimmed_caseKept() throws IOException {
    try (CsvParser p = parser(" Id , Nama Lengkap ,\"  Kota\"\n1,Ani,Bogor\n")) {
      assertEquals(List.of("Id", "Nama Lengkap", "Kota"), p.header());
      assertRecord(p.next(), 2, "1", "Ani", "Bogor");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // row rules

  @Test
  void tooManyFields_reportsFieldCount() throws IOException {
    List<CsvRecord> rs = all("a,b,c\n1,2,3,4\n5,6,7\n");
    assertBad(rs.get(0), 2, "field_count");
    assertEquals("expected 3 fields, found 4", rs.get(0).message());
    assertArrayEquals(new String[] {"1", "2", "3", "4"}, rs.get(0).fields());
    assertRecord(rs.get(1), 3, "5", "6", "7");
  }

  @Test
  void tooFewFields_reportsFieldCount() throws IOException {
    List<CsvRecord> rs = all("a,b,c\n1,2\n5,6,7\n");
    assertBad(rs.get(0), 2, "field_count");
    assertEquals("expected 3 fields, found 2", rs.get(0).message());
    assertRecord(rs.get(1), 3, "5", "6", "7");
  }

  @Test
  void unterminatedQuote_reportsStartLine_andResumes() throws IOException {
    // the quote opened on line 3 is still open after 100 lines: report line 3, go on at line 4
    StringBuilder sb = new StringBuilder("id,name\n1,Ani\n2,\"Budi\n");
    for (int i = 3; i <= 202; i++) {
      sb.append(i).append(",n").append(i).append('\n');
    }
    try (CsvParser p = parser(sb.toString())) {
      List<CsvRecord> rs = all(p);
      assertEquals(202, rs.size());
      assertRecord(rs.get(0), 2, "1", "Ani");
      assertBad(rs.get(1), 3, "unterminated_quote");
      assertArrayEquals(new String[] {"2", "Budi"}, rs.get(1).fields());
      assertTrue(rs.get(1).message().contains("100 lines"), rs.get(1).message());
      for (int k = 2; k < rs.size(); k++) {
        int id = k + 1;
        assertRecord(rs.get(k), id + 1, String.valueOf(id), "n" + id);
      }
      assertEquals(202, p.records());
      assertEquals(1, p.badRecords());
    }
  }

  @Test
  void unterminatedQuote_atEof_reportsStartLine_andResumes() throws IOException {
    List<CsvRecord> rs = all("id,name\n1,Ani\n2,\"Budi\n\n3,Cici\n4,Dedi");
    assertEquals(4, rs.size());
    assertRecord(rs.get(0), 2, "1", "Ani");
    assertBad(rs.get(1), 3, "unterminated_quote");
    assertTrue(rs.get(1).message().contains("end of file"), rs.get(1).message());
    assertRecord(rs.get(2), 5, "3", "Cici");
    assertRecord(rs.get(3), 6, "4", "Dedi");
  }

  @Test
  void unterminatedQuote_overOneMegabyte_reportsStartLine_andResumes() throws IOException {
    String chunk = "x".repeat(100_000);
    StringBuilder sb = new StringBuilder("id,name\n1,\"open\n");
    for (int i = 0; i < 15; i++) { // 15 lines of 100 KB: over 1 MB long before 100 lines
      sb.append(i).append(',').append(chunk).append('\n');
    }
    try (CsvParser p = parser(sb.toString())) {
      List<CsvRecord> rs = all(p);
      assertEquals(16, rs.size());
      assertBad(rs.get(0), 2, "unterminated_quote");
      assertTrue(rs.get(0).message().contains("1 MB"), rs.get(0).message());
      for (int i = 0; i < 15; i++) {
        assertRecord(rs.get(i + 1), i + 3, String.valueOf(i), chunk);
      }
    }
  }

  @Test
  void unterminatedQuote_twice_eachReportedAtItsLine() throws IOException {
    // line 2 opens a quote; line 102 opens another one beyond line 2's 100-line window; EOF at 110
    StringBuilder sb = new StringBuilder("a,b\n1,\"x\n");
    for (int line = 3; line <= 110; line++) {
      sb.append(line == 102 ? "102,\"y" : line + ",v").append('\n');
    }
    List<CsvRecord> rs = all(sb.toString());
    assertEquals(109, rs.size());
    assertBad(rs.get(0), 2, "unterminated_quote");
    for (int k = 1; k < rs.size(); k++) {
      long line = k + 2;
      if (line == 102) {
        assertBad(rs.get(k), 102, "unterminated_quote");
        assertArrayEquals(new String[] {"102", "y"}, rs.get(k).fields());
      } else {
        assertRecord(rs.get(k), line, String.valueOf(line), "v");
      }
    }
  }

  @Test
  void strayQuote_inUnquotedField_isReported() throws IOException {
    List<CsvRecord> rs = all("id,size,name\n1,12\" pipe,x\n2,3,y\n");
    assertBad(rs.get(0), 2, "stray_quote");
    assertArrayEquals(new String[] {"1", "12\" pipe", "x"}, rs.get(0).fields());
    assertTrue(rs.get(0).message().contains("field 2"), rs.get(0).message());
    assertTrue(rs.get(0).message().contains("size"), rs.get(0).message());
    assertRecord(rs.get(1), 3, "2", "3", "y");
  }

  @Test
  void strayQuote_afterClosingQuote_isReported() throws IOException {
    List<CsvRecord> rs = all("id,name\n1,\"abc\"x\n2,ok\n");
    assertBad(rs.get(0), 2, "stray_quote");
    assertArrayEquals(new String[] {"1", "abcx"}, rs.get(0).fields());
    assertRecord(rs.get(1), 3, "2", "ok");
  }

  @Test
  void invalidUtf8_latin1Byte_reportedWithCorrectLine() throws IOException {
    byte[] bytes = concat(utf8("id,name\r\n1,Ani\r\n\r\n2,Jos"), new byte[] {(byte) 0xE9}, utf8("\r\n3,Cici\r\n"));
    List<CsvRecord> rs;
    try (CsvParser p = parser(bytes)) {
      rs = all(p);
    }
    assertEquals(3, rs.size());
    assertRecord(rs.get(0), 2, "1", "Ani");
    assertBad(rs.get(1), 4, "invalid_utf8");
    assertArrayEquals(new String[] {"2", "Jos\uFFFD"}, rs.get(1).fields());
    assertRecord(rs.get(2), 5, "3", "Cici");
  }

  @Test
  void invalidUtf8_onContinuationLine_namesThatLine() throws IOException {
    byte[] bytes = concat(utf8("id,note\n1,\"a\nb"), new byte[] {(byte) 0xFF}, utf8("\"\n2,c\n"));
    List<CsvRecord> rs;
    try (CsvParser p = parser(bytes)) {
      rs = all(p);
    }
    assertBad(rs.get(0), 2, "invalid_utf8");
    assertTrue(rs.get(0).message().contains("line 3"), rs.get(0).message());
    assertRecord(rs.get(1), 4, "2", "c");
  }

  @Test
  void lineLongerThanOneMegabyte_isReported_andSkipped() throws IOException {
    String huge = "y".repeat(CsvParser.MAX_RECORD_BYTES + 10);
    List<CsvRecord> rs = all("a,b\n1," + huge + "\n2,ok\n");
    assertEquals(2, rs.size());
    assertBad(rs.get(0), 2, "line_too_long");
    assertRecord(rs.get(1), 3, "2", "ok");
  }

  // ---------------------------------------------------------------------------------------------
  // whole-file problems

  @Test
  void emptyFile_throws() {
    CsvFormatException e = formatError(new byte[0]);
    assertEquals("test.csv is empty: expected a header row", e.getMessage());
    assertEquals(CsvFormatException.EMPTY_FILE, e.rule());
  }

  @Test
  void bomOnlyFile_throws() {
    CsvFormatException e = formatError(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    assertEquals("test.csv is empty: expected a header row", e.getMessage());
  }

  @Test
  void whitespaceOnlyFile_throws() {
    CsvFormatException e = formatError(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        utf8("  \r\n\n\t\n")));
    assertEquals(CsvFormatException.EMPTY_FILE, e.rule());
  }

  @Test
  void headerOnlyFile_hasNoRecords() throws IOException {
    try (CsvParser p = parser("id,name\n")) {
      assertEquals(List.of("id", "name"), p.header());
      assertFalse(p.hasNext());
      assertThrows(NoSuchElementException.class, p::next);
      assertEquals(0, p.records());
    }
    try (CsvParser p = parser("id,name")) {
      assertEquals(List.of("id", "name"), p.header());
      assertFalse(p.hasNext());
    }
  }

  @Test
  void xlsxBytes_throwSpreadsheetMessage() {
    byte[] zip = concat(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}, utf8("[Content_Types].xml"));
    CsvFormatException e = formatError(zip);
    assertEquals(CsvFormatException.SPREADSHEET, e.rule());
    assertTrue(e.getMessage().startsWith("test.csv looks like a spreadsheet (XLSX/XLS) saved with a .csv name"),
        e.getMessage());
    assertTrue(e.getMessage().contains("'CSV UTF-8 (comma delimited)'"), e.getMessage());
  }

  @Test
  void oldXlsBytes_throwSpreadsheetMessage() {
    byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    CsvFormatException e = formatError(ole);
    assertEquals(CsvFormatException.SPREADSHEET, e.rule());
    assertTrue(e.getMessage().contains("looks like a spreadsheet"), e.getMessage());
  }

  @Test
  void nulBytes_throwBinary() {
    byte[] bytes = concat(utf8("id,name\n1,Ani\n"), new byte[] {0}, utf8("2,Budi\n"));
    CsvFormatException e = formatError(bytes);
    assertEquals(CsvFormatException.BINARY_FILE, e.rule());
    assertTrue(e.getMessage().startsWith("test.csv is a binary file, not CSV"), e.getMessage());
  }

  @Test
  void utf16File_throws() {
    byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "id,name\n".getBytes(StandardCharsets.UTF_16LE));
    CsvFormatException e = formatError(bytes);
    assertEquals(CsvFormatException.UTF16, e.rule());
    assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
  }

  @Test
  void duplicateHeader_caseInsensitive_throwsNamingColumn() {
    CsvFormatException e = formatError("id,Nama,kota, NAMA \n1,a,b,c\n");
    assertEquals(CsvFormatException.DUPLICATE_COLUMN, e.rule());
    assertTrue(e.getMessage().startsWith("test.csv "), e.getMessage());
    assertTrue(e.getMessage().contains("'NAMA'"), e.getMessage());
    assertTrue(e.getMessage().contains("column 2") && e.getMessage().contains("column 4"), e.getMessage());
  }

  @Test
  void semicolonHeader_throws() {
    CsvFormatException e = formatError("id;nama;kota\n1;a;b\n");
    assertEquals(CsvFormatException.WRONG_SEPARATOR, e.rule());
    assertTrue(e.getMessage().startsWith("test.csv looks semicolon-separated ("), e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "the contract requires comma-separated CSV: re-export with ',' as separator"), e.getMessage());
    // more ';' than ',' also counts
    assertEquals(CsvFormatException.WRONG_SEPARATOR, formatError("id;nama;kota,x\n").rule());
  }

  @Test
  void tabHeader_throws() {
    CsvFormatException e = formatError("id\tnama\tkota\n1\ta\tb\n");
    assertEquals(CsvFormatException.WRONG_SEPARATOR, e.rule());
    assertTrue(e.getMessage().startsWith("test.csv looks tab-separated ("), e.getMessage());
  }

  @Test
  void crOnlyLineEnds_throw() {
    CsvFormatException e = formatError("id,name\r1,Ani\r2,Budi\r");
    assertEquals(CsvFormatException.LINE_ENDS, e.rule());
  }

  @Test
  void invalidUtf8Header_throws() {
    CsvFormatException e = formatError(concat(utf8("id,kod"), new byte[] {(byte) 0xE9}, utf8("\n1,a\n")));
    assertEquals(CsvFormatException.INVALID_UTF8, e.rule());
  }

  @Test
  void failedConstructor_closesStream() {
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(new byte[0]) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    assertThrows(CsvFormatException.class, () -> new CsvParser(in, "x.csv"));
    assertTrue(closed[0]);
  }

  // ---------------------------------------------------------------------------------------------
  // the plain-line path

  /** Every record, read by nextPlain where it takes one and by next() otherwise. */
  private static List<CsvRecord> mixed(CsvParser p, int[] plainCount) {
    List<CsvRecord> out = new ArrayList<>();
    CsvParser.PlainRecord plain = new CsvParser.PlainRecord();
    while (true) {
      if (p.nextPlain(plain)) {
        String[] fields = new String[plain.size()];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = plain.field(i);
          String fromBytes = new String(plain.bytes(), plain.start(i), plain.end(i) - plain.start(i), StandardCharsets.UTF_8);
          assertEquals(fields[i] == null ? "" : fields[i], fromBytes);
        }
        out.add(new CsvRecord(plain.line(), fields, null, null));
        plainCount[0]++;
      } else if (p.hasNext()) {
        out.add(p.next());
      } else {
        return out;
      }
    }
  }

  private static void assertSameEitherWay(byte[] bytes, boolean expectPlain) throws IOException {
    List<CsvRecord> general;
    long blank;
    long records;
    try (CsvParser p = parser(bytes)) {
      general = all(p);
      blank = p.blankLines();
      records = p.records();
    }
    int[] plainCount = {0};
    try (CsvParser p = parser(bytes)) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertEquals(general, mixed(p, plainCount), text);
      assertEquals(blank, p.blankLines(), text);
      assertEquals(records, p.records(), text);
      assertFalse(p.nextPlain(new CsvParser.PlainRecord()));
      assertFalse(p.hasNext());
    }
    if (expectPlain) {
      assertTrue(plainCount[0] > 0, "no line was read as plain");
    }
  }

  @Test
  void plainLines_giveTheSameRecordsAsTheGeneralPath() throws IOException {
    assertSameEitherWay(utf8("id,kode,n\n1,a,2\n2,,\n\n3, b ,x\r\n4,\"q\",5\n5,a\n6,a,b,c\n7,é,8\n8,a\"b,9\n9,c,10"), true);
    assertSameEitherWay(utf8("\uFEFFa,b\r\n\"x\ny\",1\n2,3\n\"open,4\n5,6\n"), true);
    assertSameEitherWay(concat(utf8("a,b\n1,"), new byte[] {(byte) 0xE9}, utf8("\n2,3\n   \n\t\n4,5")), true);
  }

  @Test
  void plainLines_randomFiles_giveTheSameRecordsAsTheGeneralPath() throws IOException {
    java.util.Random random = new java.util.Random(20261129L);
    String[] pieces = {"a", "bb", "7", ",", ",", ",", "\"", "\"\"", " ", "\t", "\r", "\n", "\n", "\r\n", "é", ""};
    for (int file = 0; file < 400; file++) {
      StringBuilder sb = new StringBuilder("x,y,z\n");
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        sb.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)] : "v,w,u\n");
      }
      assertSameEitherWay(utf8(sb.toString()), false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // streaming

  /** Generates rows on the fly; never holds the whole file. */
  private static final class GeneratedCsv extends InputStream {
    private final int rows;
    private int row = -1; // -1 = header
    private byte[] cur = new byte[0];
    private int at;
    long served;
    long physicalLines; // lines served so far

    GeneratedCsv(int rows) {
      this.rows = rows;
    }

    private boolean advance() {
      if (row >= rows) {
        return false;
      }
      String s;
      if (row < 0) {
        s = "\uFEFFid,nama,kota,catatan,nilai\r\n";
        physicalLines += 1;
      } else if (row % 1000 == 999) { // a multi-line quoted note
        s = row + ",\"Nama " + row + "\",Bandung,\"baris satu\r\nbaris \"\"dua\"\"\",42\r\n";
        physicalLines += 2;
      } else if (row % 500 == 0) { // preceded by a blank line
        s = "\r\n" + row + ",Nama " + row + ",\"Jakarta, DKI\",,7\r\n";
        physicalLines += 2;
      } else {
        s = row + ",Nama " + row + ",Surabaya,catatan biasa," + (row % 97) + "\r\n";
        physicalLines += 1;
      }
      row++;
      cur = s.getBytes(StandardCharsets.UTF_8);
      at = 0;
      return true;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len) {
        if (at >= cur.length && !advance()) {
          break;
        }
        int k = Math.min(len - n, cur.length - at);
        System.arraycopy(cur, at, b, off + n, k);
        at += k;
        n += k;
      }
      served += n;
      return n == 0 ? -1 : n;
    }
  }

  @Test
  void largeInput_200kRows_isStreamed_lastLineNumberIsRight() throws IOException {
    int rows = 200_000;
    GeneratedCsv gen = new GeneratedCsv(rows);
    long t0 = System.nanoTime();
    long count = 0;
    CsvRecord last = null;
    try (CsvParser p = new CsvParser(gen, "big.csv")) {
      assertEquals(List.of("id", "nama", "kota", "catatan", "nilai"), p.header());
      CsvRecord firstRec = p.next();
      assertRecord(firstRec, 3, "0", "Nama 0", "Jakarta, DKI", null, "7"); // line 2 is blank
      assertEquals(1, p.blankLines()); // the blank line before row 0
      // streaming: only a small window of the input has been read so far
      assertTrue(gen.served < 256 * 1024, "read " + gen.served + " bytes for the first record");
      count = 1;
      while (p.hasNext()) {
        CsvRecord r = p.next();
        assertTrue(r.ok(), () -> r.toString());
        count++;
        last = r;
      }
      assertEquals(rows, p.records());
      assertEquals(rows / 500, p.blankLines());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(rows, count);
    // row 199999 is a two-line row, so it starts one line before the end of the file
    assertEquals(gen.physicalLines - 1, last.line());
    assertEquals(String.valueOf(rows - 1), last.field(0));
    assertEquals("baris satu\nbaris \"dua\"", last.field(3)); // row 199999 is a multi-line row
    // header + rows + continuation lines + blank lines, minus the last row's continuation line
    assertEquals(200_600, last.line());
    System.out.printf("CsvParserTest: %d rows, %.1f MB in %.2f s (%.0f MB/s)%n",
        rows, gen.served / 1e6, seconds, gen.served / 1e6 / seconds);
    assertTrue(seconds < 30, "too slow: " + seconds + " s");
  }
}
