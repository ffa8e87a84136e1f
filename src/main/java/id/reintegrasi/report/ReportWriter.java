package id.reintegrasi.report;

import static id.reintegrasi.report.Html.esc;

import id.reintegrasi.report.ReportData.Dose;
import id.reintegrasi.report.ReportData.Effect;
import id.reintegrasi.report.ReportData.Mou;
import id.reintegrasi.report.ReportData.Participation;
import id.reintegrasi.report.ReportData.Quality;
import id.reintegrasi.report.ReportData.SurvivalPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * that a regional corrections office can read on screen or print on A4. Plain Java over
 * {@link ReportData}, so that it can be tested without Spark.
 */
public final class ReportWriter {
  public static final String FILE = "report.html";
  private static final List<String> PHASES = List.of("IN_CUSTODY", "POST_RELEASE");
  private static final Map<String, List<String>> BAND_ORDER = Map.of(
      "HOURS", List.of("0", "1-19", "20-49", "50-99", "100+"),
      "SESSIONS", List.of("0", "1-2", "3-5", "6-9", "10+"),
      "EXIT_STATUS", List.of("COMPLETED", "DROPPED", "RELEASED", "TRANSFERRED", "ONGOING"));

  private final ReportData data;
  private final Texts t;
  private final StringBuilder html = new StringBuilder(64 * 1024);
  private int charts;

  private ReportWriter(ReportData data, Language lang) {
    this.data = data;
    this.t = new Texts(lang);
  }

  public static String render(ReportData data, Language lang) {
    return new ReportWriter(data, lang).page();
  }

