package id.reintegrasi.generate;

import static id.reintegrasi.generate.InputDataset.ColumnType.BOOLEAN;
import static id.reintegrasi.generate.InputDataset.ColumnType.DATE;
import static id.reintegrasi.generate.InputDataset.ColumnType.DECIMAL_2;
import static id.reintegrasi.generate.InputDataset.ColumnType.INT;
import static id.reintegrasi.generate.InputDataset.ColumnType.STRING;

import java.util.List;

/**
 * The input datasets of the data contract (shared/CONTRACT.md), with exactly its columns in its
 * order. Kept here rather than borrowed from the job's schemas so the generator stays an
 * independent producer of contract-shaped files: if the two ever disagree, the job's tests fail.
 */
public enum InputDataset {
  RELEASES("releases",
      col("release_id", STRING), col("person_id", STRING), col("facility_id", STRING),
      col("admission_date", DATE), col("release_date", DATE), col("release_type", STRING),
      col("sex", STRING), col("birth_year", INT), col("offence_category", STRING),
      col("sentence_months", INT), col("prior_convictions", INT), col("home_region", STRING)),
  MOUS("mous",
      col("mou_id", STRING), col("title", STRING), col("parties", STRING),
      col("signed_date", DATE), col("end_date", DATE), col("region_code", STRING)),
  PROGRAMS("programs",
      col("program_id", STRING), col("program_name", STRING), col("category", STRING),
      col("phase", STRING), col("facility_id", STRING), col("partner", STRING),
      col("mou_id", STRING), col("start_date", DATE), col("end_date", DATE)),
  ENROLLMENTS("enrollments",
      col("enrollment_id", STRING), col("person_id", STRING), col("program_id", STRING),
      col("enrolled_date", DATE), col("exit_date", DATE), col("exit_status", STRING)),
  TRAINING("training",
      col("session_id", STRING), col("person_id", STRING), col("program_id", STRING),
      col("session_date", DATE), col("hours", DECIMAL_2), col("attendance", STRING),
      col("certificate", BOOLEAN)),
  REOFFENCES("reoffences",
      col("event_id", STRING), col("person_id", STRING), col("offence_date", DATE),
      col("recorded_date", DATE), col("event_type", STRING), col("offence_category", STRING)),
  FOLLOWUPS("followups",
      col("person_id", STRING), col("followup_date", DATE), col("employment_status", STRING));

  /** Column types as the contract names them; DECIMAL_2 is written as DECIMAL(6,2). */
  public enum ColumnType { STRING, DATE, INT, DECIMAL_2, BOOLEAN }

  public record Column(String name, ColumnType type) {}

  private final String fileName;
  private final List<Column> columns;

  InputDataset(String fileName, Column... columns) {
    this.fileName = fileName;
    this.columns = List.of(columns);
  }

  /** The entry name in an input directory: {@code NAME.csv} or folder {@code NAME/}. */
  public String fileName() {
    return fileName;
  }

  public List<Column> columns() {
    return columns;
  }

  /** The CSV header line, without line end. */
  public String header() {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(c.name());
    }
    return sb.toString();
  }

  private static Column col(String name, ColumnType type) {
    return new Column(name, type);
  }
}
