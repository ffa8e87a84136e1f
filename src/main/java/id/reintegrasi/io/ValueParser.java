package id.reintegrasi.io;

import id.reintegrasi.schema.ColumnType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns one CSV field into the declared type. Returns {@link #INVALID} for a value that is not of
 * the type: the caller records the column as bad; the value itself is never put in a message.
 */
public final class ValueParser implements Serializable {
  /** Marker for a value that could not be parsed. */
  public static final Object INVALID = new Object();

  /** The precision and scale of {@link ColumnType#DECIMAL}. */
  private static final int DECIMAL_PRECISION = 9;
  private static final int DECIMAL_SCALE = 2;

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
   * The value of {@code bytes[from, to)}, an ASCII field of a plain CSV line, as Spark holds it
   * inside a row ({@link #catalyst}): the same values, nulls and {@link #INVALID}s as
   * {@link #parse} of the same text, read from the bytes for the usual shapes (a text points into
   * the line's bytes, a date, whole number or two-decimal number is read digit by digit) and
   * through {@link #parse} for any other.
   */
  public Object parseAscii(byte[] bytes, int from, int to, ColumnType type) {
    // As String.trim: characters up to U+0020 (unsigned, so a byte of a multi-byte character stays).
    while (from < to && (bytes[from] & 0xFF) <= ' ') {
      from++;
    }
    while (to > from && (bytes[to - 1] & 0xFF) <= ' ') {
      to--;
    }
    int len = to - from;
    if (len == 0) {
      return null;
    }
    Object fast = switch (type) {
      case ID, TEXT, CODE -> UTF8String.fromBytes(bytes, from, len);
      case DATE -> iso && len == 10 ? isoDays(bytes, from) : null;
      case INT -> asciiInt(bytes, from, to);
      case DECIMAL -> asciiHundredths(bytes, from, to);
      case BOOLEAN -> asciiBoolean(bytes, from, len);
    };
    return fast != null ? fast
        : catalyst(parse(new String(bytes, from, len, StandardCharsets.ISO_8859_1), type));
  }

  /**
   * A value of {@link #parse} as Spark holds it inside a row: text as {@link UTF8String}, a date
   * as its day number, a decimal as a {@link Decimal} of the column's (9, 2).
   */
  public static Object catalyst(Object value) {
    if (value instanceof String text) {
      return UTF8String.fromString(text);
    } else if (value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    } else if (value instanceof BigDecimal decimal) {
      return new Decimal().set(decimal.unscaledValue().longValueExact(), DECIMAL_PRECISION, DECIMAL_SCALE);
    }
    return value; // null, INVALID, Integer, Boolean
  }

  /** yyyy-MM-dd at {@code bytes[from]} as a day number; INVALID as {@link #isoDate} says. */
  private static Object isoDays(byte[] b, int from) {
    if (b[from + 4] != '-' || b[from + 7] != '-') {
      return INVALID;
    }
    int year = digits(b, from, from + 4);
    int month = digits(b, from + 5, from + 7);
    int day = digits(b, from + 8, from + 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return INVALID;
    }
    return epochDay(year, month, day);
  }

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private static int daysInMonth(int year, int month) {
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  }

  /**
   * The day number (days since 1970-01-01) of a valid proleptic Gregorian date of year 0 to 9999,
   * as {@code LocalDate.of(year, month, day).toEpochDay()} gives it, by arithmetic: building a
   * LocalDate for each of tens of millions of dates showed in profiles of reading training.
   * The year is counted from March, so the leap day ends it (H. Hinnant, "days_from_civil").
   */
  static int epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static int digits(byte[] b, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      n = n * 10 + c;
    }
    return n;
  }

  /** -?[0-9]{1,9}, else null (left to {@link #parse}). */
  private static Object asciiInt(byte[] b, int from, int to) {
    boolean negative = b[from] == '-';
    int start = negative ? from + 1 : from;
    if (to - start < 1 || to - start > 9) {
      return null;
    }
    int n = digits(b, start, to);
    return n < 0 ? null : (Object) (negative ? -n : n);
  }

  /**
   * -?[0-9]{1,9}(.[0-9]{1,2})? as a decimal(9, 2), INVALID when it needs more than nine digits
   * (as {@link #parse} rules); any other shape (a third decimal to round, an exponent, a plus
   * sign) is left to {@link #parse}: null.
   */
  private static Object asciiHundredths(byte[] b, int from, int to) {
    boolean negative = b[from] == '-';
    int start = negative ? from + 1 : from;
    int dot = start;
    while (dot < to && b[dot] != '.') {
      dot++;
    }
    int whole = dot - start;
    int fraction = dot < to ? to - dot - 1 : 0;
    if (whole < 1 || whole > 9 || (dot < to && (fraction < 1 || fraction > 2))) {
      return null;
    }
    int units = digits(b, start, dot);
    int cents = fraction == 0 ? 0 : digits(b, dot + 1, to);
    if (units < 0 || cents < 0) {
      return null;
    }
    long unscaled = units * 100L + (fraction == 1 ? cents * 10L : cents);
    if (unscaled >= 1_000_000_000L) {
      return INVALID; // precision above 9
    }
    return new Decimal().set(negative ? -unscaled : unscaled, DECIMAL_PRECISION, DECIMAL_SCALE);
  }

  private static Object asciiBoolean(byte[] b, int from, int len) {
    if (len == 4 && (b[from] | 0x20) == 't' && (b[from + 1] | 0x20) == 'r' && (b[from + 2] | 0x20) == 'u'
        && (b[from + 3] | 0x20) == 'e') {
      return Boolean.TRUE;
    }
    if (len == 5 && (b[from] | 0x20) == 'f' && (b[from + 1] | 0x20) == 'a' && (b[from + 2] | 0x20) == 'l'
        && (b[from + 3] | 0x20) == 's' && (b[from + 4] | 0x20) == 'e') {
      return Boolean.FALSE;
    }
    return INVALID;
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
