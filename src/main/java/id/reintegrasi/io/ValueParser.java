package id.reintegrasi.io;

import id.reintegrasi.schema.ColumnType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Turns one CSV field into the declared type. Returns {@link #INVALID} for a value that is not of
 * the type: the caller records the column as bad; the value itself is never put in a message.
 */
public final class ValueParser implements Serializable {
  /** Marker for a value that could not be parsed. */
  public static final Object INVALID = new Object();

  /** The contract's date pattern, parsed by hand (see {@link #isoDate}). */
  static final String ISO_PATTERN = "yyyy-MM-dd";

  private final String datePattern;
  private final boolean iso;
  private transient DateTimeFormatter dateFormatter;

  public ValueParser(String datePattern) {
    this.datePattern = datePattern;
    this.iso = ISO_PATTERN.equals(datePattern);
  }

  private DateTimeFormatter dates() {
    if (dateFormatter == null) {
      // 'uuuu' with STRICT resolution rejects 2025-02-30 instead of moving it to 2025-02-28.
      dateFormatter = DateTimeFormatter.ofPattern(datePattern.replace("yyyy", "uuuu"), Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
    }
    return dateFormatter;
  }

  public Object parse(String field, ColumnType type) {
    if (field == null) {
      return null;
    }
    String value = field.trim();
    if (value.isEmpty()) {
      return null;
    }
    try {
      return switch (type) {
        case ID, TEXT, CODE -> value;
        case DATE -> iso && value.length() == 10 ? isoDate(value) : LocalDate.parse(value, dates());
        case INT -> Integer.valueOf(value);
        case DECIMAL -> {
          BigDecimal d = new BigDecimal(value).setScale(2, RoundingMode.HALF_UP);
          yield d.precision() > 9 ? INVALID : d;
        }
        case BOOLEAN -> {
          if (value.equalsIgnoreCase("true")) {
            yield Boolean.TRUE;
          } else if (value.equalsIgnoreCase("false")) {
            yield Boolean.FALSE;
          }
          yield INVALID;
        }
      };
    } catch (RuntimeException e) {
      return INVALID;
    }
  }

  /**
   * A ten-character yyyy-MM-dd date, read digit by digit: the same dates as the strict formatter
   * (a day that does not exist, such as 2025-02-30, is invalid), about ten times faster; dates
   * are most of what a training file holds. Any other shape goes through the formatter.
   */
  static Object isoDate(String v) {
    if (v.charAt(4) != '-' || v.charAt(7) != '-') {
      return INVALID;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 7);
    int day = digits(v, 8, 10);
    if (year < 0 || month < 0 || day < 0) {
      return INVALID;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (java.time.DateTimeException e) {
      return INVALID;
    }
  }

  /** The number written by the ASCII digits v[from, to), or -1 when one is not a digit. */
  private static int digits(String v, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  public String datePattern() {
    return datePattern;
  }
}
