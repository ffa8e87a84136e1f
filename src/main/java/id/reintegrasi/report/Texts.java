package id.reintegrasi.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels and number formats of the report in one language. Indonesian writes a decimal comma and
 * a thousands dot ("21,3%", "2.999"), English the other way round; the minus sign is U+2212 so
 * that a negative difference cannot be misread as a dash.
 */
public final class Texts {
  public static final String MINUS = "\u2212";
  private static final List<String> MONTHS_ID = List.of("Januari", "Februari", "Maret", "April", "Mei", "Juni",
      "Juli", "Agustus", "September", "Oktober", "November", "Desember");
  private static final List<String> MONTHS_EN = List.of("January", "February", "March", "April", "May", "June",
      "July", "August", "September", "October", "November", "December");

  private static final Map<String, String[]> VERDICTS = Map.of(
      "REDUCED", new String[] {"Menurunkan pengulangan tindak pidana", "Reduced reoffending"},
      "INCREASED", new String[] {"Meningkatkan pengulangan tindak pidana", "Increased reoffending"},
      "NO_SIGNIFICANT_DIFFERENCE", new String[] {"Tidak ada perbedaan yang bermakna", "No significant difference"},
      "INSUFFICIENT_DATA", new String[] {"Data belum cukup", "Insufficient data"});
  private static final Map<String, String[]> GROUPS = Map.of(
      "TREATED", new String[] {"Peserta", "Participants"},
      "COMPARISON", new String[] {"Pembanding serupa (bukan peserta)", "Similar non-participants"},
      "MOU_PARTICIPANT", new String[] {"Peserta program MoU", "MoU program participants"},
      "OTHER_PARTICIPANT", new String[] {"Peserta program lain", "Other program participants"},
      "NON_PARTICIPANT", new String[] {"Bukan peserta program", "Non-participants"});
  private static final Map<String, String[]> PHASES = Map.of(
      "IN_CUSTODY", new String[] {"pembinaan di dalam lapas/rutan", "in custody"},
      "POST_RELEASE", new String[] {"pasca bebas", "after release"});
  private static final Map<String, String[]> BANDS = Map.of(
      "COMPLETED", new String[] {"Selesai", "Completed"},
      "DROPPED", new String[] {"Berhenti", "Dropped out"},
      "RELEASED", new String[] {"Bebas sebelum selesai", "Released before the end"},
      "TRANSFERRED", new String[] {"Dipindahkan", "Transferred"},
      "ONGOING", new String[] {"Masih berjalan", "Ongoing"});
  private static final Map<String, String[]> DIMENSIONS = Map.of(
      "HOURS", new String[] {"Jam kehadiran", "Hours attended"},
      "SESSIONS", new String[] {"Sesi yang dihadiri", "Sessions attended"},
      "EXIT_STATUS", new String[] {"Status akhir keikutsertaan", "How participation ended"});

  private final Language lang;

  public Texts(Language lang) {
    this.lang = lang;
  }

  public Language language() {
    return lang;
  }

  /** Picks the Indonesian or the English wording. */
  public String s(String id, String en) {
    return lang == Language.ID ? id : en;
  }

  public String suppressed() {
    return s("disembunyikan", "suppressed");
  }

  /** A proportion as a percentage with one decimal ("21,3%"); null (suppressed) gives "disembunyikan". */
  public String percent(Double p) {
    return p == null ? suppressed() : decimal(p * 100, 1) + "%";
  }

  /** A difference of proportions in percentage points, signed ("−2,2"). */
  public String points(Double d) {
    if (d == null) {
      return suppressed();
    }
    String abs = decimal(Math.abs(d * 100), 1);
    boolean zero = abs.equals(decimal(0, 1));
    return (zero ? "" : d < 0 ? MINUS : "+") + abs;
  }

  /** "−2,2 poin persen (95%: −7,2 s.d. 6,8)". */
  public String pointsWithInterval(Double d, Double low, Double high) {
    if (d == null) {
      return suppressed();
    }
    String unit = s(" poin persen", " percentage points");
    if (low == null || high == null) {
      return points(d) + unit;
    }
    return points(d) + unit + " (95%: " + points(low) + s(" s.d. ", " to ") + points(high) + ")";
  }

  /** A whole count with thousands separators ("2.999" / "2,999"); null gives "disembunyikan". */
  public String count(Long n) {
    if (n == null) {
      return suppressed();
    }
    String digits = Long.toString(Math.abs(n));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        sb.append(lang == Language.ID ? '.' : ',');
      }
      sb.append(digits.charAt(i));
    }
    return (n < 0 ? MINUS : "") + sb;
  }

  /** A number with the given decimals and this language's decimal mark, no grouping. */
  public String decimal(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (s.startsWith("-")) {
      s = MINUS + s.substring(1);
    }
    return lang == Language.ID ? s.replace('.', ',') : s;
  }

  /** A p-value: "0,034", or "< 0,001" for very small ones. */
  public String pValue(Double p) {
    if (p == null) {
      return "–";
    }
    return p < 0.001 ? "< " + decimal(0.001, 3) : decimal(p, 3);
  }

  /** "30 September 2026" in both languages, with the month named in the report's language. */
  public String date(LocalDate d) {
    if (d == null) {
      return "–";
    }
    List<String> months = lang == Language.ID ? MONTHS_ID : MONTHS_EN;
    return d.getDayOfMonth() + " " + months.get(d.getMonthValue() - 1) + " " + d.getYear();
  }

  public String verdict(String code) {
    return pick(VERDICTS, code);
  }

  public String group(String code) {
    return pick(GROUPS, code);
  }

  public String phase(String code) {
    return pick(PHASES, code);
  }

  /** A group in a narrow label. */
  public String groupShort(String code) {
    return switch (code) {
      case "MOU_PARTICIPANT" -> "MoU";
      case "OTHER_PARTICIPANT" -> s("Lain", "Other");
      case "NON_PARTICIPANT" -> s("Bukan", "None");
      default -> code;
    };
  }

  /** The phase in a table cell. */
  public String phaseShort(String code) {
    return "POST_RELEASE".equals(code) ? s("pasca bebas", "after release") : s("dalam lapas/rutan", "in custody");
  }

  public String dimension(String code) {
    return pick(DIMENSIONS, code);
  }

  /** A dose band: hour and session ranges read the same in both languages, exit statuses are translated. */
  public String band(String code) {
    return pick(BANDS, code);
  }

  /** The name of the all-MoU subject, which the tables carry in both languages at once. */
  public String allMou() {
    return s("Semua program MoU", "All MoU programs");
  }

  public String months(int n) {
    return n + s(" bulan", n == 1 ? " month" : " months");
  }

  private String pick(Map<String, String[]> labels, String code) {
    String[] both = labels.get(code);
    if (both == null) {
      return code == null ? "–" : code;
    }
    return lang == Language.ID ? both[0] : both[1];
  }
}
