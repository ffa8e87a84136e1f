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

  @Test
  void isoDates_sameAsTheStrictFormatter_forEveryMonthAndDayNumber() {
    ValueParser parser = new ValueParser("yyyy-MM-dd");
    List<String> values = new ArrayList<>();
    for (int year : new int[] {0, 1900, 2000, 2023, 2024, 2025, 9999}) {
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
      if (expected == ValueParser.INVALID) {
        assertSame(ValueParser.INVALID, actual, v);
      } else {
        assertEquals(expected, actual, v);
        parsed++;
      }
    }
    // Seven years of real days: 0, 2000 and 2024 are leap years, 1900 is not.
    assertEquals(365 * 4 + 366 * 3, parsed);
  }

  @Test
  void anotherPattern_goesThroughTheFormatter() {
    ValueParser parser = new ValueParser("dd/MM/yyyy");
    assertEquals(LocalDate.of(2025, 10, 19), parser.parse("19/10/2025", ColumnType.DATE));
    assertSame(ValueParser.INVALID, parser.parse("2025-10-19", ColumnType.DATE));
    assertSame(ValueParser.INVALID, parser.parse("30/02/2025", ColumnType.DATE));
  }
}
