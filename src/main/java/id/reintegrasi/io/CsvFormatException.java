package id.reintegrasi.io;

import java.io.IOException;

/**
 * Thrown by {@link CsvParser}'s constructor when a file cannot be read as CSV at all (empty, binary,
 * a spreadsheet saved with a .csv name, wrong separator, unusable header). The message is a full
 * sentence that names the file and says what to do; {@link #rule()} is a short snake_case code for
 * the same problem, so a caller can quarantine the whole file under a stable key.
 *
 * <p>Problems in single rows are never thrown: they come back as {@link CsvRecord}s with a rule set.
 */
public final class CsvFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** File is 0 bytes, or only a BOM / whitespace / blank lines. */
  public static final String EMPTY_FILE = "empty_file";
  /** ZIP (XLSX/ODS) or OLE2 (old XLS) signature. */
  public static final String SPREADSHEET = "spreadsheet";
  /** NUL byte in the first 8 KB. */
  public static final String BINARY_FILE = "binary_file";
  /** UTF-16 byte order mark (Excel "Unicode text"). */
  public static final String UTF16 = "utf16";
  /** Header row is not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid_utf8";
  /** Header looks semicolon- or tab-separated. */
  public static final String WRONG_SEPARATOR = "wrong_separator";
  /** Two header names equal after trimming, ignoring case. */
  public static final String DUPLICATE_COLUMN = "duplicate_column";
  /** Classic-Mac CR-only line ends. */
  public static final String LINE_ENDS = "line_ends";
  /** Header row cannot be parsed (unterminated or stray quote, longer than 1 MB). */
  public static final String BAD_HEADER = "bad_header";

  private final String fileName;
  private final String rule;

  public CsvFormatException(String fileName, String rule, String message) {
    super(message);
    this.fileName = fileName;
    this.rule = rule;
  }

  /** The file name given to the parser (used only in messages). */
  public String fileName() {
    return fileName;
  }

  /** Short snake_case code of the problem, one of the constants of this class. */
  public String rule() {
    return rule;
  }
}
