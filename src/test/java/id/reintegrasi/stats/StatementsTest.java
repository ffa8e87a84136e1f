package id.reintegrasi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementsTest {

  private static final String LAS = "Program Kemandirian Las";
  private static final String MOU = "MoU Kanwil Ditjenpas Jambi – Pemkot Sungai Penuh";

  private static Statements.Result result(
      String subject, Measure measure, int window, Double treated, Double comparison, Double low,
      Double high, Verdict verdict) {
    return new Statements.Result(
        subject, measure, window, treated, comparison, low, high, verdict, 400L, 244.0);
  }

  @Test
  void reducedRate_readsAsJusticeDataLabSentence() {
    // 0.21 -> 21, 0.30 -> 30, CI [-0.1587, -0.0213] -> 16 and 2 fewer per 100.
    Statements.Sentences s = Statements.describe(result(
        LAS, Measure.REOFFENCE_RATE, 12, 0.21, 0.30, -0.1587, -0.0213, Verdict.REDUCED));
    assertEquals(
        "Out of 100 typical participants in Program Kemandirian Las, 21 reoffended within one"
            + " year, compared with 30 out of 100 similar non-participants; the difference could"
            + " lie between 2 and 16 fewer. This is a statistically significant reduction.",
        s.english());
    assertEquals(
        "Dari 100 peserta Program Kemandirian Las pada umumnya, 21 orang melakukan pelanggaran"
            + " kembali dalam satu tahun, dibandingkan 30 dari 100 bukan peserta yang serupa;"
            + " selisihnya diperkirakan antara 2 dan 16 orang lebih sedikit. Penurunan ini"
            + " signifikan secara statistik.",
        s.indonesian());
  }

  @Test
  void withoutSubject_readsLikeTheMethodExample() {
    assertEquals(
        "Out of 100 typical participants, 21 reoffended within one year, compared with 30 out of"
            + " 100 similar non-participants; the difference could lie between 2 and 16 fewer."
            + " This is a statistically significant reduction.",
        Statements.english(result(
            null, Measure.REOFFENCE_RATE, 12, 0.21, 0.30, -0.16, -0.02, Verdict.REDUCED)));
  }

  @Test
  void notSignificantRate_intervalAcrossZero_saysFewerAndMore() {
    // CI [-0.031, 0.052] -> "between 3 fewer and 5 more"
    Statements.Sentences s = Statements.describe(result(
        MOU, Measure.REOFFENCE_RATE, 24, 0.28, 0.29, -0.031, 0.052,
        Verdict.NO_SIGNIFICANT_DIFFERENCE));
    assertEquals(
        "Out of 100 typical participants in MoU Kanwil Ditjenpas Jambi – Pemkot Sungai Penuh, 28"
            + " reoffended within 2 years, compared with 29 out of 100 similar non-participants;"
            + " the difference could lie between 3 fewer and 5 more. The difference is not"
            + " statistically significant: the program may have had no effect.",
        s.english());
    assertEquals(
        "Dari 100 peserta MoU Kanwil Ditjenpas Jambi – Pemkot Sungai Penuh pada umumnya, 28 orang"
            + " melakukan pelanggaran kembali dalam 2 tahun, dibandingkan 29 dari 100 bukan peserta"
            + " yang serupa; selisihnya diperkirakan antara 3 orang lebih sedikit dan 5 orang lebih"
            + " banyak. Perbedaan ini tidak signifikan secara statistik: program mungkin tidak"
            + " berpengaruh.",
        s.indonesian());
  }

  @Test
  void insufficientData_forDaysToFirst_namesTheCountsAsThoseWhoReoffended() {
    // DAYS_TO_FIRST is a mean among those who reoffended: 40 of (say) 300 participants, and a
    // comparison of effective size 150 among its reoffenders.
    Statements.Sentences s = Statements.describe(new Statements.Result(
        "Program Las", Measure.DAYS_TO_FIRST, 12, 150.0, 170.0, -40.0, 0.0,
        Verdict.INSUFFICIENT_DATA, 40L, 150.0));
    assertEquals(
        "There are too few participants who reoffended (40) or comparable non-participants who reoffended"
            + " (about 150) to say whether Program Las made a difference to the time to reoffending within one year.",
        s.english());
    assertEquals(
        "Jumlah peserta yang melakukan pelanggaran kembali (40) atau bukan peserta serupa yang melakukan"
            + " pelanggaran kembali yang dapat dibandingkan (sekitar 150) terlalu sedikit untuk menilai apakah"
            + " Program Las berpengaruh terhadap waktu hingga pelanggaran kembali dalam satu tahun.",
        s.indonesian());
  }

  @Test
  void insufficientData_citesBothGroupSizes() {
    // n_eff 120.4 is cited as "about 120".
    Statements.Sentences s = Statements.describe(new Statements.Result(
        "Program Las", Measure.REOFFENCE_RATE, 12, 0.2, 0.3, -0.3, 0.1,
        Verdict.INSUFFICIENT_DATA, 45L, 120.4));
    assertEquals(
        "There are too few participants (45) or comparable non-participants (about 120) to say"
            + " whether Program Las made a difference to reoffending within one year.",
        s.english());
    assertEquals(
        "Jumlah peserta (45) atau bukan peserta serupa yang dapat dibandingkan (sekitar 120)"
            + " terlalu sedikit untuk menilai apakah Program Las berpengaruh terhadap pelanggaran"
            + " kembali dalam satu tahun.",
        s.indonesian());
  }

  @Test
  void suppressedValues_sayTheResultIsWithheld() {
    Statements.Sentences s = Statements.describe(new Statements.Result(
        "Program Las", Measure.REOFFENCE_RATE, 12, null, null, null, null, null, null, null));
    assertEquals(
        "The result for Program Las is not shown because the numbers are too small to publish.",
        s.english());
    assertEquals(
        "Hasil untuk Program Las tidak ditampilkan karena jumlahnya terlalu kecil untuk"
            + " dipublikasikan.",
        s.indonesian());
  }

  @Test
  void insufficientDataWithSuppressedCount_isWithheldNotCited() {
    Statements.Sentences s = Statements.describe(new Statements.Result(
        null, Measure.FREQUENCY, 12, null, null, null, null, Verdict.INSUFFICIENT_DATA, null,
        80.0));
    assertEquals(
        "The result is not shown because the numbers are too small to publish.", s.english());
    assertEquals(
        "Hasil tidak ditampilkan karena jumlahnya terlalu kecil untuk dipublikasikan.",
        s.indonesian());
  }

  @Test
  void frequency_isOffencesPer100People() {
    Statements.Sentences s = Statements.describe(result(
        "Program Las", Measure.FREQUENCY, 6, 0.35, 0.48, -0.21, -0.05, Verdict.REDUCED));
    assertEquals(
        "Participants in Program Las committed 35 proven offences per 100 people within 6 months,"
            + " compared with 48 per 100 similar non-participants; the difference could lie"
            + " between 5 and 21 fewer offences per 100 people. This is a statistically"
            + " significant reduction.",
        s.english());
    assertEquals(
        "Peserta Program Las melakukan 35 pelanggaran yang terbukti per 100 orang dalam 6 bulan,"
            + " dibandingkan 48 per 100 bukan peserta yang serupa; selisihnya diperkirakan antara"
            + " 5 dan 21 pelanggaran lebih sedikit per 100 orang. Penurunan ini signifikan secara"
            + " statistik.",
        s.indonesian());
  }

  /** With --count-arrests an arrest is counted too, and arrests are not proven offences. */
  @Test
  void frequency_withArrestsCounted_saysArrestsOrProvenOffences() {
    Statements.Sentences s = Statements.describe(new Statements.Result("Program Las", Measure.FREQUENCY, 6,
        0.35, 0.48, -0.21, -0.05, Verdict.REDUCED, 400L, 244.0, true));
    assertEquals(
        "Participants in Program Las had 35 arrests or proven offences per 100 people within 6 months,"
            + " compared with 48 per 100 similar non-participants; the difference could lie"
            + " between 5 and 21 fewer offences per 100 people. This is a statistically"
            + " significant reduction.",
        s.english());
    assertEquals(
        "Peserta Program Las mengalami 35 penangkapan atau pelanggaran yang terbukti per 100 orang dalam"
            + " 6 bulan, dibandingkan 48 per 100 bukan peserta yang serupa; selisihnya diperkirakan antara"
            + " 5 dan 21 pelanggaran lebih sedikit per 100 orang. Penurunan ini signifikan secara"
            + " statistik.",
        s.indonesian());
    Statements.Sentences few = Statements.describe(new Statements.Result(null, Measure.FREQUENCY, 12,
        null, null, null, null, Verdict.INSUFFICIENT_DATA, 12L, 30.0, true));
    assertEquals("There are too few participants (12) or comparable non-participants (about 30) to say"
        + " whether the program made a difference to the number of arrests and proven offences within"
        + " one year.", few.english());
    assertEquals("Jumlah peserta (12) atau bukan peserta serupa yang dapat dibandingkan (sekitar 30)"
        + " terlalu sedikit untuk menilai apakah program berpengaruh terhadap jumlah penangkapan dan"
        + " pelanggaran yang terbukti dalam satu tahun.", few.indonesian());
  }

  @Test
  void frequencyAcrossZero_namesTheUnitOnceAtTheEnd() {
    assertEquals(
        "Participants committed 40 proven offences per 100 people within one year, compared with"
            + " 41 per 100 similar non-participants; the difference could lie between 3 fewer and"
            + " 1 more offence per 100 people. The difference is not statistically significant:"
            + " the program may have had no effect.",
        Statements.english(result(null, Measure.FREQUENCY, 12, 0.40, 0.41, -0.03, 0.01,
            Verdict.NO_SIGNIFICANT_DIFFERENCE)));
  }

  @Test
  void longerTimeToReoffence_isAnIncreaseInDays() {
    Statements.Sentences s = Statements.describe(result(
        "Program Las", Measure.DAYS_TO_FIRST, 36, 150.4, 120.2, 8.3, 52.1, Verdict.INCREASED));
    assertEquals(
        "Participants in Program Las who reoffended within 3 years did so after 150 days on"
            + " average, compared with 120 days for similar non-participants; the difference could"
            + " lie between 8 and 52 days longer. This is a statistically significant increase:"
            + " participants who reoffended did so later.",
        s.english());
    assertEquals(
        "Peserta Program Las yang melakukan pelanggaran kembali dalam 3 tahun rata-rata"
            + " melakukannya setelah 150 hari, dibandingkan 120 hari pada bukan peserta yang"
            + " serupa; selisihnya diperkirakan antara 8 dan 52 hari lebih lama. Peningkatan ini"
            + " signifikan secara statistik: peserta yang melakukan pelanggaran kembali"
            + " melakukannya lebih lambat.",
        s.indonesian());
  }

  @Test
  void daysAcrossZero_saysShorterAndLonger() {
    Statements.Sentences s = Statements.describe(result(
        null, Measure.DAYS_TO_FIRST, 12, 130.0, 125.0, -10.2, 30.4,
        Verdict.NO_SIGNIFICANT_DIFFERENCE));
    assertEquals(
        "Participants who reoffended within one year did so after 130 days on average, compared"
            + " with 125 days for similar non-participants; the difference could lie between 10"
            + " days shorter and 30 days longer. The difference is not statistically significant:"
            + " the program may have had no effect.",
        s.english());
    assertEquals(
        "Peserta yang melakukan pelanggaran kembali dalam satu tahun rata-rata melakukannya"
            + " setelah 130 hari, dibandingkan 125 hari pada bukan peserta yang serupa; selisihnya"
            + " diperkirakan antara 10 hari lebih cepat dan 30 hari lebih lama. Perbedaan ini"
            + " tidak signifikan secara statistik: program mungkin tidak berpengaruh.",
        s.indonesian());
  }

  @Test
  void boundsRoundingToTheSameNumber_sayAbout() {
    assertEquals(
        "Out of 100 typical participants, 20 reoffended within one year, compared with 23 out of"
            + " 100 similar non-participants; the difference could be about 3 fewer. This is a"
            + " statistically significant reduction.",
        Statements.english(result(null, Measure.REOFFENCE_RATE, 12, 0.20, 0.23, -0.034, -0.026,
            Verdict.REDUCED)));
  }

  @Test
  void halfPer100_roundsUpAsByHand() {
    // 0.215 * 100 is 21.499999999999996 in binary; on the decimal 21.5 it rounds to 22.
    assertEquals(22, Statements.round(0.215, 2));
    assertEquals(-3, Statements.round(-0.025, 2));
    assertEquals(150, Statements.round(149.5, 0));
  }

  @Test
  void windows_areWordedInMonthsOrYears() {
    assertEquals("within 6 months", Statements.windowEnglish(6));
    assertEquals("within one year", Statements.windowEnglish(12));
    assertEquals("within 2 years", Statements.windowEnglish(24));
    assertEquals("within 3 years", Statements.windowEnglish(36));
    assertEquals("dalam 6 bulan", Statements.windowIndonesian(6));
    assertEquals("dalam satu tahun", Statements.windowIndonesian(12));
    assertEquals("dalam 3 tahun", Statements.windowIndonesian(36));
  }
}
