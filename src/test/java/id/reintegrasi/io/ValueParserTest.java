package id.reintegrasi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import id.reintegrasi.schema.ColumnType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The hand-written yyyy-MM-dd reader must accept and reject exactly what the strict formatter does. */
class ValueParserTest {
  private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private static Object byFormatter(String v) {
    try {
      return LocalDate.parse(v, STRICT);
    } catch (RuntimeException e) {
      return ValueParser.INVALID;
    }
  }

  /** Both readers of yyyy-MM-dd: parse (on text) and parseAscii (on a plain line's bytes). */
  @Test
  void isoDates_sameAsTheStrictFormatter_forEveryMonthAndDayNumber() {
    ValueParser parser = new ValueParser("yyyy-MM-dd");
    List<String> values = new ArrayList<>();
    for (int year : new int[] {0, 1, 4, 100, 400, 1582, 1900, 1969, 1970, 2000, 2023, 2024, 2025, 2100, 9996, 9999}) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          values.add(String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day));
        }
      }
    }
    values.addAll(List.of("2025/01/01", "2025-1-01x", "2025-01-1x", "20a5-01-01", "2025-0a-01", "2025-01-0a",
        "2025-01-01T0", "25-01-01", "2025-01-1", "+2025-01-01", "2025-01--1", "-025-01-01", "2025_01_01",
        "\u0662\u0660\u0662\u0665-01-01"));
    int parsed = 0;
    for (String v : values) {
      Object expected = byFormatter(v);
      Object actual = parser.parse(v, ColumnType.DATE);
      Object ascii = v.chars().allMatch(c -> c < 128)
          ? parser.parseAscii(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, v.length(), ColumnType.DATE)
          : ValueParser.catalyst(actual); // not a plain line: the bytes reader never sees it
      if (expected == ValueParser.INVALID) {
        assertSame(ValueParser.INVALID, actual, v);
        assertSame(ValueParser.INVALID, ascii, v);
      } else {
        assertEquals(expected, actual, v);
        assertEquals(ValueParser.catalyst(actual), ascii, v);
        parsed++;
      }
    }
    // Sixteen years of real days: 0, 4, 400, 2000, 2024 and 9996 are leap years; 1, 100, 1582,
    // 1900, 1969, 1970, 2023, 2025, 2100 and 9999 are not.
    assertEquals(365 * 10 + 366 * 6, parsed);
  }

  @Test
  void epochDay_isLocalDatesDayNumber_forEveryDayOfYears0To9999() {
    LocalDate last = LocalDate.of(9999, 12, 31);
    int days = 0;
    for (LocalDate d = LocalDate.of(0, 1, 1); !d.isAfter(last); d = d.plusDays(1)) {
      assertEquals(d.toEpochDay(), ValueParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
      days++;
    }
    assertEquals(LocalDate.of(10000, 1, 1).toEpochDay() - LocalDate.of(0, 1, 1).toEpochDay(), days);
  }

  @Test
  void anotherPattern_goesThroughTheFormatter() {
    ValueParser parser = new ValueParser("dd/MM/yyyy");
    assertEquals(LocalDate.of(2025, 10, 19), parser.parse("19/10/2025", ColumnType.DATE));
    assertSame(ValueParser.INVALID, parser.parse("2025-10-19", ColumnType.DATE));
    assertSame(ValueParser.INVALID, parser.parse("30/02/2025", ColumnType.DATE));
  }

  /** parseAscii reads the bytes of a plain line: exactly parse's values, as Spark holds them. */
  @Test
  void asciiBytes_sameValuesAsParse_forEveryType() {
    ValueParser parser = new ValueParser("yyyy-MM-dd");
    List<String> values = new ArrayList<>(List.of("", " ", "\t", "x", " x ", "P0001", "a b", "\u0001z\u0001"));
    for (int month = 0; month <= 13; month++) {
      for (int day = 0; day <= 32; day += 3) {
        values.add(String.format(Locale.ROOT, "2024-%02d-%02d", month, day));
      }
    }
    values.addAll(List.of("2025-02-29", "2024-02-29", " 2025-10-19 ", "2025-10-19x", "19/10/2025", "2025-1-019"));
    values.addAll(List.of("0", "-0", "7", "-7", "+7", "007", "123456789", "1234567890", "-123456789", "2147483648",
        "1.5", "1.50", "1.05", "1.005", "1.055", "-1.5", "+1.5", ".5", "5.", "1e2", "1E-2", "0.00", "-0.00",
        "9999999.99", "9999999.995", "10000000", "10000000.00", "0000000001", "00000000001.25", "1.2.3", "1.-5",
        "-", ".", "--1", "1-", " 2.50 ", "24", "24.01", "NaN", "Infinity"));
    values.addAll(List.of("true", "TRUE", "True", "false", "FALSE", "fAlSe", "yes", "1", "tru", "truee", " true "));
    for (ColumnType type : ColumnType.values()) {
      for (String v : values) {
        byte[] line = ("ab," + v + ",cd").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Object expected = ValueParser.catalyst(parser.parse(v.isEmpty() ? null : v, type));
        Object actual = parser.parseAscii(line, 3, 3 + v.length(), type);
        String what = type + " '" + v + "'";
        if (expected == ValueParser.INVALID) {
          assertSame(ValueParser.INVALID, actual, what);
        } else {
          assertEquals(expected, actual, what);
        }
      }
    }
  }
}
