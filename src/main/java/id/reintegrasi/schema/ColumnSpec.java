package id.reintegrasi.schema;

import java.io.Serializable;
import java.util.List;

/**
 * One column of an input dataset as the data contract declares it.
 *
 * @param codes the allowed values of a CODE column; empty means any upper-case code
 */
public record ColumnSpec(String name, ColumnType type, boolean nullable, List<String> codes)
    implements Serializable {

  public static ColumnSpec required(String name, ColumnType type) {
    return new ColumnSpec(name, type, false, List.of());
  }

  public static ColumnSpec nullable(String name, ColumnType type) {
    return new ColumnSpec(name, type, true, List.of());
  }

  public static ColumnSpec code(String name, boolean nullable, String... codes) {
    return new ColumnSpec(name, ColumnType.CODE, nullable, List.of(codes));
  }
}
