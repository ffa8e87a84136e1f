package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.code;
import static id.reintegrasi.schema.ColumnSpec.nullable;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** reoffences: events after a release. */
public final class Reoffences {
  public static final String NAME = "reoffences";
  public static final String EVENT_ID = "event_id";
  public static final String PERSON_ID = "person_id";
  public static final String OFFENCE_DATE = "offence_date";
  public static final String RECORDED_DATE = "recorded_date";
  public static final String EVENT_TYPE = "event_type";
  public static final String OFFENCE_CATEGORY = "offence_category";

  public static final String ARREST = "ARREST";
  public static final String CONVICTION = "CONVICTION";
  public static final String READMISSION = "READMISSION";

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, true, List.of(
      required(EVENT_ID, ColumnType.ID),
      required(PERSON_ID, ColumnType.ID),
      required(OFFENCE_DATE, ColumnType.DATE),
      nullable(RECORDED_DATE, ColumnType.DATE),
      code(EVENT_TYPE, false, ARREST, CONVICTION, READMISSION),
      code(OFFENCE_CATEGORY, false)),
      List.of(EVENT_ID));

  private Reoffences() {}
}
