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

  private final String datePattern;
  private transient DateTimeFormatter dateFormatter;

  public ValueParser(String datePattern) {
    this.datePattern = datePattern;
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
        case DATE -> LocalDate.parse(value, dates());
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

  public String datePattern() {
    return datePattern;
  }
}
