package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.code;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** followups (optional): post-release check-ins, e.g. by the probation office (Bapas). */
public final class Followups {
  public static final String NAME = "followups";
  public static final String PERSON_ID = "person_id";
  public static final String FOLLOWUP_DATE = "followup_date";
  public static final String EMPLOYMENT_STATUS = "employment_status";

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, false, List.of(
      required(PERSON_ID, ColumnType.ID),
      required(FOLLOWUP_DATE, ColumnType.DATE),
      code(EMPLOYMENT_STATUS, false, "EMPLOYED", "SELF_EMPLOYED", "UNEMPLOYED", "UNKNOWN")),
      List.of());

  private Followups() {}
}
