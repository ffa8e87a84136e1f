package id.reintegrasi.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One CSV record as returned by {@link CsvParser}.
 *
 * @param line    1-based physical line where the record starts (the header is line 1)
 * @param fields  parsed values; an empty field (quoted {@code ""} or unquoted nothing) is {@code null};
 *                values are not trimmed. For a record with an error, the fields hold what could be
 *                parsed and may be of the wrong length. The array is owned by the record and not copied.
 * @param rule    {@code null} for a good record; otherwise a short snake_case rule code
 *                (see the {@code RULE_*} constants of {@link CsvParser})
 * @param message {@code null} for a good record; otherwise a human sentence for that rule
 */
public record CsvRecord(long line, String[] fields, String rule, String message) {

  public CsvRecord {
    Objects.requireNonNull(fields, "fields");
  }

  /** True for a good record (no rule broken). */
  public boolean ok() {
    return rule == null;
  }

  /** Number of parsed fields. */
  public int size() {
    return fields.length;
  }

  /** Field {@code i} (0-based), or {@code null} when the field is empty or the record has fewer fields. */
  public String field(int i) {
    return i >= 0 && i < fields.length ? fields[i] : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvRecord r
        && line == r.line
        && Arrays.equals(fields, r.fields)
        && Objects.equals(rule, r.rule)
        && Objects.equals(message, r.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, Arrays.hashCode(fields), rule, message);
  }

  @Override
  public String toString() {
    return "CsvRecord[line=" + line + ", fields=" + Arrays.toString(fields)
        + (rule == null ? "" : ", rule=" + rule + ", message=" + message) + "]";
  }
}
