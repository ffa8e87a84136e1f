package id.reintegrasi.realdata;

import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Converts Rossi, Berk and Lenihan's randomised financial-aid experiment (432 men released from
 * Maryland prisons, followed 52 weeks) into the data contract. See realdata/rossi/NOTES.md.
 *
 * <p>Everyone is released on {@link #RELEASED}; the aid group ({@code fin} = yes) is enrolled in the
 * in-custody program {@link #PROGRAM} of MoU {@link #MOU} inside the custody spell. A first arrest
 * in week k becomes a CONVICTION (so that it counts by default: Rossi's outcome is re-arrest) on
 * release + 7k - 3 days, i.e. inside week k; recorded_date is left empty.
 */
final class RossiConverter {
  static final String RESOURCE = "rossi/Rossi.csv";
  static final String HEADER = "rownames,week,arrest,fin,age,prio";
  static final String PROGRAM = "PRG-FIN-AID";
  static final String MOU = "MOU-ROSSI";
  static final String FACILITY = "MD-PRISONS";
  /** A Monday, so that week k of follow-up is days 7(k-1)+1 .. 7k. */
  static final LocalDate RELEASED = LocalDate.of(2019, 1, 7);
  static final LocalDate ADMITTED = RELEASED.minusYears(1);

  private static final int ID = 0;
  private static final int WEEK = 1;
  private static final int ARREST = 2;
  private static final int FIN = 3;
  private static final int AGE = 4;
  private static final int PRIO = 5;

  private RossiConverter() {}

  static Path convert(Path dir) {
    List<String[]> rows = RealDataTestBase.readSource(RESOURCE, HEADER);
    try (ContractInputs out = new ContractInputs(dir)) {
      out.row(Mous.SPEC,
          "mou_id", MOU,
          "title", "Financial aid for released prisoners (TARP/LIFE experiment)",
          "parties", "Rossi, Berk and Lenihan (1980) experiment; Maryland prisons",
          "signed_date", "2017-01-02");
      out.row(Programs.SPEC,
          "program_id", PROGRAM,
          "program_name", "Financial aid (randomised)",
          "category", "SOSIAL",
          "phase", Programs.IN_CUSTODY,
          "facility_id", FACILITY,
          "mou_id", MOU,
          "start_date", "2017-01-02");
      for (String[] r : rows) {
        String id = r[ID];
        String person = "ROSSI-" + id;
        out.row(Releases.SPEC,
            "release_id", "ROSSI-R-" + id,
            "person_id", person,
            "facility_id", FACILITY,
            "admission_date", ADMITTED,
            "release_date", RELEASED,
            "release_type", "BEBAS",
            "sex", "L",
            "birth_year", RELEASED.getYear() - Integer.parseInt(r[AGE]),
            "offence_category", "NOT_RECORDED",
            "sentence_months", 12,
            "prior_convictions", Integer.parseInt(r[PRIO]),
            "home_region", "MD");
        switch (r[FIN]) {
          case "yes" -> out.row(Enrollments.SPEC,
              "enrollment_id", "ROSSI-E-" + id,
              "person_id", person,
              "program_id", PROGRAM,
              "enrolled_date", RELEASED.minusWeeks(4),
              "exit_date", RELEASED,
              "exit_status", "COMPLETED");
          case "no" -> { }
          default -> throw new IllegalStateException(RESOURCE + " row " + id + ": fin '" + r[FIN] + "'");
        }
        switch (r[ARREST]) {
          case "1" -> out.row(Reoffences.SPEC,
              "event_id", "ROSSI-V-" + id,
              "person_id", person,
              "offence_date", RELEASED.plusDays(7L * Integer.parseInt(r[WEEK]) - 3),
              "event_type", Reoffences.CONVICTION,
              "offence_category", "NOT_RECORDED");
          case "0" -> { }
          default -> throw new IllegalStateException(RESOURCE + " row " + id + ": arrest '" + r[ARREST] + "'");
        }
      }
    }
    return dir;
  }
}
