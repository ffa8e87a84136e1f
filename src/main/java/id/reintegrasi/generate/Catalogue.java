package id.reintegrasi.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * The fixed reference data of the synthetic Jambi province: facilities (UPT), home regions (BPS
 * codes), offence categories, MoUs and the program catalogue, with the behavioural parameters the
 * {@link PersonSimulator} uses. Everything here is invented for testing, though shaped after the
 * real institutions it names.
 */
final class Catalogue {

  private Catalogue() {}

  /** Facilities (UPT) and how keen each is to put people into programs (a logit shift). */
  enum Facility {
    /** Rutan Kelas IIB Sungai Penuh: the detention centre of Kota Sungai Penuh. */
    RUTAN_SUNGAI_PENUH("RUTAN-SUNGAI-PENUH", true, 0.2),
    /** Lapas Kelas IIA Jambi. */
    LAPAS_JAMBI("LAPAS-JAMBI", false, 0.3),
    /** Lapas Kelas IIB Muara Bulian (Batanghari). */
    LAPAS_MUARA_BULIAN("LAPAS-MUARA-BULIAN", false, -0.2),
    /** Rutan Kelas IIB Bangko (Merangin). */
    RUTAN_BANGKO("RUTAN-BANGKO", true, -0.3),
    /** Lapas Perempuan Jambi: the women's prison. */
    LPP_JAMBI("LPP-JAMBI", false, 0.8),
    /** Lapas Kelas IIB Kuala Tungkal (Tanjung Jabung Barat). */
    LAPAS_KUALA_TUNGKAL("LAPAS-KUALA-TUNGKAL", false, -0.3);

    final String id;
    final boolean rutan;
    final double participationLogit;

    Facility(String id, boolean rutan, double participationLogit) {
      this.id = id;
      this.rutan = rutan;
      this.participationLogit = participationLogit;
    }
  }

  /** Home regions (BPS kabupaten/kota codes) with their share of the released population (%). */
  enum Region {
    KOTA_SUNGAI_PENUH("1572", 6),
    KERINCI("1501", 10),
    KOTA_JAMBI("1571", 20),
    MERANGIN("1502", 10),
    BATANGHARI("1504", 9),
    MUARO_JAMBI("1505", 10),
    TANJUNG_JABUNG_TIMUR("1506", 8),
    TANJUNG_JABUNG_BARAT("1507", 10),
    TEBO("1508", 8),
    BUNGO("1509", 9);

    final String code;
    final int weight;

    Region(String code, int weight) {
      this.code = code;
      this.weight = weight;
    }
  }

  /**
   * Offence categories: share among men and women (%), log-normal sentence (median months,
   * sigma, clamp) and the shift of the reoffence logit.
   */
  enum Offence {
    NARKOTIKA(44, 58, 36, 0.75, 8, 240, 0.35),
    PENCURIAN(24, 9, 16, 0.6, 2, 84, 0.30),
    PENIPUAN(6, 16, 20, 0.5, 3, 72, 0.0),
    KEKERASAN(11, 5, 36, 0.8, 4, 240, -0.15),
    ASUSILA(7, 1, 84, 0.4, 24, 180, -0.7),
    KORUPSI(2, 5, 48, 0.5, 12, 180, -1.3),
    LAINNYA(6, 6, 10, 0.7, 1, 60, -0.1);

    final int menWeight;
    final int womenWeight;
    final double sentenceMedian;
    final double sentenceSigma;
    final int sentenceMin;
    final int sentenceMax;
    final double riskLogit;

    Offence(int menWeight, int womenWeight, double sentenceMedian, double sentenceSigma,
        int sentenceMin, int sentenceMax, double riskLogit) {
      this.menWeight = menWeight;
      this.womenWeight = womenWeight;
      this.sentenceMedian = sentenceMedian;
      this.sentenceSigma = sentenceSigma;
      this.sentenceMin = sentenceMin;
      this.sentenceMax = sentenceMax;
      this.riskLogit = riskLogit;
    }
  }

  record Mou(String id, String title, String parties, LocalDate signed, LocalDate end, String regionCode) {}

  enum Category { KEPRIBADIAN, KEMANDIRIAN, SOSIAL, PASCA_BEBAS }

  enum Phase { IN_CUSTODY, POST_RELEASE }

