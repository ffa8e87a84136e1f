package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.code;
import static id.reintegrasi.schema.ColumnSpec.nullable;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** enrollments: a person's enrollment in a program. */
public final class Enrollments {
  public static final String NAME = "enrollments";
  public static final String ENROLLMENT_ID = "enrollment_id";
  public static final String PERSON_ID = "person_id";
  public static final String PROGRAM_ID = "program_id";
  public static final String ENROLLED_DATE = "enrolled_date";
  public static final String EXIT_DATE = "exit_date";
  public static final String EXIT_STATUS = "exit_status";

  public static final String COMPLETED = "COMPLETED";
  public static final String DROPPED = "DROPPED";
  public static final String ONGOING = "ONGOING";

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, true, List.of(
      required(ENROLLMENT_ID, ColumnType.ID),
      required(PERSON_ID, ColumnType.ID),
      required(PROGRAM_ID, ColumnType.ID),
      required(ENROLLED_DATE, ColumnType.DATE),
      nullable(EXIT_DATE, ColumnType.DATE),
      code(EXIT_STATUS, false, COMPLETED, DROPPED, "RELEASED", "TRANSFERRED", ONGOING)),
      List.of(ENROLLMENT_ID));

  private Enrollments() {}
}
