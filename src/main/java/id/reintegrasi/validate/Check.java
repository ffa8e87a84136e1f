package id.reintegrasi.validate;

import org.apache.spark.sql.Column;

/**
 * One rule of the data contract applied to the rows of a dataset.
 *
 * @param rule short snake_case name of the rule, as it appears in quarantine and data_quality
 * @param column the column the rule is about, or null for a rule about the whole row
 * @param violated true for a row that breaks the rule (null counts as not broken)
 * @param message a sentence for people; never contains a value from the row
 * @param warning true for a rule whose breach is reported but does not quarantine the row
 */
public record Check(String rule, String column, Column violated, String message, boolean warning) {

  public Check(String rule, String column, Column violated, String message) {
    this(rule, column, violated, message, false);
  }

  /** A "should" rule of the contract: counted in data_quality, the row is kept. */
  public static Check warning(String rule, String column, Column violated, String message) {
    return new Check(rule, column, violated, message, true);
  }

  /** The key of the check in data_quality: rule and column. */
  public String key() {
    return column == null ? rule : rule + ":" + column;
  }
}
