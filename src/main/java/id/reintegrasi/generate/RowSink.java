package id.reintegrasi.generate;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where the generator streams one dataset's rows. A row is written value by value in the
 * dataset's column order and finished with {@link #endRow()}; typed methods keep the hot path
 * free of boxing and let each format store the contract's types (a CSV writes text, Parquet
 * writes INT32 dates, DECIMAL(6,2) hours and so on).
 */
public interface RowSink extends Closeable {

  /** The null date (an empty CSV field). Dates are otherwise days since 1970-01-01. */
  int NO_DATE = Integer.MIN_VALUE;

  /** A string or code; {@code null} writes a null. */
  void text(String value);

  /** A date as epoch day, or {@link #NO_DATE}. */
  void date(int epochDay);

  void integer(int value);

  /** A decimal with two fraction digits, given in hundredths (3.25 hours = 325). */
  void decimal2(int hundredths);

  /** A boolean; {@code null} writes a null. */
  void bool(Boolean value);

  /** A null value in the current column, whatever its type. */
  void nullValue();

  /**
   * A literal value as it would stand in a CSV file, whatever the column's type, for the
   * deliberately malformed rows (a date {@code 19/10/2025}). Formats that cannot hold such a
   * value throw {@link UnsupportedOperationException}; ask {@link #acceptsRawText()} first.
   */
  void rawText(String text);

  boolean acceptsRawText();

  /** Ends the row; returns its 1-based row number within the dataset (not counting a header). */
  long endRow();

  /** Rows written so far. */
  long rows();

  /** A human-readable location of a row: the CSV line (header = line 1) or the Parquet row. */
  String locate(long rowNumber);

  /** Finishes the file and moves it from its staging name to its final name. */
  @Override
  void close() throws IOException;

  /** Gives up: closes quietly and deletes the staged file, so no half-written dataset remains. */
  void abort();
}