  private String page() {
    String title = t.s("Laporan evaluasi program pembinaan dan MoU", "Evaluation of rehabilitation programs and MoUs");
    html.append("<!DOCTYPE html>\n<html lang=\"").append(t.language().code()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(Style.CSS).append("</style>\n</head>\n<body>\n<main>\n");
    header(title);
    contents();
    summary();
    effects();
    forest();
    survival();
    cohorts();
    dose();
    participation();
    dataQuality();
    howToRead();
    method();
    html.append("<footer><p>").append(esc(t.s(
        "Dibuat oleh Reintegrasi dari tabel ringkasan keluaran (tanpa data perorangan). Ambang pengungkapan: ",
        "Made by Reintegrasi from the output summary tables (no person-level data). Disclosure threshold: ")))
        .append(data.meta().minCell()).append(".</p></footer>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  // ---------------------------------------------------------------- header and summary

  private void header(String title) {
    ReportData.Meta m = data.meta();
    html.append("<header>\n<p class=\"kicker\">").append(esc(t.s("Reintegrasi \u00b7 Kanwil Ditjenpas",
        "Reintegrasi \u00b7 Regional corrections office"))).append("</p>\n<h1>").append(esc(title)).append("</h1>\n");
    html.append("<p class=\"facts\"><span>").append(esc(t.s("Data per ", "Data as of "))).append("<b>")
        .append(esc(t.date(m.asOf()))).append("</b></span><span>").append("<b>").append(esc(t.count(releases())))
        .append("</b> ").append(esc(t.s("catatan pembebasan", "release records"))).append("</span><span>")
        .append(esc(t.s("Jendela utama: ", "Headline window: "))).append("<b>").append(esc(t.months(m.headlineWindow())))
        .append("</b></span></p>\n");
    html.append("<p class=\"intro\">").append(esc(t.s(
        "Laporan ini menjawab satu pertanyaan: apakah warga binaan yang mengikuti program pembinaan lebih jarang "
            + "mengulangi tindak pidana setelah bebas dibandingkan warga binaan serupa yang tidak mengikutinya? "
            + "Angka utama menghitung pengulangan tindak pidana" + proven(" yang terbukti", "")
            + " (" + counted() + ") dalam "
            + t.months(m.headlineWindow()) + " setelah bebas, dan hanya memakai pembebasan yang masa pemantauannya "
            + "(ditambah " + t.months(m.waitingMonths()) + " tenggang pencatatan) sudah selesai pada tanggal data.",
        "This report answers one question: do people who took part in a rehabilitation program reoffend less after "
            + "release than similar people who did not? The headline counts " + proven("proven ", "")
            + "reoffending (" + counted()
            + ") within " + t.months(m.headlineWindow()) + " of release, using only releases whose follow-up (plus "
            + t.months(m.waitingMonths()) + " for records to arrive) had ended by the data date."))).append("</p>\n");
    List<Mou> mous = mous();
    if (!mous.isEmpty()) {
      html.append("<h2 class=\"small\">").append(esc(t.s("MoU yang dievaluasi", "MoUs evaluated"))).append("</h2>\n<ul class=\"mous\">\n");
      for (Mou mou : mous) {
        html.append("<li><b>").append(esc(mou.title())).append("</b>");
        if (mou.parties() != null) {
          html.append(" \u2014 ").append(esc(mou.parties()));
        }
        if (mou.signedDate() != null) {
          html.append(" <span class=\"muted\">(").append(esc(t.s("ditandatangani ", "signed "))).append(esc(t.date(mou.signedDate())))
              .append(")</span>");
        }
        html.append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</header>\n");
  }

  /** A word or phrase that holds only when reoffending means proven offences (not with --count-arrests). */
  private String proven(String withoutArrests, String withArrests) {
    return data.meta().countArrests() ? withArrests : withoutArrests;
  }

  private String counted() {
    return data.meta().countArrests()
        ? t.s("penangkapan, putusan pengadilan atau masuk kembali ke lapas/rutan", "an arrest, a conviction or a readmission")
        : t.s("putusan pengadilan atau masuk kembali ke lapas/rutan", "a conviction or a readmission");
  }

  private void contents() {
    html.append("<nav class=\"toc\"><b>").append(esc(t.s("Isi laporan", "Contents"))).append("</b><ol>");
    for (String[] s : sections()) {
      html.append("<li><a href=\"#").append(s[0]).append("\">").append(esc(s[1])).append("</a></li>");
    }
    html.append("</ol></nav>\n");
  }

  private List<String[]> sections() {
    return List.of(
        new String[] {"summary", t.s("Ringkasan", "Summary")},
        new String[] {"effects", t.s("Hasil per MoU dan program", "Results per MoU and program")},
        new String[] {"forest", t.s("Semua selisih dalam satu gambar", "All differences at a glance")},
        new String[] {"survival", t.s("Waktu sampai mengulangi tindak pidana", "Time to reoffending")},
        new String[] {"cohorts", t.s("Tingkat pengulangan per kohort pembebasan", "Reoffence rate by release cohort")},
        new String[] {"dose", t.s("Intensitas program dan pengulangan", "Program intensity and reoffending")},
        new String[] {"participation", t.s("Keikutsertaan dan penyelesaian", "Participation and completion")},
        new String[] {"data-quality", t.s("Kualitas data", "Data quality")},
        new String[] {"how-to-read", t.s("Cara membaca angka-angka ini", "How to read these numbers")},
        new String[] {"method", t.s("Metode singkat", "Method in short")});
  }

  private void open(String id) {
    String heading = sections().stream().filter(s -> s[0].equals(id)).findFirst().orElseThrow()[1];
    html.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
  }

  private void close() {
    html.append("</section>\n");
  }

  private void summary() {
    open("summary");
    html.append("<p>").append(esc(t.s(
        "Hasil gabungan semua program MoU: peserta dibandingkan dengan warga binaan serupa yang tidak mengikuti program apa pun.",
        "All MoU programs together: participants compared with similar people who took part in no program."))).append("</p>\n");
    List<Effect> all = data.effects().stream().filter(e -> "ALL_MOU".equals(e.level())).sorted(byPhase()).toList();
    if (all.isEmpty()) {
      html.append("<p class=\"muted\">").append(esc(noResult())).append("</p>\n");
    }
    html.append("<div class=\"cards\">\n");
    all.forEach(e -> card(e, t.allMou()));
    html.append("</div>\n");
    close();
  }

  // ---------------------------------------------------------------- results per MoU and program

  private void effects() {
    open("effects");
    Map<String, Program> programs = programs();
    for (Mou mou : mous()) {
      html.append("<h3>").append(esc(mou.title())).append("</h3>\n<div class=\"cards\">\n");
      List<Effect> own = effectsOf("MOU", mou.id());
      if (own.isEmpty()) {
        missingCard(mou.title(), null);
      }
      own.forEach(e -> card(e, mou.title()));
      programs.values().stream().filter(p -> mou.id().equals(p.mouId())).forEach(this::programCards);
      html.append("</div>\n");
    }
    List<Program> others = programs.values().stream().filter(p -> p.mouId() == null).toList();
    if (!others.isEmpty()) {
      html.append("<h3>").append(esc(t.s("Program di luar MoU", "Programs outside any MoU"))).append("</h3>\n<div class=\"cards\">\n");
      others.forEach(this::programCards);
      html.append("</div>\n");
    }
    close();
  }

  private void programCards(Program p) {
    List<Effect> own = effectsOf("PROGRAM", p.id());
    if (own.isEmpty()) {
      missingCard(p.name(), p.phase());
    }
    own.forEach(e -> card(e, p.name()));
  }

  private List<Effect> effectsOf(String level, String id) {
    return data.effects().stream().filter(e -> level.equals(e.level()) && id.equals(e.subjectId())).sorted(byPhase()).toList();
  }

  private String noResult() {
    return t.s("Belum ada hasil untuk jendela " + t.months(data.meta().headlineWindow())
            + ": belum ada pembebasan peserta yang masa pemantauannya sudah selesai.",
        "No result for the " + t.months(data.meta().headlineWindow())
            + " window yet: no participant's follow-up has ended.");
  }

  private void missingCard(String name, String phase) {
    html.append("<article class=\"card verdict-none\"><h4>").append(esc(name));
    if (phase != null) {
      html.append(" <span class=\"phase\">").append(esc(t.phase(phase))).append("</span>");
    }
    html.append("</h4><p class=\"badge\">").append(esc(t.s("Belum ada hasil", "No result yet"))).append("</p><p>")
        .append(esc(noResult())).append("</p></article>\n");
  }

  private void card(Effect e, String name) {
    String verdict = e.verdict() == null ? "INSUFFICIENT_DATA" : e.verdict();
    html.append("<article class=\"card verdict-").append(verdict.toLowerCase().replace('_', '-')).append("\">\n<h4>")
        .append(esc(name)).append(" <span class=\"phase\">").append(esc(t.phase(e.phase()))).append("</span></h4>\n")
        .append("<p class=\"badge\">").append(esc(t.verdict(verdict))).append("</p>\n");
    String statement = t.language() == Language.ID ? e.statementId() : e.statementEn();
    if (statement != null) {
      html.append("<p class=\"statement\">").append(esc(statement)).append("</p>\n");
    }
    html.append("<dl>");
    item(t.s("Selisih (peserta \u2212 pembanding)", "Difference (participants \u2212 comparison)"),
        value(t.pointsWithInterval(e.difference(), e.ciLow(), e.ciHigh()), e.difference()));
    item(t.s("Tingkat pengulangan peserta", "Participants' reoffence rate"), value(t.percent(e.treatedValue()), e.treatedValue()));
    item(t.s("Tingkat pengulangan pembanding", "Comparison reoffence rate"), value(t.percent(e.comparisonValue()), e.comparisonValue()));
    item(t.s("Peserta yang dihitung", "Participants counted"), value(t.count(e.treatedN()), e.treatedN()));
    item(t.s("Ukuran efektif pembanding", "Comparison effective size"),
        value(e.comparisonNEff() == null ? t.suppressed() : "\u2248 " + t.count(Math.round(e.comparisonNEff())), e.comparisonNEff()));
    if (e.pValue() != null) {
      item("p", esc(t.pValue(e.pValue())));
    }
    item(t.s("Selisih naif (tanpa pencocokan)", "Naive difference (unmatched)"),
        value(t.pointsWithInterval(e.naiveDifference(), e.naiveCiLow(), e.naiveCiHigh()), e.naiveDifference()));
    html.append("</dl>\n</article>\n");
  }

  private void item(String label, String valueHtml) {
    html.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(valueHtml).append("</dd></div>");
  }

  /** A value, or the suppressed mark when it is null: never a zero. */
  private String value(String text, Object raw) {
    return raw == null ? suppressedMark() : esc(text);
  }

  private String suppressedMark() {
    return "<span class=\"suppressed\" title=\"" + esc(t.s("disembunyikan: jumlah terlalu kecil untuk dipublikasikan",
        "suppressed: the count is too small to publish")) + "\">" + esc(t.suppressed()) + "</span>";
  }

  // ---------------------------------------------------------------- charts

  private String chartId() {
    return "chart-" + (++charts);
  }

  private void figure(String svg, String caption) {
    html.append("<figure>\n").append(svg).append("\n<figcaption>").append(esc(caption)).append("</figcaption>\n</figure>\n");
  }

  private void forest() {
    open("forest");
    List<Charts.ForestRow> rows = new ArrayList<>();
    List<Effect> ordered = new ArrayList<>(data.effects().stream().filter(e -> "ALL_MOU".equals(e.level())).sorted(byPhase()).toList());
    for (Mou mou : mous()) {
      ordered.addAll(effectsOf("MOU", mou.id()));
    }
    for (Program p : programs().values()) {
      ordered.addAll(effectsOf("PROGRAM", p.id()));
    }
    for (Effect e : ordered) {
      rows.add(new Charts.ForestRow(subjectName(e), levelLabel(e.level()) + " \u00b7 " + t.phase(e.phase()),
          e.difference(), e.ciLow(), e.ciHigh(), e.naiveDifference(), e.naiveCiLow(), e.naiveCiHigh(), e.verdict()));
    }
    html.append("<p>").append(esc(t.s(
        "Setiap baris adalah satu program, satu MoU, atau semua program MoU. Titik: selisih tingkat pengulangan setelah "
            + "pencocokan dengan garis selang kepercayaan 95%. Belah ketupat: selisih naif tanpa pencocokan. Titik di kiri "
            + "garis nol berarti peserta lebih sedikit mengulangi.",
        "Each row is a program, an MoU or all MoU programs. Dot: matched difference in reoffence rate with its 95% "
            + "interval. Diamond: the naive, unmatched difference. Left of the zero line means participants reoffended less.")))
        .append("</p>\n");
    if (rows.isEmpty()) {
      html.append("<p class=\"muted\">").append(esc(noResult())).append("</p>\n");
    } else {
      figure(Charts.forest(chartId(), t.s("Selisih tingkat pengulangan per subjek", "Difference in reoffence rate per subject"),
          rows, t), t.s("Jendela " + t.months(data.meta().headlineWindow()) + ", ukuran: tingkat pengulangan.",
          "Window " + t.months(data.meta().headlineWindow()) + ", measure: reoffence rate."));
    }
    close();
  }

  private void survival() {
    open("survival");
    html.append("<p>").append(esc(t.s(
        "Kurva Kaplan\u2013Meier: persentase orang yang belum mengulangi tindak pidana, hari demi hari sejak awal pemantauan. "
            + "Kurva peserta yang berada di atas kurva pembanding berarti peserta bertahan lebih lama tanpa mengulangi.",
        "Kaplan\u2013Meier curves: the share of people who have not reoffended yet, day by day since the start of "
            + "follow-up. A participants' curve above the comparison curve means participants stayed out longer."))).append("</p>\n");
    Map<String, String> subjects = mouSubjects();
    for (Map.Entry<String, String> s : subjects.entrySet()) {
      String[] key = s.getKey().split("\\|");
      List<SurvivalPoint> points = data.survival().stream().filter(p -> key[0].equals(p.level())
          && key[1].equals(p.subjectId()) && key[2].equals(p.phase())).toList();
      if (points.isEmpty()) {
        continue;
      }
      // A log-rank p of curves that are entirely suppressed says nothing a reader could check.
      boolean shown = points.stream().anyMatch(x -> x.survival() != null && x.day() > 0);
      Double p = points.stream().map(SurvivalPoint::logrankP).filter(Objects::nonNull).findFirst().orElse(null);
      Double atRisk = points.stream().filter(x -> x.day() == 0 && "TREATED".equals(x.group()))
          .map(SurvivalPoint::atRisk).filter(Objects::nonNull).findFirst().orElse(null);
      html.append("<h3>").append(esc(s.getValue())).append("</h3>\n");
      figure(Charts.survival(chartId(), t.s("Kurva bertahan tanpa pengulangan: ", "Survival without reoffending: ")
          + s.getValue(), points, t), t.s("Peserta pada awal pemantauan: ", "Participants at the start: ")
          + (atRisk == null ? t.suppressed() : t.count(Math.round(atRisk))) + ". "
          + t.s("Uji log-rank (peserta vs pembanding): p = ", "Log-rank test (participants vs comparison): p = ")
          + (shown ? t.pValue(p) : t.suppressed()) + ".");
    }
    close();
  }

  private void cohorts() {
    open("cohorts");
    ReportData.Meta m = data.meta();
    html.append("<p>").append(esc(t.s(
        "Persentase orang yang mengulangi tindak pidana dalam " + t.months(m.headlineWindow()) + ", menurut kuartal "
            + "bebas (kohort) dan kelompok, semua lapas/rutan digabung. Satu kohort hanya ditampilkan bila semua sel "
            + "lapas/rutannya dipublikasikan; kohort terbaru belum dapat dihitung karena masa pemantauannya belum selesai.",
        "Share of people who reoffended within " + t.months(m.headlineWindow()) + ", by release quarter (cohort) and "
            + "group, all facilities together. A cohort is shown only when all its facility cells are published; the "
            + "latest cohorts have no rate yet because their follow-up has not ended."))).append("</p>\n");
    List<String> cohorts = CohortTrend.cohorts(data.cohorts());
    if (cohorts.isEmpty()) {
      html.append("<p class=\"muted\">").append(esc(noResult())).append("</p>\n");
    } else {
      figure(Charts.cohortTrend(chartId(), t.s("Tingkat pengulangan per kohort pembebasan", "Reoffence rate by release cohort"),
          cohorts, CohortTrend.byGroup(data.cohorts(), m.asOf(), m.headlineWindow(), m.waitingMonths()), t),
          t.s("Sumber: tabel cohort_outcomes, jendela ", "Source: table cohort_outcomes, window ") + t.months(m.headlineWindow()) + ".");
    }
    close();
  }

  private void dose() {
    open("dose");
    html.append("<p>").append(esc(t.s(
        "Di antara peserta: tingkat pengulangan menurut jumlah jam kehadiran dan menurut cara keikutsertaan berakhir; "
            + "garis tegak menunjukkan selang kepercayaan 95%. "
            + "Ini bukan perbandingan dengan bukan peserta: orang yang bertahan lebih lama bisa saja berbeda sejak awal.",
        "Among participants: reoffence rate by hours attended and by how participation ended; the vertical lines are "
            + "95% intervals. This is not a comparison "
            + "with non-participants: people who stay longer may differ from the start."))).append("</p>\n");
    Map<String, String> subjects = mouSubjects();
    for (Map.Entry<String, String> s : subjects.entrySet()) {
      String[] key = s.getKey().split("\\|");
      List<Dose> rows = data.dose().stream().filter(d -> key[0].equals(d.level()) && key[1].equals(d.subjectId())
          && key[2].equals(d.phase())).toList();
      if (rows.isEmpty()) {
        continue;
      }
      html.append("<h3>").append(esc(s.getValue())).append("</h3>\n<div class=\"pair\">\n");
      for (String dimension : List.of("HOURS", "EXIT_STATUS")) {
        List<Dose> bands = rows.stream().filter(d -> dimension.equals(d.dimension()))
            .sorted(Comparator.comparingInt((Dose d) -> bandIndex(dimension, d.band())).thenComparing(Dose::band)).toList();
        if (!bands.isEmpty()) {
          html.append(Charts.doseBars(chartId(), t.dimension(dimension), bands, t)).append('\n');
        }
      }
      html.append("</div>\n");
    }
    close();
  }

  private static int bandIndex(String dimension, String band) {
    int i = BAND_ORDER.getOrDefault(dimension, List.of()).indexOf(band);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  // ---------------------------------------------------------------- participation and data quality

  /** A program's participation over all quarters, from the published cells only. */
  /**
   * A program's sums over its quarters: {@code hidden} quarters withheld a count, of which
   * {@code countsHidden} an enrolment count and {@code hoursHidden} the hours (withheld on their
   * own when a quarter has few attendees), so each sum says whether it is a lower bound.
   */
  private record Totals(long enrolled, long completed, long ended, double hours, long certificates, int hidden,
      int countsHidden, int hoursHidden) {}

  private void participation() {
    open("participation");
    html.append("<p>").append(esc(t.s(
        "Pendaftaran per program, dijumlahkan dari kuartal yang dipublikasikan. Kuartal dengan jumlah kecil disembunyikan; "
            + "jumlah sebenarnya lebih besar dari angka yang ditampilkan (\u2265). Tingkat penyelesaian = selesai / berakhir "
            + "(selesai, berhenti, bebas atau dipindahkan), hanya bila tidak ada kuartal yang disembunyikan.",
        "Enrolments per program, summed over the published quarters. Quarters with small counts are suppressed; the true "
            + "total is larger than the number shown (\u2265). Completion rate = completed / ended (completed, dropped, "
            + "released or transferred), only when no quarter is suppressed."))).append("</p>\n");
    Map<String, Program> programs = programs();
    Map<String, Totals> totals = new LinkedHashMap<>();
    List<Charts.EnrolBar> bars = new ArrayList<>();
    for (Program p : programs.values()) {
      List<Participation> rows = data.participation().stream().filter(r -> p.id().equals(r.programId())).toList();
      if (rows.isEmpty()) {
        continue;
      }
      long enrolled = 0;
      long completed = 0;
      long ended = 0;
      long certificates = 0;
      double hours = 0;
      int hidden = 0;
      int countsHidden = 0;
      int hoursHidden = 0;
      for (Participation r : rows) {
        boolean counts = r.enrolled() == null || r.completed() == null || r.ended() == null;
        boolean hoursWithheld = r.hoursPresent() == null;
        countsHidden += counts ? 1 : 0;
        hoursHidden += hoursWithheld ? 1 : 0;
        hidden += counts || hoursWithheld ? 1 : 0;
        enrolled += r.enrolled() == null ? 0 : r.enrolled();
        completed += r.completed() == null ? 0 : r.completed();
        ended += r.ended() == null ? 0 : r.ended();
        certificates += r.certificates() == null ? 0 : r.certificates();
        hours += r.hoursPresent() == null ? 0 : r.hoursPresent();
      }
      totals.put(p.id(), new Totals(enrolled, completed, ended, hours, certificates, hidden, countsHidden, hoursHidden));
      bars.add(new Charts.EnrolBar(p.name(), enrolled, countsHidden));
    }
    if (!bars.isEmpty()) {
      figure(Charts.enrolment(chartId(), t.s("Pendaftaran per program", "Enrolments per program"), bars, t),
          t.s("Sumber: tabel program_participation.", "Source: table program_participation."));
    }
    html.append("<table>\n<thead><tr><th>").append(esc(t.s("Program", "Program"))).append("</th><th>")
        .append(esc(t.s("Tahap", "Phase"))).append("</th><th class=\"num\">").append(esc(t.s("Terdaftar", "Enrolled")))
        .append("</th><th class=\"num\">").append(esc(t.s("Selesai", "Completed"))).append("</th><th class=\"num\">")
        .append(esc(t.s("Tingkat penyelesaian", "Completion rate"))).append("</th><th class=\"num\">")
        .append(esc(t.s("Jam hadir", "Hours present"))).append("</th><th class=\"num\">")
        .append(esc(t.s("Kuartal disembunyikan", "Quarters suppressed"))).append("</th></tr></thead>\n<tbody>\n");
    // Grouped by MoU, in the order of the results above, then the programs outside any MoU.
    List<String> groups = new ArrayList<>(mous().stream().map(Mou::id).toList());
    groups.add(null);
    Map<String, String> mouTitles = new TreeMap<>();
    mous().forEach(m -> mouTitles.put(m.id(), m.title()));
    for (String mouId : groups) {
      List<String> ids = totals.keySet().stream().filter(k -> Objects.equals(mouId, programs.get(k).mouId())).toList();
      if (ids.isEmpty()) {
        continue;
      }
      html.append("<tr class=\"group\"><th colspan=\"7\">").append(esc(mouId == null
          ? t.s("Program di luar MoU", "Programs outside any MoU") : "MoU: " + mouTitles.getOrDefault(mouId, mouId)))
          .append("</th></tr>\n");
      for (String programId : ids) {
        Program p = programs.get(programId);
        Totals x = totals.get(programId);
        String prefix = x.countsHidden() > 0 ? "\u2265 " : "";
        boolean completionExact = x.countsHidden() == 0;
        html.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(esc(t.phaseShort(p.phase())))
            .append("</td><td class=\"num\">").append(esc(prefix + t.count(x.enrolled())))
            .append("</td><td class=\"num\">").append(esc(prefix + t.count(x.completed()))).append("</td><td class=\"num\">")
            .append(completionExact && x.ended() > 0 ? esc(t.percent((double) x.completed() / x.ended()))
                : completionExact ? "\u2013" : suppressedMark())
            .append("</td><td class=\"num\">")
            .append(esc((x.hoursHidden() > 0 ? "\u2265 " : "") + t.count(Math.round(x.hours()))))
            .append("</td><td class=\"num\">").append(x.hidden()).append("</td></tr>\n");
      }
    }
    html.append("</tbody>\n</table>\n");
    close();
  }

  private void dataQuality() {
    open("data-quality");
    html.append("<p>").append(esc(t.s(
        "Setiap baris masukan diperiksa terhadap aturan kontrak data. Baris yang melanggar aturan dipindahkan ke karantina "
            + "(_quarantine/) dan tidak dihitung; sisa data tetap dianalisis. Peringatan dihitung tetapi barisnya tetap dipakai.",
        "Every input row is checked against the data contract. Rows that break a rule go to quarantine (_quarantine/) and "
            + "are not counted; the rest of the data is analysed. Warnings are counted but the rows are kept."))).append("</p>\n");
    Map<String, long[]> perDataset = new LinkedHashMap<>(); // rows, quarantined, warnings
    for (Quality q : data.quality()) {
      long[] c = perDataset.computeIfAbsent(q.dataset(), d -> new long[3]);
      c[0] = Math.max(c[0], q.rowsChecked());
      if ("quarantined".equals(q.check())) {
        c[1] = q.rowsFailed();
      } else if ("WARNING".equals(q.severity())) {
        c[2] += q.rowsFailed();
      }
    }
    html.append("<table>\n<thead><tr><th>").append(esc(t.s("Data", "Dataset"))).append("</th><th class=\"num\">")
        .append(esc(t.s("Baris diperiksa", "Rows checked"))).append("</th><th class=\"num\">")
        .append(esc(t.s("Dikarantina", "Quarantined"))).append("</th><th class=\"num\">")
        .append(esc(t.s("Peringatan", "Warnings"))).append("</th></tr></thead>\n<tbody>\n");
    perDataset.forEach((dataset, c) -> html.append("<tr><td>").append(esc(datasetName(dataset))).append("</td><td class=\"num\">")
        .append(esc(t.count(c[0]))).append("</td><td class=\"num\">").append(esc(t.count(c[1])))
        .append("</td><td class=\"num\">").append(esc(t.count(c[2]))).append("</td></tr>\n"));
    html.append("</tbody>\n</table>\n");
    List<Quality> failing = data.quality().stream()
        .filter(q -> q.rowsFailed() > 0 && !"quarantined".equals(q.check()) && !"INFO".equals(q.severity())).toList();
    if (!failing.isEmpty()) {
      html.append("<h3>").append(esc(t.s("Aturan yang dilanggar", "Rules broken"))).append("</h3>\n<table>\n<thead><tr><th>")
          .append(esc(t.s("Data", "Dataset"))).append("</th><th>").append(esc(t.s("Masalah", "Problem"))).append("</th><th>")
          .append(esc(t.s("Tingkat", "Severity"))).append("</th><th class=\"num\">").append(esc(t.s("Baris", "Rows")))
          .append("</th></tr></thead>\n<tbody>\n");
      for (Quality q : failing) {
        html.append("<tr><td>").append(esc(datasetName(q.dataset()))).append("</td><td>").append(esc(problem(q)))
            .append("</td><td>").append(esc("WARNING".equals(q.severity()) ? t.s("peringatan (tetap dipakai)", "warning (kept)")
                : t.s("galat (dikarantina)", "error (quarantined)"))).append("</td><td class=\"num\">")
            .append(esc(t.count(q.rowsFailed()))).append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    close();
  }

  private String datasetName(String dataset) {
    Map<String, String> id = Map.of("releases", "pembebasan (releases)", "mous", "MoU (mous)", "programs", "program (programs)",
        "enrollments", "keikutsertaan (enrollments)", "training", "kehadiran pelatihan (training)",
        "reoffences", "pengulangan (reoffences)", "followups", "pemantauan pasca bebas (followups)");
    return t.language() == Language.ID ? id.getOrDefault(dataset, dataset) : dataset;
  }

  /** The broken rule in the report's language; the table's own description is English. */
  private String problem(Quality q) {
    if (t.language() == Language.EN || q.rule() == null) {
      return q.description() == null ? q.check() : q.description();
    }
    String column = q.column() == null ? "" : q.column() + ": ";
    String rule = switch (q.rule()) {
      case "required" -> "nilai wajib kosong";
      case "unknown_code" -> "kode tidak dikenal";
      case "duplicate_key" -> "kunci ganda (baris yang sama muncul lebih dari sekali)";
      case "release_before_admission" -> "tanggal bebas sebelum tanggal masuk";
      case "implausible_age" -> "umur saat bebas di luar 12..100 tahun";
      case "negative" -> "nilai negatif";
      case "invalid_date" -> "bukan tanggal yang sah";
      case "unknown_reference" -> "merujuk ke data yang tidak ada";
      case "out_of_range" -> "nilai di luar rentang yang wajar";
      case "recorded_before_offence" -> "tanggal pencatatan sebelum tanggal pelanggaran";
      default -> null;
    };
    return rule == null ? (q.description() == null ? q.check() : q.description()) : column + rule;
  }

  // ---------------------------------------------------------------- reading help and method

  private void howToRead() {
    open("how-to-read");
    int k = data.meta().minCell();
    html.append("<dl class=\"glossary\">\n");
    gloss(t.s("Tingkat pengulangan", "Reoffence rate"), t.s(
        "Dari setiap 100 orang yang bebas, berapa yang" + proven(" terbukti", "") + " mengulangi tindak pidana ("
            + counted() + ") dalam "
            + t.months(data.meta().headlineWindow()) + ".",
        "Out of every 100 people released, how many " + proven("were proven to reoffend", "reoffended")
            + " (" + counted() + ") within "
            + t.months(data.meta().headlineWindow()) + "."));
    gloss(t.s("Kelompok pembanding", "Comparison group"), t.s(
        "Warga binaan yang tidak mengikuti program apa pun pada tahap yang sama, dipasangkan dengan peserta menurut jenis "
            + "kelamin, kelompok umur, jenis tindak pidana, lama pidana, jumlah putusan sebelumnya dan tahun bebas.",
        "People who took part in no program of the same phase, matched to the participants on sex, age band, offence, "
            + "sentence length, prior convictions and release year."));
    gloss(t.s("Selisih", "Difference"), t.s(
        "Tingkat pengulangan peserta dikurangi tingkat pembanding, dalam poin persen. Negatif berarti peserta lebih "
            + "jarang mengulangi: kabar baik.",
        "Participants' rate minus the comparison rate, in percentage points. Negative means participants reoffended "
            + "less: good news."));
    gloss(t.s("Selang kepercayaan 95%", "95% interval"), t.s(
        "Rentang tempat selisih sebenarnya kemungkinan besar berada. Bila rentang mencakup nol, data belum dapat "
            + "membedakan program dari tanpa program; lebarnya menunjukkan seberapa besar pengaruh yang mungkin masih tersembunyi.",
        "The range in which the true difference most likely lies. When it includes zero, the data cannot tell the "
            + "program from no program; its width shows how large an effect could still be hidden."));
    gloss(t.verdict("REDUCED") + " / " + t.verdict("INCREASED"), t.s(
        "Selisih bermakna secara statistik (p < 0,05).", "The difference is statistically significant (p < 0.05)."));
    gloss(t.verdict("NO_SIGNIFICANT_DIFFERENCE"), t.s(
        "Data belum dapat membedakan program dari tanpa program. Ini tidak membuktikan bahwa program tidak berguna.",
        "The data cannot tell the program from no program. This does not prove the program is useless."));
    gloss(t.verdict("INSUFFICIENT_DATA"), t.s(
        "Kurang dari " + t.count(data.meta().minTreated()) + " peserta, atau pembanding yang sebanding terlalu sedikit. Tunggu lebih banyak "
            + "pembebasan yang masa pemantauannya selesai sebelum menarik kesimpulan.",
        "Fewer than " + t.count(data.meta().minTreated()) + " participants, or too few comparable non-participants. Wait for more releases "
            + "to complete their follow-up before drawing conclusions."));
    gloss(t.s("Selisih naif", "Naive difference"), t.s(
        "Perbandingan langsung tanpa pencocokan. Jika jauh berbeda dari selisih setelah pencocokan, peserta dipilih "
            + "secara berbeda (misalnya lebih muda) dan perbandingan langsung akan menyesatkan.",
        "The direct comparison without matching. When it differs much from the matched difference, participants were "
            + "selected differently (e.g. younger) and the direct comparison would mislead."));
    gloss(t.suppressed(), t.s(
        "Jumlah 1 sampai " + (k - 1) + " (di bawah ambang " + k + ") tidak dipublikasikan untuk melindungi identitas, "
            + "begitu pula angka yang dihitung darinya. Tanda arsir atau tulisan \u201cdisembunyikan\u201d berarti angkanya "
            + "ada tetapi tidak ditampilkan; itu bukan nol.",
        "Counts from 1 to " + (k - 1) + " (below the threshold of " + k + ") are not published, to protect identities, "
            + "nor is anything computed from them. A hatched mark or the word \u201csuppressed\u201d means a number exists "
            + "but is hidden; it is not zero."));
    html.append("</dl>\n<p class=\"legend-line\"><span class=\"suppressed\">").append(esc(t.suppressed()))
        .append("</span> = ").append(esc(t.s("angka disembunyikan, bukan nol", "value suppressed, not zero"))).append("</p>\n");
    close();
  }

  private void gloss(String term, String text) {
    html.append("<div><dt>").append(esc(term)).append("</dt><dd>").append(esc(text)).append("</dd></div>\n");
  }

  private void method() {
    open("method");
    ReportData.Meta m = data.meta();
    List<String> points = List.of(
        t.s("Satu pengamatan per pembebasan; pembebasan karena pindah (TRANSFER) atau meninggal (DEATH) tidak dipantau.",
            "One observation per release; transfers and deaths start no follow-up."),
        t.s("Pengulangan dalam w bulan: pelanggaran" + proven(" terbukti", "")
                + " setelah tanggal bebas sampai w bulan sesudahnya, tercatat paling "
                + "lambat " + t.months(m.waitingMonths()) + " setelah jendela berakhir.",
            "Reoffending within w months: " + proven("a proven offence", "an offence")
                + " after release up to w months later, recorded at most "
                + t.months(m.waitingMonths()) + " after the window."),
        t.s("Hanya pembebasan yang jendela dan tenggangnya sudah selesai pada " + t.date(m.asOf()) + " yang dihitung; "
                + "pembebasan terbaru tidak pernah dianggap berhasil.",
            "Only releases whose window and waiting period had ended by " + t.date(m.asOf()) + " count; recent releases "
                + "are never counted as successes."),
        t.s("Peserta: terdaftar dalam program selama masa pidana (atau dalam " + m.landmarkDays()
                + " hari setelah bebas untuk program pasca "
                + "bebas), selesai atau tidak.",
            "Participants: enrolled during the custody spell (or within " + m.landmarkDays()
                + " days of release for post-release programs), "
                + "whether or not they finished."),
        t.s("Pembanding: pencocokan persis per strata (coarsened exact matching) dengan bobot t/c per strata; galat baku "
                + "memakai ukuran efektif Kish.",
            "Comparison: coarsened exact matching with weights t/c per stratum; standard errors use Kish's effective size."),
        t.s("Selang 95% = selisih \u00b1 1,96 \u00d7 galat baku; kesimpulan butuh p < 0,05, sedikitnya " + t.count(m.minTreated())
                + " peserta dan ukuran efektif pembanding sedikitnya " + t.count(m.minTreated()) + ".",
            "95% interval = difference \u00b1 1.96 \u00d7 standard error; a verdict needs p < 0.05, at least "
                + t.count(m.minTreated()) + " participants and a comparison of effective size at least "
                + t.count(m.minTreated()) + "."),
        t.s("Kurva bertahan: Kaplan\u2013Meier dengan pita Greenwood, dipublikasikan tiap 30 hari.",
            "Survival: Kaplan\u2013Meier with Greenwood bands, published every 30 days."),
        t.s("Rincian lengkap: README proyek dan shared/METHOD.md.", "Full details: the project README and shared/METHOD.md."));
    html.append("<ul>\n");
    points.forEach(p -> html.append("<li>").append(esc(p)).append("</li>\n"));
    html.append("</ul>\n");
    close();
  }

  // ---------------------------------------------------------------- subjects

  /** A program as the report lists it. */
  private record Program(String id, String name, String mouId, String phase) {}

  /** Programs from the participation table (the catalogue), then any that only the effect table names. */
  private Map<String, Program> programs() {
    Map<String, Program> programs = new TreeMap<>();
    for (Participation p : data.participation()) {
      programs.putIfAbsent(p.programId(), new Program(p.programId(), p.programName() == null ? p.programId() : p.programName(),
          p.mouId(), p.phase()));
    }
    for (Effect e : data.effects()) {
      if ("PROGRAM".equals(e.level())) {
        programs.putIfAbsent(e.subjectId(), new Program(e.subjectId(), e.subjectName() == null ? e.subjectId() : e.subjectName(),
            null, e.phase()));
      }
    }
    return programs;
  }

  /** The run's MoUs by signing date; without them (a bare table), the MoUs the effect table names. */
  /** "LEVEL|subject|phase" to a heading, for all MoU programs and each MoU, in each phase. */
  private Map<String, String> mouSubjects() {
    Map<String, String> subjects = new LinkedHashMap<>();
    for (String phase : PHASES) {
      subjects.put("ALL_MOU|ALL_MOU|" + phase, t.allMou() + " \u00b7 " + t.phase(phase));
    }
    for (Mou mou : mous()) {
      for (String phase : PHASES) {
        subjects.put("MOU|" + mou.id() + "|" + phase, mou.title() + " \u00b7 " + t.phase(phase));
      }
    }
    return subjects;
  }

  private List<Mou> mous() {
    if (!data.meta().mous().isEmpty()) {
      return data.meta().mous().stream().sorted(Comparator.comparing(Mou::signedDate,
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Mou::id)).toList();
    }
    Map<String, Mou> found = new TreeMap<>();
    data.effects().stream().filter(e -> "MOU".equals(e.level())).forEach(e -> found.putIfAbsent(e.subjectId(),
        new Mou(e.subjectId(), e.subjectName() == null ? e.subjectId() : e.subjectName(), null, null)));
    return List.copyOf(found.values());
  }

  private String subjectName(Effect e) {
    if ("ALL_MOU".equals(e.level())) {
      return t.allMou();
    }
    if ("MOU".equals(e.level())) {
      return mous().stream().filter(m -> m.id().equals(e.subjectId())).map(Mou::title).findFirst()
          .orElse(e.subjectName() == null ? e.subjectId() : e.subjectName());
    }
    Program p = programs().get(e.subjectId());
    return p != null ? p.name() : e.subjectName() == null ? e.subjectId() : e.subjectName();
  }

  private String levelLabel(String level) {
    return switch (level) {
      case "ALL_MOU" -> t.s("gabungan", "combined");
      case "MOU" -> "MoU";
      default -> t.s("program", "program");
    };
  }

  private static Comparator<Effect> byPhase() {
    return Comparator.comparingInt(e -> PHASES.indexOf(e.phase()));
  }

  /** Release records read and kept: rows checked minus rows quarantined. */
  private Long releases() {
    long checked = -1;
    long quarantined = 0;
    for (Quality q : data.quality()) {
      if ("releases".equals(q.dataset())) {
        checked = Math.max(checked, q.rowsChecked());
        if ("quarantined".equals(q.check())) {
          quarantined = q.rowsFailed();
        }
      }
    }
    return checked < 0 ? null : checked - quarantined;
  }
}
