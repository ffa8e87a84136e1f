package id.reintegrasi.validate;

import id.reintegrasi.io.InputReader;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A dataset after validation.
 *
 * @param flagged every row with the checks it broke as bits (materialised once in the run's work
 *     area)
 * @param checks the checks applied, in the order data_quality lists them; check i is bit i
 */
public record Validated(InputReader.Read read, Dataset<Row> flagged, List<Check> checks) {

  public String name() {
    return read.source().spec().name();
  }

  /** The rows that broke no rule (warnings aside), in the declared schema. */
  public Dataset<Row> clean() {
    return InputValidator.clean(read.source().spec(), flagged, checks);
  }

  /** The rows that broke a rule: file, line, the first rule broken, all of them, the original values. */
  public Dataset<Row> quarantine() {
    return InputValidator.quarantine(read.source().spec(), flagged, checks);
  }

  /** The rows kept with a warning: file, line, the first "should" rule broken and all of them. */
  public Dataset<Row> warnings() {
    return InputValidator.described(flagged, checks, ~InputValidator.errorMask(checks) & ((1L << checks.size()) - 1));
  }

  /** Whether a flagged row broke any rule (it goes to quarantine). */
  public Column quarantined() {
    return InputValidator.brokeAny(InputValidator.errorMask(checks));
  }
}
