package id.reintegrasi.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An input dataset of the data contract: its name (the file or folder name), whether it must be
 * present, its columns in contract order, and the columns that together must be unique.
 */
public record DatasetSpec(String name, boolean required, List<ColumnSpec> columns, List<String> key)
    implements Serializable {

  /** The declared schema, every column nullable: rules on nulls are checked, not enforced by Spark. */
  public StructType schema() {
    StructField[] fields = columns.stream()
        .map(c -> DataTypes.createStructField(c.name(), c.type().sparkType(), true))
        .toArray(StructField[]::new);
    return DataTypes.createStructType(fields);
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
