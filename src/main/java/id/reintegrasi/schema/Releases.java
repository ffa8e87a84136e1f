package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.code;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** releases: one row per release from custody; each starts a follow-up. */
public final class Releases {
  public static final String NAME = "releases";
  public static final String RELEASE_ID = "release_id";
  public static final String PERSON_ID = "person_id";
  public static final String FACILITY_ID = "facility_id";
  public static final String ADMISSION_DATE = "admission_date";
  public static final String RELEASE_DATE = "release_date";
  public static final String RELEASE_TYPE = "release_type";
  public static final String SEX = "sex";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String OFFENCE_CATEGORY = "offence_category";
  public static final String SENTENCE_MONTHS = "sentence_months";
  public static final String PRIOR_CONVICTIONS = "prior_convictions";
  public static final String HOME_REGION = "home_region";

  /** Release types that do not start a follow-up (METHOD.md). */
  public static final List<String> NOT_FOLLOW_UP_STARTS = List.of("TRANSFER", "DEATH");

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, true, List.of(
      required(RELEASE_ID, ColumnType.ID),
      required(PERSON_ID, ColumnType.ID),
      required(FACILITY_ID, ColumnType.ID),
      required(ADMISSION_DATE, ColumnType.DATE),
      required(RELEASE_DATE, ColumnType.DATE),
      code(RELEASE_TYPE, false, "BEBAS", "PB", "CB", "CMB", "ASIMILASI", "TRANSFER", "DEATH", "OTHER"),
      code(SEX, false, "L", "P"),
      required(BIRTH_YEAR, ColumnType.INT),
      code(OFFENCE_CATEGORY, false),
      required(SENTENCE_MONTHS, ColumnType.INT),
      required(PRIOR_CONVICTIONS, ColumnType.INT),
      required(HOME_REGION, ColumnType.TEXT)),
      List.of(RELEASE_ID));

  private Releases() {}
}
