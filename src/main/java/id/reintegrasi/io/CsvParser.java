package id.reintegrasi.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streaming, line-aware CSV parser for the data contract's format: UTF-8 (a leading BOM is
 * stripped), header row, comma separator, {@code "} quoting with {@code ""} as an escaped quote, LF
 * or CRLF line ends (also a last line without one), empty field = {@code null}.
 *
 * <p>The input is read in 64 KB chunks and split into physical lines on bytes. A plain line (ASCII,
 * no quote, the header's number of fields) can be taken as it is, split on its bytes
 * ({@link #nextPlain}); any other line is decoded on its own (strict UTF-8) and then split into
 * fields ({@link #next}), with the same result for a plain one. Memory is bounded: one chunk, one physical
 * line of at most {@value #MAX_RECORD_BYTES} bytes, and for a record whose quoted field spans
 * lines, the lines of that record (at most {@value #MAX_RECORD_LINES} lines / 1 MB).
 *
 * <p>Row problems never throw: they come back as records with {@link CsvRecord#rule()} set to one of
 * the {@code RULE_*} codes, so a caller can quarantine the row and go on. Only a file that cannot be
 * read as CSV at all makes the constructor throw {@link CsvFormatException}.
 *
 * <p>Line numbers are physical, 1-based, and count every LF (blank lines, lines inside quoted fields,
 * the header) so that a reported line is the one a user sees in an editor.
 *
 * <p>Not thread-safe; one parser per input stream. Not {@link java.io.Serializable}: create it inside
 * the task that reads the file.
 */
public final class CsvParser implements Iterator<CsvRecord>, Closeable {

  /** The record has a different number of fields than the header. */
  public static final String RULE_FIELD_COUNT = "field_count";
  /** A quoted field is never closed (within {@value #MAX_RECORD_LINES} lines / 1 MB / before end of file). */
  public static final String RULE_UNTERMINATED_QUOTE = "unterminated_quote";
  /** The record contains bytes that are not valid UTF-8. */
  public static final String RULE_INVALID_UTF8 = "invalid_utf8";
  /** A quote inside an unquoted field, or characters after a closing quote. */
  public static final String RULE_STRAY_QUOTE = "stray_quote";
  /** A single physical line longer than {@value #MAX_RECORD_BYTES} bytes; it is skipped unread. */
  public static final String RULE_LINE_TOO_LONG = "line_too_long";

  /** A record whose quoted field is still open after this many physical lines is unterminated. */
  public static final int MAX_RECORD_LINES = 100;
  /** A record (or single line) may not be longer than this many bytes (1 MB). */
  public static final int MAX_RECORD_BYTES = 1 << 20;
  /** How many leading bytes are checked for signatures and NUL bytes. */
  public static final int SNIFF_BYTES = 8 * 1024;

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final String[] NO_FIELDS = new String[0];
  private static final byte[] NO_BYTES = new byte[0];

  /**
   * One physical line: its bytes (a copy, without LF / trailing CR), decoded to text only when
   * the general path needs it ({@link #decode}); a plain line never is (see {@link #nextPlain}).
   */
  private static final class Line {
    final long no;
    final byte[] content; // empty when tooLong
    final int bytes; // length in bytes without LF / trailing CR
    final boolean blank;
    final boolean nonAscii;
    final boolean tooLong;
    private String text; // null until decoded; "" when tooLong
    private boolean badUtf8;

    Line(long no, byte[] content, int bytes, boolean blank, boolean nonAscii, boolean tooLong) {
      this.no = no;
      this.content = content;
      this.bytes = bytes;
      this.blank = blank;
      this.nonAscii = nonAscii;
      this.tooLong = tooLong;
    }
  }

  /**
   * A record read straight from the bytes of one line: ASCII, without quotes, all on one physical
   * line and with as many fields as the header. Field {@code i} is
   * {@code bytes[start(i), end(i))}, untrimmed; an empty one stands for null. Filled by
   * {@link #nextPlain}; the arrays are reused, the bytes are the record's own.
   */
  public static final class PlainRecord {
    private long line;
    private byte[] bytes;
    private int[] starts = new int[0];
    private int[] ends = new int[0];

    public long line() {
      return line;
    }

    /** The number of fields (the header's). */
    public int size() {
      return starts.length;
    }

    public byte[] bytes() {
      return bytes;
    }

    public int start(int field) {
      return starts[field];
    }

    public int end(int field) {
      return ends[field];
    }

    /** Field {@code i} as text, or null when it is empty (as {@link CsvRecord#field} gives it). */
    public String field(int i) {
      return starts[i] == ends[i] ? null
          : new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
    }
  }

  private final InputStream in;
  private final String fileName;

  // --- byte input
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] lineBuf = new byte[1024];
  private long nextLineNo = 1;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private CharBuffer charBuf = CharBuffer.allocate(1024);

  /** Lines read ahead for a record that turned out unterminated; read again before the stream. */
  private final ArrayDeque<Line> pushback = new ArrayDeque<>();
  /** Continuation lines of the record being parsed. */
  private final ArrayList<Line> held = new ArrayList<>();

  // --- field scanner state
  private final ArrayList<String> fields = new ArrayList<>();
  private final StringBuilder sb = new StringBuilder();
  private boolean inQuoted;
  private int strayField;

  // --- results
  private final List<String> header;
  private final int headerSize;
  private final long headerLine;
  private CsvRecord pending;
  private boolean done;
  private boolean closed;
  private long records;
  private long badRecords;
  private long blankLines;

  /**
   * Opens a parser on {@code in} and reads and checks the header immediately.
   *
   * @param in       the file's bytes; closed by {@link #close()}, and also when this constructor throws
   * @param fileName only used in messages
   * @throws CsvFormatException for a file that cannot be read as CSV at all
   * @throws IOException        when reading fails
   */
  public CsvParser(InputStream in, String fileName) throws IOException {
    this.in = in;
    this.fileName = fileName;
    boolean okay = false;
    try {
      sniff();
      Line first = nextNonBlankLine();
      if (first == null) {
        throw fail(CsvFormatException.EMPTY_FILE, " is empty: expected a header row");
      }
      this.headerLine = first.no;
      this.header = parseHeader(first);
      this.headerSize = header.size();
      okay = true;
    } finally {
      if (!okay) {
        try {
          in.close();
        } catch (IOException ignored) {
          // the original failure matters more
        }
      }
    }
  }

  /** Header names exactly as in the file, BOM stripped, surrounding spaces trimmed; an empty name is "". */
  public List<String> header() {
    return header;
  }

  /** The physical line of the header (1 unless the file starts with blank lines). */
  public long headerLine() {
    return headerLine;
  }

  /** The file name given to the constructor. */
  public String fileName() {
    return fileName;
  }

  /** Number of records returned by {@link #next()} so far, good and bad. */
  public long records() {
    return records;
  }

  /** Number of records returned by {@link #next()} so far that have a rule set. */
  public long badRecords() {
    return badRecords;
  }

  /** Number of blank lines (empty, or only spaces / tabs / CR) skipped so far, before and after the header. */
  public long blankLines() {
    return blankLines;
  }

  /**
   * True when another record follows.
   *
   * @throws UncheckedIOException when reading the input fails
   */
  @Override
  public boolean hasNext() {
    if (pending != null) {
      return true;
    }
    if (done || closed) {
      return false;
    }
    try {
      pending = readRecord();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
    }
    if (pending == null) {
      done = true;
      return false;
    }
    return true;
  }

  @Override
  public CsvRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + fileName);
    }
    CsvRecord r = pending;
    pending = null;
    records++;
    if (!r.ok()) {
      badRecords++;
    }
    return r;
  }

  /** Closes the input stream. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pending = null;
    pushback.clear();
    held.clear();
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + fileName + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Header

  /** Reads the first bytes: signatures, NUL bytes, BOM. */
  private void sniff() throws IOException {
    while (limit < SNIFF_BYTES) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
        break;
      }
      limit += n;
    }
    if (limit >= 4 && buf[0] == 'P' && buf[1] == 'K' && buf[2] == 3 && buf[3] == 4
        || limit >= 4 && (buf[0] & 0xFF) == 0xD0 && (buf[1] & 0xFF) == 0xCF
            && (buf[2] & 0xFF) == 0x11 && (buf[3] & 0xFF) == 0xE0) {
      throw fail(CsvFormatException.SPREADSHEET,
          " looks like a spreadsheet (XLSX/XLS) saved with a .csv name;"
              + " export it as 'CSV UTF-8 (comma delimited)'");
    }
    if (limit >= 2 && ((buf[0] & 0xFF) == 0xFF && (buf[1] & 0xFF) == 0xFE
        || (buf[0] & 0xFF) == 0xFE && (buf[1] & 0xFF) == 0xFF)) {
      throw fail(CsvFormatException.UTF16,
          " is encoded as UTF-16 (Excel 'Unicode text'), not UTF-8;"
              + " export it as 'CSV UTF-8 (comma delimited)'");
    }
    int sniffEnd = Math.min(limit, SNIFF_BYTES);
    for (int i = 0; i < sniffEnd; i++) {
      if (buf[i] == 0) {
        throw fail(CsvFormatException.BINARY_FILE,
            " is a binary file, not CSV (it contains a NUL byte at byte offset " + i + ")");
      }
    }
    if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
      pos = 3;
    }
  }

  private List<String> parseHeader(Line first) throws CsvFormatException {
    String where = " (line " + first.no + ")";
    if (first.tooLong) {
      throw fail(CsvFormatException.BAD_HEADER, ": the header row" + where + " is longer than "
          + MAX_RECORD_BYTES + " bytes; this is not a CSV file with LF or CRLF line ends");
    }
    if (decode(first).badUtf8) {
      throw fail(CsvFormatException.INVALID_UTF8, ": the header row" + where
          + " contains bytes that are not valid UTF-8; the file was probably saved as ANSI/Latin-1:"
          + " export it as 'CSV UTF-8 (comma delimited)'");
    }
    String text = first.text;
    if (text.stripTrailing().indexOf('\r') >= 0) {
      throw fail(CsvFormatException.LINE_ENDS, " uses CR-only (classic Mac) line ends;"
          + " the contract requires LF or CRLF line ends: re-export it as 'CSV UTF-8 (comma delimited)'");
    }
    int commas = 0;
    int semis = 0;
    int tabs = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',') {
        commas++;
      } else if (c == ';') {
        semis++;
      } else if (c == '\t') {
        tabs++;
      }
    }
    if (semis > commas && semis >= tabs) {
      throw fail(CsvFormatException.WRONG_SEPARATOR, " looks semicolon-separated (the header row"
          + where + " has " + semis + " ';' and " + commas + " ','); the contract requires"
          + " comma-separated CSV: re-export with ',' as separator");
    }
    if (tabs > commas) {
      throw fail(CsvFormatException.WRONG_SEPARATOR, " looks tab-separated (the header row"
          + where + " has " + tabs + " tabs and " + commas + " ','); the contract requires"
          + " comma-separated CSV: re-export with ',' as separator");
    }
    startRecord();
    if (scanLine(text)) {
      throw fail(CsvFormatException.BAD_HEADER, ": the header row" + where
          + " has a quoted column name that is never closed");
    }
    if (strayField >= 0) {
      throw fail(CsvFormatException.BAD_HEADER, ": the header row" + where + " has a stray quote in"
          + " column " + (strayField + 1) + "; quote the whole name and double any inner quote");
    }
    List<String> names = new ArrayList<>(fields.size());
    Map<String, Integer> seen = new HashMap<>();
    for (String f : fields) {
      String name = f == null ? "" : f.strip();
      if (!name.isEmpty()) {
        Integer before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), names.size());
        if (before != null) {
          throw fail(CsvFormatException.DUPLICATE_COLUMN, " has a duplicated column name '" + name
              + "' in the header row" + where + ": column " + (before + 1) + " is '" + names.get(before) + "' and column "
              + (names.size() + 1) + " is '" + name + "'; column names must be unique"
              + " (compared ignoring case)");
        }
      }
      names.add(name);
    }
    return Collections.unmodifiableList(names);
  }

  private CsvFormatException fail(String rule, String rest) {
    return new CsvFormatException(fileName, rule, fileName + rest);
  }

  // ------------------------------------------------------------------------------------------------
  // Records

  private Line nextNonBlankLine() throws IOException {
    while (true) {
      Line l = nextLine();
      if (l == null || !l.blank) {
        return l;
      }
      blankLines++;
    }
  }

  /**
   * Reads the next record into {@code into} and returns true when it is a plain line (see
   * {@link PlainRecord}), the common case, which needs neither text nor field strings. Otherwise
   * returns false: at the end of the input, or with the record, parsed the general way, waiting
   * for {@link #next()}. Callers may mix the two; a record is returned by one of them only.
   *
   * @throws UncheckedIOException when reading the input fails
   */
  public boolean nextPlain(PlainRecord into) {
    if (pending != null || done || closed) {
      return false;
    }
    try {
      Line first = nextNonBlankLine();
      if (first == null) {
        done = true;
        return false;
      }
      if (plain(first, into)) {
        records++;
        return true;
      }
      pending = record(first);
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
    }
  }

  /** Splits a line into {@code into} when it is plain: ASCII, no quote, the header's field count. */
  private boolean plain(Line l, PlainRecord into) {
    if (l.tooLong || l.nonAscii) {
      return false;
    }
    int n = headerSize;
    if (into.starts.length != n) {
      into.starts = new int[n];
      into.ends = new int[n];
    }
    byte[] b = l.content;
    int field = 0;
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (c == ',') {
        if (field == n - 1) {
          return false; // more fields than the header
        }
        into.starts[field] = start;
        into.ends[field++] = i;
        start = i + 1;
      } else if (c == '"') {
        return false;
      }
    }
    if (field != n - 1) {
      return false; // fewer fields than the header
    }
    into.starts[field] = start;
    into.ends[field] = b.length;
    into.line = l.no;
    into.bytes = b;
    return true;
  }

  private CsvRecord readRecord() throws IOException {
    Line first = nextNonBlankLine();
    return first == null ? null : record(first);
  }

  private CsvRecord record(Line first) throws IOException {
    if (first.tooLong) {
      return new CsvRecord(first.no, NO_FIELDS, RULE_LINE_TOO_LONG, "the line is " + first.bytes
          + " bytes long, more than the limit of " + MAX_RECORD_BYTES + " bytes (1 MB); it was skipped");
    }
    startRecord();
    long badUtf8Line = decode(first).badUtf8 ? first.no : -1;
    boolean open = scanLine(first.text);
    if (open) {
      held.clear();
      long bytes = first.bytes;
      String why = null;
      while (open) {
        Line l = nextLine();
        if (l == null) {
          why = "at end of file";
          break;
        }
        held.add(l);
        bytes += l.bytes + 1;
        if (l.tooLong || bytes > MAX_RECORD_BYTES) {
          why = "after " + MAX_RECORD_BYTES + " bytes (1 MB)";
          break;
        }
        if (decode(l).badUtf8 && badUtf8Line < 0) {
          badUtf8Line = l.no;
        }
        sb.append('\n');
        open = scanLine(l.text);
        if (open && held.size() + 1 >= MAX_RECORD_LINES) {
          why = "after " + MAX_RECORD_LINES + " lines";
          break;
        }
      }
      if (open) {
        return unterminated(first, why);
      }
      held.clear();
    }
    String[] f = fields.toArray(NO_FIELDS);
    if (badUtf8Line >= 0) {
      String which = badUtf8Line == first.no ? "the line" : "line " + badUtf8Line + " of this record";
      return new CsvRecord(first.no, f, RULE_INVALID_UTF8, which + " contains bytes that are not valid"
          + " UTF-8 (shown as '\uFFFD'); the file was probably saved as ANSI/Latin-1:"
          + " export it as 'CSV UTF-8 (comma delimited)'");
    }
    if (strayField >= 0) {
      return new CsvRecord(first.no, f, RULE_STRAY_QUOTE, "stray quote in field " + (strayField + 1)
          + columnName(strayField) + ": a '\"' inside an unquoted field or text after a closing quote;"
          + " quote the whole field and double any inner quote");
    }
    if (f.length != header.size()) {
      return new CsvRecord(first.no, f, RULE_FIELD_COUNT,
          "expected " + header.size() + " fields, found " + f.length);
    }
    return new CsvRecord(first.no, f, null, null);
  }

  /** Reports the record starting at {@code first} and puts its continuation lines back to be read again. */
  private CsvRecord unterminated(Line first, String why) {
    for (int k = held.size() - 1; k >= 0; k--) {
      pushback.addFirst(held.get(k));
    }
    held.clear();
    // fields: the start line alone, with the open quoted field running to its end
    startRecord();
    if (scanLine(first.text)) {
      addField();
    }
    inQuoted = false;
    return new CsvRecord(first.no, fields.toArray(NO_FIELDS), RULE_UNTERMINATED_QUOTE,
        "a quoted field starting on this line is never closed (still open " + why
            + "); the record was skipped and parsing resumed on the next line");
  }

  private String columnName(int i) {
    return header != null && i < header.size() && !header.get(i).isEmpty()
        ? " ('" + header.get(i) + "')" : "";
  }

  private void startRecord() {
    fields.clear();
    sb.setLength(0);
    inQuoted = false;
    strayField = -1;
  }

  private void addField() {
    fields.add(sb.length() == 0 ? null : sb.toString());
    sb.setLength(0);
  }

  private void stray() {
    if (strayField < 0) {
      strayField = fields.size();
    }
  }

  /**
   * Splits one physical line into fields, continuing the current record's state.
   *
   * @return true when a quoted field is still open at the end of the line (the record goes on)
   */
  private boolean scanLine(String s) {
    final int n = s.length();
    int i = 0;
    while (true) {
      if (inQuoted) {
        while (true) {
          int q = s.indexOf('"', i);
          if (q < 0) {
            sb.append(s, i, n);
            return true;
          }
          sb.append(s, i, q);
          if (q + 1 < n && s.charAt(q + 1) == '"') {
            sb.append('"');
            i = q + 2;
          } else {
            i = q + 1;
            inQuoted = false;
            break;
          }
        }
        // after the closing quote: only a comma or the line end may follow
        int start = i;
        while (i < n && s.charAt(i) != ',') {
          i++;
        }
        if (i > start) {
          stray();
          sb.append(s, start, i);
        }
        addField();
      } else if (i < n && s.charAt(i) == '"') {
        inQuoted = true;
        i++;
        continue;
      } else {
        int start = i;
        while (i < n) {
          char c = s.charAt(i);
          if (c == ',') {
            break;
          }
          if (c == '"') {
            stray();
          }
          i++;
        }
        fields.add(i == start ? null : s.substring(start, i));
      }
      if (i >= n) {
        return false;
      }
      i++; // the comma; a comma at the line end starts one more (empty) field
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Physical lines

  private Line nextLine() throws IOException {
    Line l = pushback.pollFirst();
    return l != null ? l : readPhysicalLine();
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** Reads one physical line from the stream (up to LF or end of file), or null at end of file. */
  private Line readPhysicalLine() throws IOException {
    if (pos >= limit && !fill()) {
      return null;
    }
    int acc = 0;
    long total = 0;
    boolean nonAscii = false;
    boolean tooLong = false;
    while (true) {
      final byte[] b = buf;
      final int start = pos;
      final int lim = limit;
      int i = start;
      while (i < lim) {
        byte c = b[i];
        if (c == '\n') {
          break;
        }
        if (c < 0) {
          nonAscii = true;
        }
        i++;
      }
      int segLen = i - start;
      boolean found = i < lim;
      if (found && acc == 0 && !tooLong) {
        pos = i + 1;
        return makeLine(b, start, segLen, nonAscii);
      }
      total += segLen;
      if (!tooLong) {
        if ((long) acc + segLen > MAX_RECORD_BYTES + 1L) { // +1: a CR that is stripped later
          tooLong = true;
        } else {
          if (acc + segLen > lineBuf.length) {
            lineBuf = java.util.Arrays.copyOf(lineBuf,
                Math.min(MAX_RECORD_BYTES + 1, Math.max(acc + segLen, lineBuf.length * 2)));
          }
          System.arraycopy(b, start, lineBuf, acc, segLen);
          acc += segLen;
        }
      }
      if (found) {
        pos = i + 1;
        break;
      }
      pos = lim;
      if (!fill()) {
        break; // last line without a line end
      }
    }
    if (tooLong) {
      return new Line(nextLineNo++, NO_BYTES, (int) Math.min(Integer.MAX_VALUE, total), false, false, true);
    }
    return makeLine(lineBuf, 0, acc, nonAscii);
  }

  private Line makeLine(byte[] b, int off, int len, boolean nonAscii) {
    if (len > 0 && b[off + len - 1] == '\r') {
      len--;
    }
    long no = nextLineNo++;
    if (len > MAX_RECORD_BYTES) {
      return new Line(no, NO_BYTES, len, false, false, true);
    }
    boolean blank = true;
    for (int i = off, end = off + len; i < end; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        blank = false;
        break;
      }
    }
    return new Line(no, java.util.Arrays.copyOfRange(b, off, off + len), len, blank, nonAscii, false);
  }

  /** Decodes a line's bytes once (strict UTF-8; an invalid byte shows as U+FFFD and is noted). */
  private Line decode(Line l) {
    if (l.text != null) {
      return l;
    }
    if (l.tooLong) {
      l.text = "";
      return l;
    }
    byte[] b = l.content;
    int len = b.length;
    if (!l.nonAscii) {
      l.text = new String(b, StandardCharsets.ISO_8859_1);
      return l;
    }
    decoder.reset();
    if (charBuf.capacity() < len) {
      charBuf = CharBuffer.allocate(Math.max(len, Math.min(MAX_RECORD_BYTES, charBuf.capacity() * 2)));
    }
    charBuf.clear();
    CoderResult r = decoder.decode(ByteBuffer.wrap(b, 0, len), charBuf, true);
    if (!r.isError() && !r.isOverflow()) {
      r = decoder.flush(charBuf);
    }
    if (r.isError() || r.isOverflow()) {
      l.text = new String(b, StandardCharsets.UTF_8);
      l.badUtf8 = true;
      return l;
    }
    charBuf.flip();
    l.text = charBuf.toString();
    return l;
  }
}
