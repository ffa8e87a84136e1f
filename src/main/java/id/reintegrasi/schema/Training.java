package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.code;
import static id.reintegrasi.schema.ColumnSpec.nullable;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** training: one row per person per training session. */
public final class Training {
  public static final String NAME = "training";
  public static final String SESSION_ID = "session_id";
  public static final String PERSON_ID = "person_id";
  public static final String PROGRAM_ID = "program_id";
  public static final String SESSION_DATE = "session_date";
  public static final String HOURS = "hours";
  public static final String ATTENDANCE = "attendance";
  public static final String CERTIFICATE = "certificate";

  public static final String PRESENT = "PRESENT";

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, true, List.of(
      required(SESSION_ID, ColumnType.ID),
      required(PERSON_ID, ColumnType.ID),
      required(PROGRAM_ID, ColumnType.ID),
      required(SESSION_DATE, ColumnType.DATE),
      required(HOURS, ColumnType.DECIMAL),
      code(ATTENDANCE, false, PRESENT, "EXCUSED", "UNEXCUSED"),
      nullable(CERTIFICATE, ColumnType.BOOLEAN)),
      List.of(SESSION_ID, PERSON_ID));

  private Training() {}
}
