package id.reintegrasi.inspect;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * One condition {@code column = value} on a top-level column. Numbers compare as numbers (so
 * {@code 12} matches 12, 12.0 and a decimal 12.00, and a double matches the six-digit value that
 * inspect prints for it); text, dates and booleans compare as printed, ignoring case; {@code null}
 * matches a missing value.
 */
final class RowFilter implements Predicate<Group> {
  private final String column;
  private final String value;
  private final int index;
  private final boolean numeric;
  private final BigDecimal number;

  private RowFilter(String column, String value, int index, boolean numeric, BigDecimal number) {
    this.column = column;
    this.value = value;
    this.index = index;
    this.numeric = numeric;
    this.number = number;
  }

  /**
   * A filter on the first of {@code candidates} that the table has (names ignore case).
   *
   * @param option how the user asked for it, for messages (e.g. "--subject")
   * @throws InspectException when the table has none of the columns, the column is nested, or a
   *     numeric column is compared with something that is not a number
   */
  static RowFilter of(MessageType schema, List<String> candidates, String value, String option, String table) {
    for (String candidate : candidates) {
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Type field = schema.getType(i);
        if (!field.getName().equalsIgnoreCase(candidate)) {
          continue;
        }
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
          throw new InspectException(option + ": column " + field.getName() + " of " + table
              + " is " + Values.typeName(field) + "; only plain columns can be filtered.");
        }
        boolean numeric = Values.isNumeric(field);
        BigDecimal number = null;
        if (numeric && !value.equalsIgnoreCase("null")) {
          try {
            number = new BigDecimal(value.trim());
          } catch (NumberFormatException e) {
            throw new InspectException(option + ": column " + field.getName() + " is a number ("
                + Values.typeName(field) + "), not '" + value + "'.");
          }
        }
        return new RowFilter(field.getName(), value, i, numeric, number);
      }
    }
    throw new InspectException(option + ": " + table + " has no column " + String.join(" or ", candidates)
        + ". Its columns: " + String.join(", ", schema.getFields().stream().map(Type::getName).toList()) + ".");
  }

  @Override
  public boolean test(Group row) {
    Object v = Values.read(row, index);
    if (v == null || value.equalsIgnoreCase("null")) {
      return v == null && value.equalsIgnoreCase("null");
    }
    if (numeric) {
      BigDecimal n = Values.number(v);
      if (n != null && n.compareTo(number) == 0) {
        return true;
      }
      // A double also matches as printed, so a value copied from the output finds its row.
      return n != null && (v instanceof Double || v instanceof Float)
          && new BigDecimal(Values.format(v)).compareTo(number) == 0;
    }
    return Values.format(v).toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT));
  }

  /** How the condition reads in the output, e.g. {@code window_months = 12}. */
  String describe() {
    return column + " = " + value;
  }
}