  /**
   * A program: the contract's columns first, then how it runs and whom it takes.
   *
   * @param sessionCode prefix of its training session ids ({@code LAS-JMB-20240312})
   * @param weekdays    the days its sessions are held
   * @param sessions    sessions in one full course (in custody)
   * @param hours       standard hours of one session, in hundredths
   * @param durationDays length of a post-release program
   * @param weight      relative pull when several programs are open to a person at once
   * @param menOnly     takes men only
   * @param offenceOnly takes only this offence category (null: any)
   * @param under25     pull multiplier for people under 25
   * @param over45      pull multiplier for people 45 and over
   * @param combinable  may be taken beside another combinable program in the same spell
   * @param rrComplete  true relative risk of proven reoffending for a full course; see DataGenerator
   * @param rrItt       the intention-to-treat relative risk this implies (documentation and tests)
   */
  record Program(String id, String name, Category category, Phase phase, Facility facility,
      String partner, String mouId, LocalDate start, LocalDate end,
      String sessionCode, List<DayOfWeek> weekdays, int sessions, int hours, int durationDays,
      double weight, boolean menOnly, Offence offenceOnly, double under25, double over45,
      boolean combinable, double rrComplete, double rrItt) {

    /** The same program with {@code factor} times the sessions per course (at least one). */
    Program withSessionsTimes(double factor) {
      if (factor == 1.0) {
        return this;
      }
      return new Program(id, name, category, phase, facility, partner, mouId, start, end, sessionCode, weekdays,
          Math.max(1, (int) Math.round(sessions * factor)), hours, durationDays, weight, menOnly, offenceOnly,
          under25, over45, combinable, rrComplete, rrItt);
    }

    /** Days from the first to the last session of a full course. */
    int courseDays() {
      return phase == Phase.POST_RELEASE ? durationDays : (sessions * 7 + weekdays.size() - 1) / weekdays.size();
    }
  }

  static final String MOU_BNNP = "MOU-2019-BNNP";
  static final String MOU_DISNAKERTRANS = "MOU-2020-DISNAKERTRANS";
  static final String MOU_KEMENAG_KERINCI = "MOU-2021-KEMENAG-KERINCI";
  static final String MOU_BAZNAS = "MOU-2022-BAZNAS";
  static final String MOU_SPN = "MOU-2025-SPN";

  static final List<Mou> MOUS = List.of(
      new Mou(MOU_BNNP, "Rehabilitasi Sosial bagi Warga Binaan Penyalah Guna Narkotika",
          "Kantor Wilayah Kementerian Hukum dan HAM Jambi; Badan Narkotika Nasional Provinsi Jambi",
          LocalDate.of(2019, 3, 14), LocalDate.of(2023, 3, 13), null),
      new Mou(MOU_DISNAKERTRANS, "Pelatihan Kerja dan Sertifikasi Kompetensi bagi Warga Binaan Pemasyarakatan",
          "Kantor Wilayah Kementerian Hukum dan HAM Jambi; Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi",
          LocalDate.of(2020, 2, 20), null, "15"),
      new Mou(MOU_KEMENAG_KERINCI, "Pembinaan Keagamaan dan Pesantren bagi Warga Binaan",
          "Kantor Wilayah Kementerian Hukum dan HAM Jambi; Kantor Kementerian Agama Kabupaten Kerinci",
          LocalDate.of(2021, 6, 8), null, "1501"),
      new Mou(MOU_BAZNAS, "Pemberdayaan Ekonomi dan Kewirausahaan Klien Pemasyarakatan Pasca Bebas",
          "Kantor Wilayah Kementerian Hukum dan HAM Jambi; BAZNAS Provinsi Jambi; Koperasi Bangkit Bersama Jambi",
          LocalDate.of(2022, 9, 5), null, "15"),
      // The parties carry a comma on purpose: the sample CSV then exercises quoting.
      new Mou(MOU_SPN, "Penguatan Pembinaan dan Pemberdayaan Warga Binaan",
          "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jambi, Pemerintah Kota Sungai Penuh",
          LocalDate.of(2025, 10, 19), null, "1572"));

