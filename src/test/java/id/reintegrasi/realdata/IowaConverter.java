package id.reintegrasi.realdata;

import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Converts Iowa DOC's "3-Year Recidivism for Offenders Released from Prison in Iowa" (one row per
 * release, no ids, no dates) into the data contract. See realdata/iowa/NOTES.md.
 *
 * <p>Row n (1-based data row) becomes person {@code IA-n} and release {@code IA-R-n}, released on
 * 1 July of FY-1 plus (n mod 365) days, so every release stays inside its Iowa fiscal year
 * (1 July FY-1 .. 30 June FY) and each year's releases spread over the year. A return to prison
 * becomes a READMISSION on release + Days to Return (offence and recorded date alike).
 */
final class IowaConverter {
  static final String RESOURCE = "iowa/iowa-3yr-recidivism.csv";
  static final String HEADER =
      "Fiscal Year Released,Release Type,Age At Release ,Sex,Offense Type,Return to Prison,Days to Return";
  static final String FACILITY = "IOWA-DOC";

  private static final int FY = 0;
  private static final int RELEASE_TYPE = 1;
  private static final int AGE = 2;
  private static final int SEX = 3;
  private static final int OFFENSE_TYPE = 4;
  private static final int RETURNED = 5;
  private static final int DAYS_TO_RETURN = 6;

  private IowaConverter() {}

  /** The release date of data row n (1-based) of fiscal year fy. */
  static LocalDate releaseDate(int fiscalYear, int row) {
    return LocalDate.of(fiscalYear - 1, 7, 1).plusDays(row % 365);
  }

  static Path convert(Path dir) {
    List<String[]> rows = RealDataTestBase.readSource(RESOURCE, HEADER);
    try (ContractInputs out = new ContractInputs(dir)) {
      int n = 0;
      for (String[] r : rows) {
        n++;
        int fiscalYear = Integer.parseInt(r[FY]);
        LocalDate released = releaseDate(fiscalYear, n);
        String person = "IA-" + n;
        out.row(Releases.SPEC,
            "release_id", "IA-R-" + n,
            "person_id", person,
            "facility_id", FACILITY,
            "admission_date", released.minusMonths(12),
            "release_date", released,
            "release_type", releaseType(r[RELEASE_TYPE]),
            "sex", sex(r[SEX]),
            "birth_year", released.getYear() - age(r[AGE]),
            "offence_category", offenceCategory(r[OFFENSE_TYPE]),
            "sentence_months", 12,
            "prior_convictions", 0,
            "home_region", "IA");
        boolean returned = r[RETURNED].equals("Yes");
        if (returned != !r[DAYS_TO_RETURN].isEmpty()) {
          throw new IllegalStateException(RESOURCE + " data row " + n + ": Return to Prison and Days to Return disagree");
        }
        if (returned) {
          // Iowa counts a return on the day of release (Days to Return 0: three FY2011 rows and
          // one FY2012 row); METHOD.md never counts an event on the release day itself. The
          // dates are invented anyway, so such a return is placed on the day after release.
          int days = Math.max(Integer.parseInt(r[DAYS_TO_RETURN]), 1);
          LocalDate back = released.plusDays(days);
          out.row(Reoffences.SPEC,
              "event_id", "IA-V-" + n,
              "person_id", person,
              "offence_date", back,
              "recorded_date", back,
              "event_type", Reoffences.READMISSION,
              "offence_category", "NOT_RECORDED");
        }
      }
    }
    return dir;
  }

  /** Parole of any kind (including to a detainer) is PB, a discharge BEBAS, the rest OTHER. */
  static String releaseType(String iowa) {
    if (iowa.startsWith("Discharged")) {
      return "BEBAS";
    }
    if (iowa.contains("Parole")) {
      return "PB";
    }
    // Special sentence (post-prison supervision) and the 1,762 blank types: still releases that
    // Iowa follows up, so they must not be TRANSFER or DEATH.
    return "OTHER";
  }

  /** Three rows have no sex; the contract needs L or P, so they are written as L (87% of rows). */
  static String sex(String iowa) {
    return iowa.equals("Female") ? "P" : "L";
  }

  /** A representative age for the age band; the three rows without one get the modal band 25-34. */
  static int age(String band) {
    return switch (band) {
      case "Under 25" -> 22;
      case "25-34", "" -> 30;
      case "35-44" -> 40;
      case "45-54" -> 50;
      case "55 and Older" -> 60;
      default -> throw new IllegalArgumentException("Unknown Iowa age band '" + band + "'");
    };
  }

  static String offenceCategory(String iowa) {
    return switch (iowa) {
      case "Drug" -> "DRUG";
      case "Property" -> "PROPERTY";
      case "Violent" -> "VIOLENT";
      case "Public Order" -> "PUBLIC_ORDER";
      case "Other" -> "OTHER";
      default -> throw new IllegalArgumentException("Unknown Iowa offense type '" + iowa + "'");
    };
  }
}
