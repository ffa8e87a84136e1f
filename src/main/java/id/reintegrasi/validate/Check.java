package id.reintegrasi.validate;

import org.apache.spark.sql.Column;

/**
 * One rule of the data contract applied to the rows of a dataset.
 *
 * @param rule short snake_case name of the rule, as it appears in quarantine and data_quality
 * @param column the column the rule is about, or null for a rule about the whole row
 * @param violated true for a row that breaks the rule (null counts as not broken)
 * @param message a sentence for people; never contains a value from the row
 */
public record Check(String rule, String column, Column violated, String message) {

  /** The key of the check in data_quality: rule and column. */
  public String key() {
    return column == null ? rule : rule + ":" + column;
  }
}