  private static final List<DayOfWeek> MON_WED = List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
  private static final List<DayOfWeek> TUE_THU = List.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
  private static final List<DayOfWeek> TUE_FRI = List.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY);
  private static final List<DayOfWeek> MON_THU = List.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
  private static final List<DayOfWeek> TUE_SAT = List.of(DayOfWeek.TUESDAY, DayOfWeek.SATURDAY);

  private static Program inCustody(String id, String name, Category category, Facility facility,
      String partner, String mouId, LocalDate start, LocalDate end, String sessionCode,
      List<DayOfWeek> weekdays, int sessions, int hours, double weight, boolean menOnly,
      Offence offenceOnly, double under25, double over45, boolean combinable,
      double rrComplete, double rrItt) {
    return new Program(id, name, category, Phase.IN_CUSTODY, facility, partner, mouId, start, end,
        sessionCode, weekdays, sessions, hours, 0, weight, menOnly, offenceOnly, under25, over45,
        combinable, rrComplete, rrItt);
  }

  private static Program postRelease(String id, String name, String partner, String mouId,
      LocalDate start, int durationDays, double weight, double rrComplete, double rrItt) {
    return new Program(id, name, Category.PASCA_BEBAS, Phase.POST_RELEASE, null, partner, mouId,
        start, null, null, List.of(), 0, 0, durationDays, weight, false, null, 1, 1, false,
        rrComplete, rrItt);
  }

  static final String PRG_LAS = "PRG-JMB-LAS";
  static final String PRG_BARISTA = "PRG-JMB-BARISTA";
  static final String PRG_KEBANGSAAN = "PRG-JMB-KEBANGSAAN";
  static final String PRG_SPN_AGAMA = "PRG-SPN-AGAMA";
  static final String PRG_WIRAUSAHA = "PRG-PB-WIRAUSAHA";

  /** The catalogue; rrComplete/rrItt are the true effects documented on DataGenerator. */
  static final List<Program> PROGRAMS = List.of(
      inCustody(PRG_LAS, "Pelatihan Pengelasan (Las Listrik) Bersertifikat BNSP", Category.KEMANDIRIAN,
          Facility.LAPAS_JAMBI, "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi", MOU_DISNAKERTRANS,
          LocalDate.of(2020, 4, 6), null, "LAS-JMB", TUE_THU, 24, 400, 3.0, true, null, 1.0, 0.3,
          false, 0.64, 0.70),
      inCustody(PRG_BARISTA, "Pelatihan Barista dan Pengolahan Kopi", Category.KEMANDIRIAN,
          Facility.LAPAS_JAMBI, "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi", MOU_DISNAKERTRANS,
          LocalDate.of(2020, 9, 7), null, "BARISTA-JMB", MON_WED, 16, 300, 2.5, false, null, 1.6, 0.3,
          false, 0.64, 0.70),
      inCustody(PRG_KEBANGSAAN, "Ceramah Wawasan Kebangsaan dan Bela Negara", Category.KEPRIBADIAN,
          Facility.LAPAS_JAMBI, "Badan Kesatuan Bangsa dan Politik Provinsi Jambi", null,
          LocalDate.of(2018, 1, 8), null, "KEBANGSAAN-JMB", List.of(DayOfWeek.FRIDAY), 10, 200, 3.0,
          false, null, 1.0, 1.0, false, 1.00, 1.00),
      inCustody("PRG-JMB-REHAB", "Rehabilitasi Sosial dan Konseling Adiksi (Therapeutic Community)",
          Category.KEPRIBADIAN, Facility.LAPAS_JAMBI, "Badan Narkotika Nasional Provinsi Jambi", MOU_BNNP,
          LocalDate.of(2019, 4, 15), LocalDate.of(2023, 3, 13), "REHAB-JMB", TUE_FRI, 24, 250, 4.0,
          false, Offence.NARKOTIKA, 1.0, 0.8, false, 0.82, 0.85),
      inCustody("PRG-LPP-JAHIT", "Pelatihan Menjahit dan Tata Busana", Category.KEMANDIRIAN,
          Facility.LPP_JAMBI, "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jambi", MOU_DISNAKERTRANS,
          LocalDate.of(2020, 6, 15), null, "JAHIT-LPP", MON_THU, 26, 400, 3.0, false, null, 1.0, 0.8,
          false, 0.82, 0.85),
      inCustody("PRG-LPP-SOSIAL", "Pemberdayaan Sosial dan Pengasuhan (Parenting) Warga Binaan Perempuan",
          Category.SOSIAL, Facility.LPP_JAMBI, "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Jambi",
          null, LocalDate.of(2019, 7, 1), null, "SOSIAL-LPP", List.of(DayOfWeek.WEDNESDAY), 12, 200, 2.0,
          false, null, 1.0, 1.0, false, 0.94, 0.95),
      inCustody("PRG-MBL-MEBEL", "Pertukangan Kayu dan Mebel", Category.KEMANDIRIAN,
          Facility.LAPAS_MUARA_BULIAN, null, null, LocalDate.of(2017, 3, 6), null, "MEBEL-MBL", MON_WED,
          30, 400, 3.0, true, null, 1.0, 0.6, false, 0.82, 0.85),
      inCustody("PRG-KTL-TANI", "Pertanian Hortikultura dan Hidroponik", Category.KEMANDIRIAN,
          Facility.LAPAS_KUALA_TUNGKAL, "Dinas Tanaman Pangan dan Hortikultura Kabupaten Tanjung Jabung Barat",
          null, LocalDate.of(2019, 5, 6), null, "TANI-KTL", TUE_SAT, 20, 300, 3.0, false, null, 1.0, 1.0,
          false, 0.88, 0.90),
      // The quotes in the name are on purpose: the sample CSV then exercises "" escaping.
      inCustody("PRG-BKO-AGAMA", "Pesantren \"At-Taubah\" dan Bimbingan Keagamaan", Category.KEPRIBADIAN,
          Facility.RUTAN_BANGKO, "Kantor Kementerian Agama Kabupaten Merangin", null,
          LocalDate.of(2016, 1, 4), null, "AGAMA-BKO", List.of(DayOfWeek.THURSDAY), 16, 200, 3.0, false,
          null, 1.0, 1.0, false, 0.88, 0.90),
      inCustody("PRG-BKO-BENGKEL", "Pelatihan Perbengkelan Sepeda Motor", Category.KEMANDIRIAN,
          Facility.RUTAN_BANGKO, null, null, LocalDate.of(2022, 2, 7), LocalDate.of(2024, 12, 20),
          "BENGKEL-BKO", MON_THU, 20, 300, 2.0, true, null, 1.2, 0.4, false, 0.88, 0.90),
      inCustody(PRG_SPN_AGAMA, "Bimbingan Keagamaan dan Pesantren Kilat", Category.KEPRIBADIAN,
          Facility.RUTAN_SUNGAI_PENUH, "Kantor Kementerian Agama Kabupaten Kerinci", MOU_KEMENAG_KERINCI,
          LocalDate.of(2021, 7, 5), null, "AGAMA-SPN", TUE_FRI, 20, 200, 3.0, false, null, 1.0, 1.0,
          true, 0.64, 0.70),
      inCustody("PRG-SPN-BARISTA", "Pelatihan Barista Kopi Kerinci", Category.KEMANDIRIAN,
          Facility.RUTAN_SUNGAI_PENUH, "Pemerintah Kota Sungai Penuh", MOU_SPN,
          LocalDate.of(2025, 11, 10), null, "BARISTA-SPN", MON_WED, 16, 300, 2.5, false, null, 1.6, 0.3,
          true, 0.64, 0.70),
      inCustody("PRG-SPN-KOPI", "Budidaya Kopi Arabika Kerinci dan Hortikultura", Category.KEMANDIRIAN,
          Facility.RUTAN_SUNGAI_PENUH, "Dinas Pertanian Kota Sungai Penuh", MOU_SPN,
          LocalDate.of(2025, 12, 1), null, "KOPI-SPN", TUE_THU, 20, 300, 2.0, false, null, 1.0, 1.0,
          true, 0.82, 0.85),
      inCustody("PRG-SPN-SOSIAL", "Pemberdayaan Sosial dan Keluarga Warga Binaan", Category.SOSIAL,
          Facility.RUTAN_SUNGAI_PENUH, "Dinas Sosial Kota Sungai Penuh", MOU_SPN,
          LocalDate.of(2026, 1, 12), null, "SOSIAL-SPN", List.of(DayOfWeek.WEDNESDAY), 12, 200, 1.5,
          false, null, 1.0, 1.0, true, 0.94, 0.95),
      postRelease(PRG_WIRAUSAHA, "Kewirausahaan Pasca Bebas dan Bantuan Modal Usaha Mikro",
          "BAZNAS Provinsi Jambi; Bapas Kelas II Jambi", MOU_BAZNAS, LocalDate.of(2022, 10, 3), 120, 1.0,
          0.83, 0.85),
      postRelease("PRG-PB-KERJA", "Penyaluran Kerja Pasca Bebas",
          "Bapas Kelas II Jambi; Apindo Provinsi Jambi", null, LocalDate.of(2021, 1, 4), 60, 0.8,
          0.88, 0.90));
}
