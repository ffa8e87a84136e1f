package id.reintegrasi.schema;

import static id.reintegrasi.schema.ColumnSpec.nullable;
import static id.reintegrasi.schema.ColumnSpec.required;

import java.util.List;

/** mous: agreements (MoU / nota kesepahaman) under which programs run. */
public final class Mous {
  public static final String NAME = "mous";
  public static final String MOU_ID = "mou_id";
  public static final String TITLE = "title";
  public static final String PARTIES = "parties";
  public static final String SIGNED_DATE = "signed_date";
  public static final String END_DATE = "end_date";
  public static final String REGION_CODE = "region_code";

  public static final DatasetSpec SPEC = new DatasetSpec(NAME, true, List.of(
      required(MOU_ID, ColumnType.ID),
      required(TITLE, ColumnType.TEXT),
      required(PARTIES, ColumnType.TEXT),
      required(SIGNED_DATE, ColumnType.DATE),
      nullable(END_DATE, ColumnType.DATE),
      nullable(REGION_CODE, ColumnType.TEXT)),
      List.of(MOU_ID));

  private Mous() {}
}
