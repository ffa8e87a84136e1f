package id.reintegrasi.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows as an aligned text table: a header, a dashed rule, then one line per row, columns two
 * spaces apart; numbers right-aligned so that digits line up, everything else left-aligned.
 * Cells wider than the limit are cut and end in "..." (ASCII, so that any terminal shows it).
 */
final class TextTable {
  static final String ELLIPSIS = "...";

  private final List<String> header;
  private final boolean[] rightAligned;
  private final int maxWidth;
  private final List<String[]> rows = new ArrayList<>();

  /** @param maxWidth widest cell in characters; 0 for no limit */
  TextTable(List<String> header, boolean[] rightAligned, int maxWidth) {
    this.header = header;
    this.rightAligned = rightAligned;
    this.maxWidth = maxWidth;
  }

  void add(List<String> cells) {
    rows.add(cells.stream().map(this::cut).toArray(String[]::new));
  }

  String cut(String s) {
    if (maxWidth <= 0 || s.length() <= maxWidth) {
      return s;
    }
    return s.substring(0, Math.max(1, maxWidth - ELLIPSIS.length())) + ELLIPSIS;
  }

  String render() {
    int n = header.size();
    int[] width = new int[n];
    for (int c = 0; c < n; c++) {
      width[c] = header.get(c).length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header.toArray(String[]::new), width);
    String[] rule = new String[n];
    for (int c = 0; c < n; c++) {
      rule[c] = "-".repeat(width[c]);
    }
    line(sb, rule, width);
    for (String[] row : rows) {
      line(sb, row, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, String[] cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(width[c] - cells[c].length());
      line.append(rightAligned[c] ? pad + cells[c] : cells[c] + pad);
    }
    // No trailing blanks: the last column is often left-aligned text.
    sb.append(line.toString().stripTrailing()).append('\n');
  }
}
