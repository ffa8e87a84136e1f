package id.reintegrasi.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Plain-language results in Indonesian and English, in the manner of the UK Justice Data Lab
 * ("Out of 100 typical participants, 21 reoffended within one year, compared with 30 out of
 * 100 similar non-participants; the difference could lie between 2 and 16 fewer.").
 *
 * <p>Numbers are rounded half away from zero on their decimal value (so 0.215 gives 22 per
 * 100, as by hand): rates and frequencies to whole people or offences per 100, days to whole
 * days. The interval clause is worded from the rounded bounds lo..hi of the difference:
 * both at or below zero "between 2 and 16 fewer", both at or above zero "between 3 and 9
 * more", across zero "between 3 fewer and 5 more", equal "about 3 fewer", both zero "close to
 * zero". Days read "shorter"/"longer" ("lebih cepat"/"lebih lama"). A result with a
 * {@code null} or non-finite value it needs (a suppressed cell) is
 * described as withheld.
 */
public final class Statements {

  /** One result's sentence in both languages. */
  public record Sentences(String indonesian, String english) {}

  /**
   * What one sentence describes. Values are in the measure's own unit: a proportion in [0, 1]
   * for {@code REOFFENCE_RATE}, events per release for {@code FREQUENCY}, days for
   * {@code DAYS_TO_FIRST}. {@code differenceLow}/{@code differenceHigh} bound treated minus
   * comparison. {@code null} marks a suppressed value.
   *
   * @param subject the program or MoU name, e.g. "MoU Kanwil Ditjenpas Jambi – Pemkot Sungai
   *     Penuh"; {@code null} for plain "participants"
   * @param windowMonths follow-up window in months (12 reads "within one year")
   * @param treatedN treated releases, cited when the verdict is INSUFFICIENT_DATA
   * @param comparisonEffectiveSize the comparison group's n_eff, cited likewise
   * @param arrestsCounted whether arrests count as reoffending (--count-arrests): the offences
   *     counted are then not all proven, and the sentences say so
   */
  public record Result(
      String subject,
      Measure measure,
      int windowMonths,
      Double treatedValue,
      Double comparisonValue,
      Double differenceLow,
      Double differenceHigh,
      Verdict verdict,
      Long treatedN,
      Double comparisonEffectiveSize,
      boolean arrestsCounted) {

    /** A result that counts proven reoffending only (the default). */
    public Result(String subject, Measure measure, int windowMonths, Double treatedValue,
        Double comparisonValue, Double differenceLow, Double differenceHigh, Verdict verdict,
        Long treatedN, Double comparisonEffectiveSize) {
      this(subject, measure, windowMonths, treatedValue, comparisonValue, differenceLow, differenceHigh,
          verdict, treatedN, comparisonEffectiveSize, false);
    }

    public Result {
      if (measure == null) {
        throw new IllegalArgumentException("Cannot describe a result without a measure");
      }
      if (windowMonths <= 0) {
        throw new IllegalArgumentException(
            "Cannot describe a window of " + windowMonths + " months, it must be positive");
      }
    }
  }

  private Statements() {}

  /** Both sentences. */
  public static Sentences describe(Result r) {
    return new Sentences(indonesian(r), english(r));
  }

  /** The English sentence. */
  public static String english(Result r) {
    String window = windowEnglish(r.windowMonths());
    String participants = r.subject() == null ? "participants" : "participants in " + r.subject();
    if (r.verdict() == Verdict.INSUFFICIENT_DATA
        && present(r.treatedN(), r.comparisonEffectiveSize())) {
      String what =
          switch (r.measure()) {
            case REOFFENCE_RATE -> "reoffending";
            case FREQUENCY -> r.arrestsCounted() ? "the number of arrests and proven offences"
                : "the number of proven offences";
            case DAYS_TO_FIRST -> "the time to reoffending";
          };
      // DAYS_TO_FIRST is measured among those who reoffended, and so are its counts.
      String who = r.measure() == Measure.DAYS_TO_FIRST ? " who reoffended" : "";
      return "There are too few participants" + who + " (" + r.treatedN()
          + ") or comparable non-participants" + who + " (about " + round(r.comparisonEffectiveSize(), 0)
          + ") to say whether " + (r.subject() == null ? "the program" : r.subject())
          + " made a difference to " + what + " " + window + ".";
    }
    if (!describable(r)) {
      return r.subject() == null
          ? "The result is not shown because the numbers are too small to publish."
          : "The result for " + r.subject()
              + " is not shown because the numbers are too small to publish.";
    }
    boolean days = r.measure() == Measure.DAYS_TO_FIRST;
    int scale = days ? 0 : 2;
    long t = round(r.treatedValue(), scale);
    long c = round(r.comparisonValue(), scale);
    long lo = round(r.differenceLow(), scale);
    long hi = round(r.differenceHigh(), scale);
    String body =
        switch (r.measure()) {
          case REOFFENCE_RATE -> "Out of 100 typical " + participants + ", " + t
              + " reoffended " + window + ", compared with " + c
              + " out of 100 similar non-participants; "
              + range(lo, hi, ENGLISH_RANGE, EN_PEOPLE);
          case FREQUENCY -> capitalise(participants) + (r.arrestsCounted()
                  ? " had " + t + (t == 1 ? " arrest or proven offence" : " arrests or proven offences")
                  : " committed " + t + (t == 1 ? " proven offence" : " proven offences"))
              + " per 100 people " + window
              + ", compared with " + c + " per 100 similar non-participants; "
              + range(lo, hi, ENGLISH_RANGE, EN_OFFENCES);
          case DAYS_TO_FIRST -> capitalise(participants) + " who reoffended " + window
              + " did so after " + t + (t == 1 ? " day" : " days") + " on average, compared with "
              + c + (c == 1 ? " day" : " days") + " for similar non-participants; "
              + range(lo, hi, ENGLISH_RANGE, EN_DAYS);
        };
    String verdict =
        switch (r.verdict()) {
          case REDUCED -> days
              ? "This is a statistically significant reduction: participants who reoffended"
                  + " did so sooner."
              : "This is a statistically significant reduction.";
          case INCREASED -> days
              ? "This is a statistically significant increase: participants who reoffended"
                  + " did so later."
              : "This is a statistically significant increase.";
          case NO_SIGNIFICANT_DIFFERENCE ->
              "The difference is not statistically significant: the program may have had no"
                  + " effect.";
          case INSUFFICIENT_DATA -> throw new AssertionError("handled above");
        };
    return body + ". " + verdict;
  }

  /** The Indonesian sentence. */
  public static String indonesian(Result r) {
    String window = windowIndonesian(r.windowMonths());
    String participants = r.subject() == null ? "peserta" : "peserta " + r.subject();
    if (r.verdict() == Verdict.INSUFFICIENT_DATA
        && present(r.treatedN(), r.comparisonEffectiveSize())) {
      String what =
          switch (r.measure()) {
            case REOFFENCE_RATE -> "pelanggaran kembali";
            case FREQUENCY -> r.arrestsCounted() ? "jumlah penangkapan dan pelanggaran yang terbukti"
                : "jumlah pelanggaran yang terbukti";
            case DAYS_TO_FIRST -> "waktu hingga pelanggaran kembali";
          };
      String who = r.measure() == Measure.DAYS_TO_FIRST ? " yang melakukan pelanggaran kembali" : "";
      return "Jumlah peserta" + who + " (" + r.treatedN()
          + ") atau bukan peserta serupa" + who + " yang dapat dibandingkan (sekitar "
          + round(r.comparisonEffectiveSize(), 0) + ") terlalu sedikit untuk menilai apakah "
          + (r.subject() == null ? "program" : r.subject()) + " berpengaruh terhadap " + what
          + " " + window + ".";
    }
    if (!describable(r)) {
      return r.subject() == null
          ? "Hasil tidak ditampilkan karena jumlahnya terlalu kecil untuk dipublikasikan."
          : "Hasil untuk " + r.subject()
              + " tidak ditampilkan karena jumlahnya terlalu kecil untuk dipublikasikan.";
    }
    boolean days = r.measure() == Measure.DAYS_TO_FIRST;
    int scale = days ? 0 : 2;
    long t = round(r.treatedValue(), scale);
    long c = round(r.comparisonValue(), scale);
    long lo = round(r.differenceLow(), scale);
    long hi = round(r.differenceHigh(), scale);
    String body =
        switch (r.measure()) {
          case REOFFENCE_RATE -> "Dari 100 " + participants + " pada umumnya, " + t
              + " orang melakukan pelanggaran kembali " + window + ", dibandingkan " + c
              + " dari 100 bukan peserta yang serupa; "
              + range(lo, hi, INDONESIAN_RANGE, ID_PEOPLE);
          case FREQUENCY -> capitalise(participants) + (r.arrestsCounted()
                  ? " mengalami " + t + " penangkapan atau pelanggaran yang terbukti"
                  : " melakukan " + t + " pelanggaran yang terbukti")
              + " per 100 orang " + window + ", dibandingkan " + c
              + " per 100 bukan peserta yang serupa; "
              + range(lo, hi, INDONESIAN_RANGE, ID_OFFENCES);
          case DAYS_TO_FIRST -> capitalise(participants) + " yang melakukan pelanggaran kembali "
              + window + " rata-rata melakukannya setelah " + t + " hari, dibandingkan " + c
              + " hari pada bukan peserta yang serupa; "
              + range(lo, hi, INDONESIAN_RANGE, ID_DAYS);
        };
    String verdict =
        switch (r.verdict()) {
          case REDUCED -> days
              ? "Penurunan ini signifikan secara statistik: peserta yang melakukan pelanggaran"
                  + " kembali melakukannya lebih cepat."
              : "Penurunan ini signifikan secara statistik.";
          case INCREASED -> days
              ? "Peningkatan ini signifikan secara statistik: peserta yang melakukan pelanggaran"
                  + " kembali melakukannya lebih lambat."
              : "Peningkatan ini signifikan secara statistik.";
          case NO_SIGNIFICANT_DIFFERENCE ->
              "Perbedaan ini tidak signifikan secara statistik: program mungkin tidak berpengaruh.";
          case INSUFFICIENT_DATA -> throw new AssertionError("handled above");
        };
    return body + ". " + verdict;
  }

  /** How one language words an interval of the difference. */
  private record RangeWords(String between, String and, String about, String closeToZero) {}

  private static final RangeWords ENGLISH_RANGE = new RangeWords(
      "the difference could lie between ", " and ", "the difference could be about ",
      "the difference is close to zero");
  private static final RangeWords INDONESIAN_RANGE = new RangeWords(
      "selisihnya diperkirakan antara ", " dan ", "selisihnya diperkirakan sekitar ",
      "selisihnya mendekati nol");

  /**
   * How one measure names its unit: {@code one}/{@code many} agree with the number just before
   * them; a unit before the direction reads "10 days shorter", after it "3 fewer offences".
   */
  private record Unit(
      String one, String many, boolean beforeDirection, String fewer, String more, String suffix) {}

  private static final Unit EN_PEOPLE = new Unit("", "", true, "fewer", "more", "");
  private static final Unit EN_OFFENCES =
      new Unit("offence", "offences", false, "fewer", "more", " per 100 people");
  private static final Unit EN_DAYS = new Unit("day", "days", true, "shorter", "longer", "");
  private static final Unit ID_PEOPLE =
      new Unit("orang", "orang", true, "lebih sedikit", "lebih banyak", "");
  private static final Unit ID_OFFENCES =
      new Unit(
          "pelanggaran", "pelanggaran", true, "lebih sedikit", "lebih banyak", " per 100 orang");
  private static final Unit ID_DAYS =
      new Unit("hari", "hari", true, "lebih cepat", "lebih lama", "");

  /**
   * The interval clause from rounded bounds lo &lt;= hi, e.g. "the difference could lie between
   * 2 and 16 fewer", "... between 3 fewer and 5 more", "... about 3 fewer".
   */
  private static String range(long lo, long hi, RangeWords words, Unit unit) {
    if (lo == 0 && hi == 0) {
      return words.closeToZero();
    }
    if (lo == hi) {
      return words.about() + amount(Math.abs(lo), lo < 0 ? unit.fewer() : unit.more(), unit, true)
          + unit.suffix();
    }
    if (hi <= 0) {
      return words.between() + -hi + words.and() + amount(-lo, unit.fewer(), unit, true)
          + unit.suffix();
    }
    if (lo >= 0) {
      return words.between() + lo + words.and() + amount(hi, unit.more(), unit, true)
          + unit.suffix();
    }
    // Across zero: a unit that follows the direction is said once, at the end.
    return words.between() + amount(-lo, unit.fewer(), unit, unit.beforeDirection()) + words.and()
        + amount(hi, unit.more(), unit, true) + unit.suffix();
  }

  /** "16 fewer", "10 days shorter", "3 fewer offences", "2 orang lebih sedikit". */
  private static String amount(long n, String direction, Unit unit, boolean withUnit) {
    String name = n == 1 ? unit.one() : unit.many();
    if (!withUnit || name.isEmpty()) {
      return n + " " + direction;
    }
    return unit.beforeDirection()
        ? n + " " + name + " " + direction
        : n + " " + direction + " " + name;
  }

  static String windowEnglish(int months) {
    if (months % 12 == 0) {
      int years = months / 12;
      return years == 1 ? "within one year" : "within " + years + " years";
    }
    return months == 1 ? "within one month" : "within " + months + " months";
  }

  static String windowIndonesian(int months) {
    if (months % 12 == 0) {
      int years = months / 12;
      return years == 1 ? "dalam satu tahun" : "dalam " + years + " tahun";
    }
    return months == 1 ? "dalam satu bulan" : "dalam " + months + " bulan";
  }

  /** value * 10^scale rounded half away from zero on its shortest decimal form. */
  static long round(double value, int scale) {
    return BigDecimal.valueOf(value)
        .movePointRight(scale)
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  private static boolean describable(Result r) {
    return r.verdict() != null
        && r.verdict() != Verdict.INSUFFICIENT_DATA
        && present(r.treatedValue(), r.comparisonValue(), r.differenceLow(), r.differenceHigh());
  }

  private static boolean present(Number... values) {
    for (Number v : values) {
      if (v == null || !Double.isFinite(v.doubleValue())) {
        return false;
      }
    }
    return true;
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
