package id.reintegrasi.io;

import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.DatasetSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where each declared column stands in a file's header. Names match after trimming, ignoring
 * case and treating spaces and hyphens as underscores, so "Release Date" finds release_date.
 */
public final class HeaderMapping implements Serializable {
  private final int[] positions;
  private final List<String> unknown;
  private final List<String> missingOptional;

  private HeaderMapping(int[] positions, List<String> unknown, List<String> missingOptional) {
    this.positions = positions;
    this.unknown = unknown;
    this.missingOptional = missingOptional;
  }

  public static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
  }

  /**
   * Maps a header onto the dataset's columns.
   *
   * @throws InputException when a required column is missing or a column is given twice
   */
  public static HeaderMapping of(DatasetSpec spec, List<String> header, String file) {
    List<String> normalized = header.stream().map(HeaderMapping::normalize).toList();
    for (int i = 0; i < normalized.size(); i++) {
      if (normalized.indexOf(normalized.get(i)) != i) {
        throw new InputException(file + ": column '" + header.get(i)
            + "' appears twice in the header (rule: duplicate_column).");
      }
    }
    int[] positions = new int[spec.columns().size()];
    List<String> missingRequired = new ArrayList<>();
    List<String> missingOptional = new ArrayList<>();
    for (int c = 0; c < positions.length; c++) {
      ColumnSpec column = spec.columns().get(c);
      positions[c] = normalized.indexOf(column.name());
      if (positions[c] < 0) {
        (column.nullable() ? missingOptional : missingRequired).add(column.name());
      }
    }
    if (!missingRequired.isEmpty()) {
      if (missingRequired.size() + missingOptional.size() == positions.length) {
        // Not one contract column: most likely the header row is missing and the first line is
        // data, whose values (identifiers among them) must not be echoed into a message or log.
        throw new InputException(file + ": none of the contract's columns is in the first row, the"
            + " header (rule: required_column); is the header row missing? Expected: "
            + String.join(", ", spec.columnNames()) + ".");
      }
      throw new InputException(file + ": missing required column" + (missingRequired.size() > 1 ? "s " : " ")
          + String.join(", ", missingRequired) + " (rule: required_column; the header has: "
          + String.join(", ", header) + ").");
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < normalized.size(); i++) {
      if (!spec.columnNames().contains(normalized.get(i))) {
        unknown.add(header.get(i).trim());
      }
    }
    return new HeaderMapping(positions, List.copyOf(unknown), List.copyOf(missingOptional));
  }

  /** Position in the file of declared column c, or -1 when the (nullable) column is absent. */
  public int position(int c) {
    return positions[c];
  }

  public List<String> unknownColumns() {
    return unknown;
  }

  public List<String> missingOptionalColumns() {
    return missingOptional;
  }

  @Override
  public String toString() {
    return Arrays.toString(positions);
  }
}
