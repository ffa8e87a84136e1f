package id.reintegrasi.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.report.ReportData.CohortCell;
import id.reintegrasi.report.ReportData.Dose;
import id.reintegrasi.report.ReportData.Effect;
import id.reintegrasi.report.ReportData.Meta;
import id.reintegrasi.report.ReportData.Mou;
import id.reintegrasi.report.ReportData.Participation;
import id.reintegrasi.report.ReportData.Quality;
import id.reintegrasi.report.ReportData.SurvivalPoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The renderer on hand-made records, without Spark: suppression, escaping, languages and number formats. */
class ReportWriterTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);
  private static final String EVIL = "Pelatihan <script>alert(1)</script> & \"Kopi\"";

  private static Effect effect(String level, String id, String name, Double diff, String verdict, boolean suppressed) {
    return new Effect(level, id, name, "IN_CUSTODY", diff == null ? null : 120L, 3L, diff == null ? null : 300L,
        diff == null ? null : 180.4, diff == null ? null : 0.213, diff == null ? null : 0.30, diff,
        diff == null ? null : diff - 0.07, diff == null ? null : diff + 0.02, diff == null ? null : 0.034, verdict,
        "Kalimat untuk " + name + ".", "Sentence for " + name + ".", -0.12, -0.18, -0.06, suppressed);
  }

  private static ReportData data() {
    List<Effect> effects = List.of(
        effect("ALL_MOU", "ALL_MOU", "semua program MoU (all MoU programs)", -0.087, "REDUCED", false),
        effect("MOU", "MOU-1", "MoU Kerja", null, "INSUFFICIENT_DATA", true),
        effect("PROGRAM", "PRG-A", EVIL, -0.05, "NO_SIGNIFICANT_DIFFERENCE", false));
    List<SurvivalPoint> survival = new ArrayList<>();
    for (String group : List.of("TREATED", "COMPARISON")) {
      for (int day = 0; day <= 360; day += 30) {
        boolean hidden = day == 90;
        double s = 1 - day / 1000.0 * (group.equals("TREATED") ? 1 : 2);
        survival.add(new SurvivalPoint("ALL_MOU", "ALL_MOU", "IN_CUSTODY", group, day, hidden ? null : 100.0 - day / 10,
            hidden ? null : s, hidden ? null : s - 0.03, hidden ? null : Math.min(1, s + 0.03), 0.21, hidden));
      }
    }
    List<CohortCell> cohorts = List.of(
        new CohortCell("2021-Q1", "LAPAS-A", "MOU_PARTICIPANT", 40L, 40L, 8L, false),
        new CohortCell("2021-Q1", "LAPAS-B", "MOU_PARTICIPANT", 30L, 30L, 3L, false),
        new CohortCell("2021-Q2", "LAPAS-A", "MOU_PARTICIPANT", 40L, 40L, null, true),
        new CohortCell("2021-Q2", "LAPAS-B", "MOU_PARTICIPANT", 30L, 30L, 12L, false),
        new CohortCell("2026-Q2", "LAPAS-A", "MOU_PARTICIPANT", 20L, 0L, 0L, false));
    List<Dose> dose = List.of(
        new Dose("ALL_MOU", "ALL_MOU", "IN_CUSTODY", "HOURS", "20-49", 200L, 30L, 0.15, 0.11, 0.2, false),
        new Dose("ALL_MOU", "ALL_MOU", "IN_CUSTODY", "HOURS", "1-19", 64L, null, null, null, null, true),
        new Dose("ALL_MOU", "ALL_MOU", "IN_CUSTODY", "EXIT_STATUS", "COMPLETED", 300L, 33L, 0.11, 0.08, 0.15, false));
    List<Participation> participation = List.of(
        new Participation("PRG-A", "MOU-1", EVIL, "KEMANDIRIAN", "IN_CUSTODY", "2021-Q1", 40L, 30L, 35L, 812.5, 12L, false),
        new Participation("PRG-A", "MOU-1", EVIL, "KEMANDIRIAN", "IN_CUSTODY", "2021-Q2", null, null, null, null, 0L, true));
    List<Quality> quality = List.of(
        new Quality("releases", "quarantined", "quarantined", null, "ERROR", 3005, 6, "rows that broke a rule"),
        new Quality("releases", "unknown_code:sex", "unknown_code", "sex", "ERROR", 3005, 1, "sex is not one of L, P"),
        new Quality("enrollments", "unknown_reference:person_id", "unknown_reference", "person_id", "WARNING", 2315, 173,
            "person_id has no (valid) release"));
    Meta meta = new Meta(AS_OF, 12, 6, 10, false, 60, 90, List.of(new Mou("MOU-1", "MoU Kerja & <Sertifikasi>", "Kanwil; Disnaker",
        LocalDate.of(2025, 10, 19))));
    return new ReportData(meta, effects, survival, cohorts, dose, participation, quality);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void indonesianNumbers_useADecimalComma_andEnglishADecimalPoint() {
    Texts id = new Texts(Language.ID);
    Texts en = new Texts(Language.EN);
    assertEquals("21,3%", id.percent(0.213));
    assertEquals("21.3%", en.percent(0.213));
    assertEquals("2.999", id.count(2999L));
    assertEquals("1,234,567", en.count(1234567L));
    assertEquals("\u22128,7", id.points(-0.087));
    assertEquals("+2.0", en.points(0.02));
    assertEquals("0,0", id.points(-0.0001), "a difference that rounds to zero has no sign");
    assertEquals("\u22128,7 poin persen (95%: \u221215,7 s.d. \u22126,7)", id.pointsWithInterval(-0.087, -0.157, -0.067));
    assertEquals("< 0,001", id.pValue(0.00001));
    assertEquals("19 Oktober 2025", id.date(LocalDate.of(2025, 10, 19)));
    assertEquals("19 October 2025", en.date(LocalDate.of(2025, 10, 19)));
  }

  @Test
  void nullValues_areWrittenSuppressed_neverZero() {
    Texts id = new Texts(Language.ID);
    assertEquals("disembunyikan", id.percent(null));
    assertEquals("disembunyikan", id.count(null));
    assertEquals("suppressed", new Texts(Language.EN).points(null));
  }

  @Test
  void suppressedEffect_showsSuppressed_inItsCard_andAsAHatchedRowInTheForestPlot() {
    String html = ReportWriter.render(data(), Language.ID);
    int card = html.indexOf("<h4>MoU Kerja &amp; &lt;Sertifikasi&gt;");
    assertTrue(card > 0, "the MoU's card");
    String mouCard = html.substring(card, html.indexOf("</article>", card));
    assertTrue(mouCard.contains("Data belum cukup"), mouCard);
    assertTrue(count(mouCard, "class=\"suppressed\"[^>]*>disembunyikan<") >= 5, "five suppressed values: " + mouCard);
    assertFalse(mouCard.contains(">0,0%<") || mouCard.contains(">0<"), "no zero stands in for a suppressed value");
    assertTrue(html.contains("<g class=\"mark suppressed\"><title>MoU Kerja &amp; &lt;Sertifikasi&gt; (MoU"),
        "hatched row in the forest plot");
    assertTrue(html.contains("-hatch)\""), "hatch pattern used");
  }

  @Test
  void suppressedDoseBand_isAHatchedBar_andTheSuppressedCohortIsHatched_notPlottedAtZero() {
    String html = ReportWriter.render(data(), Language.EN);
    assertTrue(html.contains("<g class=\"mark suppressed\"><title>1-19: suppressed</title>"), "hatched dose bar");
    assertTrue(html.contains("<g class=\"mark point\"><title>MoU program participants, 2021-Q1: 15.7% (11/70)</title>"),
        "2021-Q1 sums both facilities");
    assertFalse(html.contains("2021-Q2: "), "2021-Q2 has a suppressed facility cell: no point");
    assertFalse(html.contains("2026-Q2: "), "2026-Q2 is not yet eligible: no point");
    assertTrue(html.contains("not yet complete"), "the legend names incomplete cohorts");
  }

  @Test
  void everyText_fromTheInputs_isEscaped() {
    for (Language lang : Language.values()) {
      String html = ReportWriter.render(data(), lang);
      assertFalse(html.contains("<script"), lang + ": no script element, even from a program name");
      assertTrue(html.contains("Pelatihan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Kopi&quot;"), lang.name());
      assertFalse(html.contains("<Sertifikasi>"), lang.name());
    }
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.esc("<a href=\"x\">&'"));
  }

  @Test
  void indonesianAndEnglish_useTheirOwnLabels_andSentences() {
    String id = ReportWriter.render(data(), Language.ID);
    String en = ReportWriter.render(data(), Language.EN);
    assertTrue(id.startsWith("<!DOCTYPE html>\n<html lang=\"id\">"));
    assertTrue(en.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    assertTrue(id.contains("Menurunkan pengulangan tindak pidana") && id.contains("Data per <b>30 September 2026</b>")
        && id.contains("Cara membaca angka-angka ini") && id.contains("Kalimat untuk"), "Indonesian");
    assertTrue(en.contains("Reduced reoffending") && en.contains("Data as of <b>30 September 2026</b>")
        && en.contains("How to read these numbers") && en.contains("Sentence for"), "English");
    assertFalse(id.contains("Sentence for"), "the Indonesian report shows statement_id");
    assertFalse(en.contains("Kalimat untuk"), "the English report shows statement_en");
    assertTrue(id.contains("\u22128,7 poin persen (95%: \u221215,7 s.d. \u22126,7)"), "ID difference with interval");
    assertTrue(en.contains("\u22128.7 percentage points (95%: \u221215.7 to \u22126.7)"), "EN difference with interval");
    assertTrue(id.contains("2.999</b> catatan pembebasan") && en.contains("2,999</b> release records"), "releases kept");
  }

  @Test
  void everyChart_isAnSvgWithClassChart_andDrawnMarks_andNoScriptOrExternalResource() {
    String html = ReportWriter.render(data(), Language.ID);
    Matcher svg = Pattern.compile("<svg class=\"chart\"(.*?)</svg>", Pattern.DOTALL).matcher(html);
    int charts = 0;
    while (svg.find()) {
      charts++;
      String body = svg.group(1);
      assertTrue(count(body, "class=\"mark") > 0, "a data mark in " + body.substring(0, 80));
      assertTrue(count(body, "<(path|rect|circle|line)") > 0);
    }
    assertEquals(6, charts, "forest, survival, cohorts, two dose charts, enrolment");
    assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=") || html.contains("@import")
        || html.contains("url(http"), "self-contained");
    assertTrue(html.contains("@media print") && html.contains("size: A4"), "A4 print styles");
  }

  @Test
  void participation_isAtLeastThePublishedSum_whenQuartersAreSuppressed() {
    String html = ReportWriter.render(data(), Language.ID);
    assertTrue(html.contains("\u2265 40 (1 kuartal disembunyikan)"), "lower bound with the hidden quarters named");
    int row = html.indexOf("<tr><td>Pelatihan &lt;script&gt;");
    String tr = html.substring(row, html.indexOf("</tr>", row));
    assertTrue(tr.contains("class=\"suppressed\""), "completion rate suppressed: " + tr);
  }

  @Test
  void participationHours_areALowerBound_whenAQuarterWithholdsOnlyTheHours() {
    // PRG-B: 2021-Q1 20 enrolled, all completed, 400 h; 2021-Q2 no enrolment, and training of
    // a few attendees whose hours the table withholds. The counts are exact, the hours are not.
    ReportData d = data();
    List<Participation> rows = new ArrayList<>(d.participation());
    rows.add(new Participation("PRG-B", null, "Kursus Menjahit", "KEMANDIRIAN", "IN_CUSTODY", "2021-Q1",
        20L, 20L, 20L, 400.0, 0L, false));
    rows.add(new Participation("PRG-B", null, "Kursus Menjahit", "KEMANDIRIAN", "IN_CUSTODY", "2021-Q2",
        0L, 0L, 0L, null, 0L, true));
    String html = ReportWriter.render(new ReportData(d.meta(), d.effects(), d.survival(), d.cohorts(), d.dose(),
        rows, d.quality()), Language.EN);
    int row = html.indexOf("<tr><td>Kursus Menjahit");
    String tr = html.substring(row, html.indexOf("</tr>", row));
    assertTrue(tr.contains("<td class=\"num\">20</td><td class=\"num\">20</td>"), "exact counts: " + tr);
    assertTrue(tr.contains("<td class=\"num\">\u2265 400</td><td class=\"num\">1</td>"), "hours a lower bound: " + tr);
    assertFalse(tr.contains("class=\"suppressed\""), "completion rate exact: " + tr);
  }

  @Test
  void runOptions_reachTheText_minTreatedLandmarkAndArrests() {
    ReportData d = data();
    String defaults = ReportWriter.render(d, Language.EN);
    assertTrue(defaults.contains("Fewer than 60 participants"), "the verdict's minimum");
    assertTrue(defaults.contains("within 90 days of release"), "the landmark");
    assertTrue(defaults.contains("counts proven reoffending"), "proven offences by default");
    Meta m = d.meta();
    Meta options = new Meta(m.asOf(), m.headlineWindow(), m.waitingMonths(), m.minCell(), true, 30, 60, m.mous());
    String html = ReportWriter.render(new ReportData(options, d.effects(), d.survival(), d.cohorts(), d.dose(),
        d.participation(), d.quality()), Language.EN);
    assertTrue(html.contains("Fewer than 30 participants"), "--min-treated 30");
    assertTrue(html.contains("at least 30 participants and a comparison of effective size at least 30"), "both minimums");
    assertTrue(html.contains("within 60 days of release"), "--landmark-days 60");
    assertFalse(html.contains("proven"), "with --count-arrests an arrest is not a proven offence");
  }

  @Test
  void dataQuality_countsQuarantineAndWarnings_perDataset() {
    String html = ReportWriter.render(data(), Language.ID);
    assertTrue(html.contains("<tr><td>pembebasan (releases)</td><td class=\"num\">3.005</td><td class=\"num\">6</td>"
        + "<td class=\"num\">0</td></tr>"), "releases row");
    assertTrue(html.contains("<td class=\"num\">2.315</td><td class=\"num\">0</td><td class=\"num\">173</td>"), "warnings");
    assertTrue(html.contains("sex: kode tidak dikenal"), "the rule in Indonesian");
  }

  @Test
  void ticks_areRoundNumbers_coveringTheRange() {
    assertEquals(List.of(-0.1, -0.05, 0.0, 0.05, 0.1), Svg.ticks(-0.1, 0.1, 4));
    assertEquals(List.of(0.0, 0.1, 0.2, 0.3), Svg.ticks(0, 0.3, 3));
    assertEquals("12.5", Svg.n(12.46));
    assertEquals("12", Svg.n(12.01));
  }
}
