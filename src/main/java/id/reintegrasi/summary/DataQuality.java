package id.reintegrasi.summary;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.validate.Check;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * data_quality: for every dataset and every check, how many rows were checked and how many broke
 * the check (a row can break several). Severity ERROR rows went to quarantine; WARNING rows broke
 * a "should" rule and were kept; INFO lines report
 * what was noticed and tolerated (blank lines, unknown or absent optional columns). All counts of
 * a dataset come from one pass over it.
 */
public final class DataQuality {
  public static final String NAME = "data_quality";

  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("dataset", DataTypes.StringType, false),
      DataTypes.createStructField("check", DataTypes.StringType, false),
      DataTypes.createStructField("rule", DataTypes.StringType, false),
      DataTypes.createStructField("column", DataTypes.StringType, true),
      DataTypes.createStructField("severity", DataTypes.StringType, false),
      DataTypes.createStructField("rows_checked", DataTypes.LongType, false),
      DataTypes.createStructField("rows_failed", DataTypes.LongType, false),
      DataTypes.createStructField("description", DataTypes.StringType, true)));

  /** What a dataset held: rows read (blank lines excluded), rows quarantined, blank lines. */
  public record DatasetCounts(String dataset, long rows, long quarantined, long blankLines) {
    public long clean() {
      return rows - quarantined;
    }
  }

  public record Result(Dataset<Row> table, List<DatasetCounts> counts) {}

  private DataQuality() {}

  public static Result compute(SparkSession spark, List<Validated> datasets) {
    List<Row> rows = new ArrayList<>();
    List<DatasetCounts> counts = new ArrayList<>();
    for (Validated v : datasets) {
      List<Column> aggs = new ArrayList<>();
      Column blank = col(InputValidator.BLANK);
      aggs.add(sum(when(blank, 0L).otherwise(1L)).as("rows"));
      aggs.add(sum(when(blank, 1L).otherwise(0L)).as("blank"));
      aggs.add(sum(when(v.quarantined(), 1L).otherwise(0L)).as("quarantined"));
      for (int i = 0; i < v.checks().size(); i++) {
        aggs.add(sum(when(InputValidator.broke(i), 1L).otherwise(0L)));
      }
      Row r = v.flagged().agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
      long checked = r.isNullAt(0) ? 0 : r.getLong(0);
      long blankLines = r.isNullAt(1) ? 0 : r.getLong(1);
      long quarantined = r.isNullAt(2) ? 0 : r.getLong(2);
      counts.add(new DatasetCounts(v.name(), checked, quarantined, blankLines));
      for (int i = 0; i < v.checks().size(); i++) {
        Check check = v.checks().get(i);
        long failed = r.isNullAt(3 + i) ? 0 : r.getLong(3 + i);
        rows.add(RowFactory.create(v.name(), check.key(), check.rule(), check.column(),
            check.warning() ? "WARNING" : "ERROR", checked, failed, check.message()));
      }
      rows.add(RowFactory.create(v.name(), "quarantined", "quarantined", null, "ERROR", checked,
          quarantined, "rows that broke at least one rule and went to quarantine"));
      rows.add(RowFactory.create(v.name(), "blank_line", "blank_line", null, "INFO", checked,
          blankLines, "blank lines skipped"));
      for (String unknown : v.read().unknownColumns()) {
        rows.add(RowFactory.create(v.name(), "unknown_column:" + unknown, "unknown_column", unknown,
            "INFO", checked, 0L, "column not in the data contract: ignored"));
      }
      for (String absent : v.read().missingOptionalColumns()) {
        rows.add(RowFactory.create(v.name(), "absent_optional_column:" + absent,
            "absent_optional_column", absent, "INFO", checked, 0L,
            "nullable column absent from the file: read as empty"));
      }
    }
    return new Result(spark.createDataFrame(rows, SCHEMA), List.copyOf(counts));
  }
}
