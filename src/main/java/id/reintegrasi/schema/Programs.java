package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.code;
import static id.reintegrasi.schema.ColumnSpec.nullable;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** programs: the program catalogue. */
public final class Programs {
  public static final String NAME = "programs";
  public static final String PROGRAM_ID = "program_id";
  public static final String PROGRAM_NAME = "program_name";
  public static final String CATEGORY = "category";
  public static final String PHASE = "phase";
  public static final String FACILITY_ID = "facility_id";
  public static final String PARTNER = "partner";
  public static final String MOU_ID = "mou_id";
  public static final String START_DATE = "start_date";
  public static final String END_DATE = "end_date";

  public static final String IN_CUSTODY = "IN_CUSTODY";
  public static final String POST_RELEASE = "POST_RELEASE";

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, true, List.of(
      required(PROGRAM_ID, ColumnType.ID),
      required(PROGRAM_NAME, ColumnType.TEXT),
      code(CATEGORY, false, "KEPRIBADIAN", "KEMANDIRIAN", "SOSIAL", "PASCA_BEBAS"),
      code(PHASE, false, IN_CUSTODY, POST_RELEASE),
      nullable(FACILITY_ID, ColumnType.ID),
      nullable(PARTNER, ColumnType.TEXT),
      nullable(MOU_ID, ColumnType.ID),
      required(START_DATE, ColumnType.DATE),
      nullable(END_DATE, ColumnType.DATE)),
      List.of(PROGRAM_ID));

  private Programs() {}
}
