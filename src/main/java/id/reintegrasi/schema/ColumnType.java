package id.reintegrasi.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The column types of the data contract and the Spark type each is read as. */
public enum ColumnType {
  /** A key or reference; trimmed. Its values are never printed in logs or messages. */
  ID(DataTypes.StringType),
  /** Free text; trimmed. */
  TEXT(DataTypes.StringType),
  /** An upper-case code; leading/trailing spaces trimmed. */
  CODE(DataTypes.StringType),
  DATE(DataTypes.DateType),
  INT(DataTypes.IntegerType),
  /** Hours: two decimals are kept, more are rounded half-up. */
  DECIMAL(DataTypes.createDecimalType(9, 2)),
  BOOLEAN(DataTypes.BooleanType);

  private final DataType sparkType;

  ColumnType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }

  /** The rule name a value that cannot be read as this type breaks. */
  public String parseRule() {
    return switch (this) {
      case DATE -> "invalid_date";
      case INT -> "invalid_integer";
      case DECIMAL -> "invalid_decimal";
      case BOOLEAN -> "invalid_boolean";
      default -> "invalid_text";
    };
  }
}
