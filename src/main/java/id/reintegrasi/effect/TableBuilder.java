package id.reintegrasi.effect;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A small summary table built on the driver from aggregates: declared columns, then rows. */
final class TableBuilder {
  private final List<StructField> fields = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  TableBuilder column(String name, DataType type) {
    fields.add(DataTypes.createStructField(name, type, true));
    return this;
  }

  TableBuilder strings(String... names) {
    for (String n : names) {
      column(n, DataTypes.StringType);
    }
    return this;
  }

  TableBuilder longs(String... names) {
    for (String n : names) {
      column(n, DataTypes.LongType);
    }
    return this;
  }

  TableBuilder doubles(String... names) {
    for (String n : names) {
      column(n, DataTypes.DoubleType);
    }
    return this;
  }

  void add(Object... values) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException("Row has " + values.length + " values for " + fields.size() + " columns");
    }
    Object[] clean = values.clone();
    for (int i = 0; i < clean.length; i++) {
      if (clean[i] instanceof Double d && !Double.isFinite(d)) {
        clean[i] = null; // NaN and infinities are published as missing
      }
    }
    rows.add(RowFactory.create(clean));
  }

  StructType schema() {
    return DataTypes.createStructType(fields);
  }

  Dataset<Row> build(SparkSession spark) {
    return spark.createDataFrame(rows, schema());
  }
}
