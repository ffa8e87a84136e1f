package id.reintegrasi.validate;

import id.reintegrasi.io.InputReader;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A dataset after validation.
 *
 * @param flagged every row with its violations (materialised once in the run's work area)
 * @param clean the rows that broke no rule, in the declared schema
 * @param quarantine the rows that broke a rule, with the rule and their original values
 * @param checks the checks applied, in the order data_quality lists them
 */
public record Validated(
    InputReader.Read read,
    Dataset<Row> flagged,
    Dataset<Row> clean,
    Dataset<Row> quarantine,
    List<Check> checks) {

  public String name() {
    return read.source().spec().name();
  }
}
