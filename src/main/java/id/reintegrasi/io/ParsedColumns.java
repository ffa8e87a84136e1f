package id.reintegrasi.io;

import id.reintegrasi.schema.DatasetSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The bookkeeping columns every read dataset carries next to its declared columns, so that each
 * row can be traced to its file and line and each parse problem to its column.
 */
public final class ParsedColumns {
  /** Source file, relative to the input folder. */
  public static final String FILE = "_file";
  /** 1-based line of a CSV record (the header is line 1), or row number in a Parquet file. */
  public static final String LINE = "_line";
  /** A problem with the record as a whole (field_count, unterminated_quote, ...), else null. */
  public static final String RECORD_RULE = "_record_rule";
  public static final String RECORD_MESSAGE = "_record_message";
  /** Declared columns whose value could not be read as the declared type; null when none. */
  public static final String BAD_COLUMNS = "_bad_columns";
  /** The original values as text, kept only for rows with a parse problem. */
  public static final String RAW = "_raw";

  /** Record rule of a blank CSV line: counted in data_quality, never a row. */
  public static final String BLANK_LINE = "blank_line";

  private ParsedColumns() {}

  public static StructType schemaOf(DatasetSpec spec) {
    List<StructField> fields = new ArrayList<>(List.of(spec.schema().fields()));
    fields.add(DataTypes.createStructField(FILE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, true));
    fields.add(DataTypes.createStructField(RECORD_RULE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(RECORD_MESSAGE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(BAD_COLUMNS,
        DataTypes.createArrayType(DataTypes.StringType, false), true));
    fields.add(DataTypes.createStructField(RAW,
        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true));
    return DataTypes.createStructType(fields);
  }
}
