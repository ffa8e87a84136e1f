package id.reintegrasi.realdata;

import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Converts the cleaned NIJ Recidivism Forecasting Challenge file for Georgia parolees
 * (GA_final.csv, 24,426 rows, no dates) into the data contract. See realdata/nij-georgia/NOTES.md.
 *
 * <p>Data row n (0-based position in the file) is released on 2015-01-01 + (n mod 365) days after
 * a 12-month spell, enrolled in the one in-custody program {@link #PROGRAM} inside the spell, and
 * attends {@code program_attendances} PRESENT sessions of {@link #HOURS_PER_SESSION} hours, one a
 * week from the spell's 8th day. A rearrest within three years becomes a CONVICTION (so that it
 * counts by default) on release + 100 + (n mod 900) days, always inside 36 months.
 */
final class NijGeorgiaConverter {
  static final String RESOURCE = "nij-georgia/GA_final.csv";
  static final String HEADER = ",gender_male,age_at_release,program_attendances,recidivism_within_3years";
  static final String PROGRAM = "PRG-NIJ-PROGRAMS";
  static final String FACILITY = "GEORGIA-DOC";
  static final int HOURS_PER_SESSION = 2;
  private static final LocalDate FIRST_RELEASE = LocalDate.of(2015, 1, 1);

  private static final int INDEX = 0;
  private static final int MALE = 1;
  private static final int AGE = 2;
  private static final int ATTENDANCES = 3;
  private static final int RECIDIVISM = 4;

  private NijGeorgiaConverter() {}

  static Path convert(Path dir) {
    List<String[]> rows = RealDataTestBase.readSource(RESOURCE, HEADER);
    try (ContractInputs out = new ContractInputs(dir)) {
      out.row(Programs.SPEC,
          "program_id", PROGRAM,
          "program_name", "Program attendances (NIJ Georgia)",
          "category", "KEPRIBADIAN",
          "phase", Programs.IN_CUSTODY,
          "facility_id", FACILITY,
          "start_date", "2013-01-01");
      for (int n = 0; n < rows.size(); n++) {
        String[] r = rows.get(n);
        // The first column is the row index of the raw NIJ file: unique, so it names the person.
        String id = r[INDEX];
        String person = "GA-" + id;
        LocalDate released = FIRST_RELEASE.plusDays(n % 365);
        LocalDate admitted = released.minusMonths(12);
        out.row(Releases.SPEC,
            "release_id", "GA-R-" + id,
            "person_id", person,
            "facility_id", FACILITY,
            "admission_date", admitted,
            "release_date", released,
            "release_type", "PB",
            "sex", switch (r[MALE]) {
              case "1" -> "L";
              case "0" -> "P";
              default -> throw new IllegalStateException(RESOURCE + " index " + id + ": gender_male '" + r[MALE] + "'");
            },
            "birth_year", released.getYear() - age(r[AGE]),
            "offence_category", "NOT_RECORDED",
            "sentence_months", 12,
            "prior_convictions", 0,
            "home_region", "GA");
        out.row(Enrollments.SPEC,
            "enrollment_id", "GA-E-" + id,
            "person_id", person,
            "program_id", PROGRAM,
            "enrolled_date", admitted.plusDays(1),
            "exit_date", released,
            "exit_status", "RELEASED");
        int attendances = Integer.parseInt(r[ATTENDANCES]); // 10 means ten or more
        for (int k = 1; k <= attendances; k++) {
          out.row(Training.SPEC,
              "session_id", "GA-S-" + id + "-" + k,
              "person_id", person,
              "program_id", PROGRAM,
              "session_date", admitted.plusDays(7L * k),
              "hours", HOURS_PER_SESSION,
              "attendance", Training.PRESENT);
        }
        switch (r[RECIDIVISM]) {
          case "1" -> out.row(Reoffences.SPEC,
              "event_id", "GA-V-" + id,
              "person_id", person,
              "offence_date", released.plusDays(100 + n % 900),
              "event_type", Reoffences.CONVICTION,
              "offence_category", "NOT_RECORDED");
          case "0" -> { }
          default -> throw new IllegalStateException(RESOURCE + " index " + id + ": recidivism '" + r[RECIDIVISM] + "'");
        }
      }
    }
    return dir;
  }

  /** The middle of the NIJ age band. */
  static int age(String band) {
    return switch (band) {
      case "18-22" -> 20;
      case "23-27" -> 25;
      case "28-32" -> 30;
      case "33-37" -> 35;
      case "38-42" -> 40;
      case "43-47" -> 45;
      case "48 or older" -> 50;
      default -> throw new IllegalArgumentException("Unknown NIJ age band '" + band + "'");
    };
  }
}
