package id.reintegrasi.schema;

import java.util.List;

/** Every input dataset of the data contract, in the order they are read and validated. */
public final class InputDatasets {
  public static final List<DatasetSpec> ALL = List.of(
      Releases.SPEC, Mous.SPEC, Programs.SPEC, Enrollments.SPEC, Training.SPEC, Reoffences.SPEC,
      Followups.SPEC);

  private InputDatasets() {}
}
