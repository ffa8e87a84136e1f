package id.reintegrasi.report;

import id.reintegrasi.report.ReportData.Dose;
import id.reintegrasi.report.ReportData.SurvivalPoint;
import id.reintegrasi.report.Svg.Key;
import id.reintegrasi.report.Svg.Scale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The report's charts as inline SVG. Every chart draws a suppressed value as a hatched mark
 * named in its legend, never as a zero-length bar or a point at zero.
 */
final class Charts {
  private static final String GOOD = "#2e7d32";
  private static final String BAD = "#c62828";
  private static final String UNSURE = "#8a8a8a";
  private static final Map<String, String> GROUP_COLORS = Map.of(
      "MOU_PARTICIPANT", Svg.TREATED, "OTHER_PARTICIPANT", Svg.COMPARISON, "NON_PARTICIPANT", "#4a8a4a");

  private Charts() {}

  static String verdictColor(String verdict) {
    if (verdict == null) {
      return UNSURE;
    }
    return switch (verdict) {
      case "REDUCED" -> GOOD;
      case "INCREASED" -> BAD;
      case "NO_SIGNIFICANT_DIFFERENCE" -> Svg.TREATED;
      default -> UNSURE;
    };
  }

  /** One row of the forest plot: a subject's matched and naive differences with their intervals. */
  record ForestRow(String label, String sublabel, Double diff, Double low, Double high, Double naive,
      Double naiveLow, Double naiveHigh, String verdict) {}

  /** Matched (dot) and naive (diamond) differences of the reoffence rate, with 95% intervals, one row per subject. */
  static String forest(String id, String title, List<ForestRow> rows, Texts t) {
    int left = 390;
    int right = 880;
    int top = 74;
    int rowH = 38;
    int height = top + rows.size() * rowH + 70;
    Svg svg = new Svg(id, 900, height, title);
    svg.legend(20, 22, List.of(new Key("dot", Svg.TREATED, t.s("Selisih setelah pencocokan (selang 95%)",
        "Matched difference (95% interval)")), new Key("diamond", Svg.NAIVE, t.s("Selisih naif (tanpa pencocokan)",
        "Naive difference (unmatched)")), new Key("hatch", null, t.suppressed())));
    svg.text(20, 46, t.s("Warna titik:", "Dot colour:"), "start", null);
    svg.legend(110, 46, List.of(new Key("dot", GOOD, t.s("menurun", "reduced")), new Key("dot", BAD,
        t.s("meningkat", "increased")), new Key("dot", Svg.TREATED, t.s("tidak bermakna", "not significant")),
        new Key("dot", UNSURE, t.s("data belum cukup", "insufficient data"))));
    double lo = 0;
    double hi = 0;
    for (ForestRow r : rows) {
      for (Double v : new Double[] {r.low(), r.high(), r.naiveLow(), r.naiveHigh(), r.diff(), r.naive()}) {
        if (v != null) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    double pad = Math.max(0.02, (hi - lo) * 0.08);
    lo -= pad;
    hi += pad;
    Scale x = new Scale(lo, hi, left, right);
    double bottom = top + rows.size() * rowH;
    for (double tick : Svg.ticks(lo, hi, 8)) {
      double px = x.at(tick);
      svg.line(px, top, px, bottom, tick == 0 ? Svg.AXIS : Svg.GRID, tick == 0 ? 1.5 : 1, null);
      svg.text(px, bottom + 18, pointsTick(tick, t), "middle", null);
    }
    svg.line(left, bottom, right, bottom, Svg.AXIS, 1, null);
    svg.text((left + right) / 2.0, bottom + 38, t.s("Selisih tingkat pengulangan (poin persen): peserta dikurangi pembanding",
        "Difference in reoffence rate (percentage points): participants minus comparison"), "middle", "font-weight=\"bold\"");
    svg.text(left, bottom + 56, t.s("\u2190 peserta lebih sedikit mengulangi", "\u2190 participants reoffended less"),
        "start", "fill-opacity=\"0.8\"");
    svg.text(right, bottom + 56, t.s("peserta lebih banyak mengulangi \u2192", "participants reoffended more \u2192"),
        "end", "fill-opacity=\"0.8\"");
    for (int i = 0; i < rows.size(); i++) {
      ForestRow r = rows.get(i);
      double y = top + i * rowH + rowH / 2.0;
      if (i % 2 == 0) {
        svg.rect(0, y - rowH / 2.0, 900, rowH, "#f6f8fb", null);
      }
      svg.text(left - 12, y - 2, Svg.shorten(r.label(), 48), "end", "font-weight=\"bold\"");
      svg.text(left - 12, y + 13, r.sublabel(), "end", "font-size=\"10.5\" fill-opacity=\"0.75\"");
      String name = r.label() + " (" + r.sublabel() + ")";
      if (r.diff() == null) {
        svg.group("mark suppressed", name + ": " + t.suppressed());
        svg.rect(left, y - 9, right - left, 14, svg.hatch(), "stroke=\"#9a9a9a\" stroke-width=\"0.6\"");
        svg.text((left + right) / 2.0, y + 2, t.suppressed(), "middle", "font-size=\"11\" font-weight=\"bold\"");
        svg.end();
      } else {
        String color = verdictColor(r.verdict());
        svg.group("mark matched", name + ": " + t.pointsWithInterval(r.diff(), r.low(), r.high()));
        if (r.low() != null && r.high() != null) {
          svg.line(x.at(r.low()), y - 4, x.at(r.high()), y - 4, color, 2.5, null);
          svg.line(x.at(r.low()), y - 9, x.at(r.low()), y + 1, color, 2, null);
          svg.line(x.at(r.high()), y - 9, x.at(r.high()), y + 1, color, 2, null);
        }
        svg.circle(x.at(r.diff()), y - 4, 6, color, "stroke=\"#ffffff\" stroke-width=\"1.5\"");
        svg.end();
      }
      if (r.naive() != null) {
        svg.group("mark naive", name + ", " + t.s("naif", "naive") + ": "
            + t.pointsWithInterval(r.naive(), r.naiveLow(), r.naiveHigh()));
        if (r.naiveLow() != null && r.naiveHigh() != null) {
          svg.line(x.at(r.naiveLow()), y + 9, x.at(r.naiveHigh()), y + 9, Svg.NAIVE, 1.4, "stroke-dasharray=\"4 3\"");
        }
        svg.diamond(x.at(r.naive()), y + 9, 5.5, "#ffffff", Svg.NAIVE, null);
        svg.end();
      }
    }
    return svg.close();
  }

  private static String pointsTick(double v, Texts t) {
    String s = t.decimal(Math.abs(v * 100), Math.abs(v * 100 - Math.rint(v * 100)) < 1e-6 ? 0 : 1);
    return v == 0 ? "0" : (v < 0 ? Texts.MINUS : "+") + s;
  }

  /** Kaplan-Meier curves of participants and weighted comparison, with their 95% bands. */
  static String survival(String id, String title, List<SurvivalPoint> points, Texts t) {
    int left = 70;
    int right = 880;
    int top = 40;
    int bottom = 290;
    Svg svg = new Svg(id, 900, 345, title);
    List<SurvivalPoint> treated = curve(points, "TREATED");
    List<SurvivalPoint> comparison = curve(points, "COMPARISON");
    int maxDay = points.stream().mapToInt(SurvivalPoint::day).max().orElse(365);
    double minY = 1;
    for (SurvivalPoint p : points) {
      if (p.survival() != null) {
        minY = Math.min(minY, p.ciLow() != null ? p.ciLow() : p.survival());
      }
    }
    double lo = Math.max(0, Math.floor((minY - 0.02) * 10) / 10);
    Scale x = new Scale(0, maxDay, left, right);
    Scale y = new Scale(lo, 1, bottom, top);
    for (double tick : Svg.ticks(lo, 1, 5)) {
      svg.line(left, y.at(tick), right, y.at(tick), Svg.GRID, 1, null);
      svg.text(left - 8, y.at(tick) + 4, t.decimal(tick * 100, 0) + "%", "end", null);
    }
    int stepMonths = maxDay > 800 ? 6 : maxDay > 300 ? 3 : 1;
    for (int m = 0; m * 30.4375 <= maxDay + 1; m += stepMonths) {
      double px = x.at(m * 30.4375);
      svg.line(px, bottom, px, bottom + 5, Svg.AXIS, 1, null);
      svg.text(px, bottom + 19, Integer.toString(m), "middle", null);
    }
    svg.line(left, bottom, right, bottom, Svg.AXIS, 1, null);
    svg.line(left, top, left, bottom, Svg.AXIS, 1, null);
    svg.text((left + right) / 2.0, bottom + 38, t.s("Bulan sejak awal pemantauan (bebas)", "Months since the start of follow-up (release)"),
        "middle", null);
    svg.text(left - 58, top - 14, t.s("Belum mengulangi tindak pidana", "Not yet reoffended"), "start", "font-weight=\"bold\"");
    // Days whose survival is suppressed, for either group: hatched, so a gap is never read as a drop.
    for (List<SurvivalPoint> c : List.of(treated, comparison)) {
      for (int i = 0; i < c.size(); i++) {
        if (c.get(i).survival() == null) {
          double from = x.at(i == 0 ? c.get(i).day() : c.get(i - 1).day());
          double to = x.at(i + 1 < c.size() ? c.get(i + 1).day() : c.get(i).day());
          svg.rect(from, top, Math.max(2, to - from), bottom - top, svg.hatch(),
              "class=\"mark suppressed\" fill-opacity=\"0.55\"");
        }
      }
    }
    band(svg, comparison, x, y, Svg.COMPARISON);
    band(svg, treated, x, y, Svg.TREATED);
    step(svg, comparison, x, y, Svg.COMPARISON, "stroke-dasharray=\"7 4\"");
    step(svg, treated, x, y, Svg.TREATED, null);
    if (treated.stream().allMatch(p -> p.survival() == null) && comparison.stream().allMatch(p -> p.survival() == null)) {
      svg.rect(left, top, right - left, bottom - top, svg.hatch(), "class=\"mark suppressed\"");
      svg.text((left + right) / 2.0, (top + bottom) / 2.0, t.suppressed(), "middle", "font-weight=\"bold\"");
    }
    svg.legend(left + 190, top - 14, List.of(new Key("line", Svg.TREATED, t.group("TREATED")),
        new Key("dashed", Svg.COMPARISON, t.group("COMPARISON")), new Key("band", Svg.TREATED, t.s("pita 95%", "95% band")),
        new Key("hatch", null, t.suppressed())));
    return svg.close();
  }

  private static List<SurvivalPoint> curve(List<SurvivalPoint> points, String group) {
    return points.stream().filter(p -> p.group().equals(group)).sorted(Comparator.comparingInt(SurvivalPoint::day)).toList();
  }

  /** A step function through the published points; a suppressed point breaks the line. */
  private static void step(Svg svg, List<SurvivalPoint> c, Scale x, Scale y, String color, String extra) {
    StringBuilder d = new StringBuilder();
    SurvivalPoint prev = null;
    for (SurvivalPoint p : c) {
      if (p.survival() == null) {
        prev = null;
        continue;
      }
      if (prev == null) {
        d.append('M').append(Svg.n(x.at(p.day()))).append(',').append(Svg.n(y.at(p.survival())));
      } else {
        d.append('H').append(Svg.n(x.at(p.day()))).append('V').append(Svg.n(y.at(p.survival())));
      }
      prev = p;
    }
    if (d.length() > 0) {
      svg.path(d.toString(), "none", color, 2.6, "class=\"mark curve\"" + (extra == null ? "" : " " + extra));
    }
  }

  /** The Greenwood band as one closed step shape per run of published points. */
  private static void band(Svg svg, List<SurvivalPoint> c, Scale x, Scale y, String color) {
    List<SurvivalPoint> run = new ArrayList<>();
    for (SurvivalPoint p : c) {
      if (p.survival() == null || p.ciLow() == null || p.ciHigh() == null) {
        bandRun(svg, run, x, y, color);
        run.clear();
      } else {
        run.add(p);
      }
    }
    bandRun(svg, run, x, y, color);
  }

  private static void bandRun(Svg svg, List<SurvivalPoint> run, Scale x, Scale y, String color) {
    if (run.size() < 2) {
      return;
    }
    StringBuilder d = new StringBuilder("M").append(Svg.n(x.at(run.get(0).day()))).append(',')
        .append(Svg.n(y.at(run.get(0).ciHigh())));
    for (int i = 1; i < run.size(); i++) {
      d.append('H').append(Svg.n(x.at(run.get(i).day()))).append('V').append(Svg.n(y.at(run.get(i).ciHigh())));
    }
    d.append('V').append(Svg.n(y.at(run.get(run.size() - 1).ciLow())));
    for (int i = run.size() - 1; i > 0; i--) {
      d.append('H').append(Svg.n(x.at(run.get(i - 1).day()))).append('V').append(Svg.n(y.at(run.get(i - 1).ciLow())));
    }
    svg.path(d.append('Z').toString(), color, "none", 0, "fill-opacity=\"0.13\" class=\"band\"");
  }

  /** Reoffence rate by release cohort, one line per group; status strips below show suppressed and too-recent cohorts. */
  static String cohortTrend(String id, String title, List<String> cohorts, Map<String, List<CohortTrend.Point>> series,
      Texts t) {
    int left = 70;
    int right = 880;
    int top = 62;
    int bottom = 280;
    List<String> groups = new ArrayList<>(List.of("MOU_PARTICIPANT", "OTHER_PARTICIPANT", "NON_PARTICIPANT"));
    series.keySet().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
    groups.removeIf(g -> !series.containsKey(g));
    int stripTop = bottom + 46;
    Svg svg = new Svg(id, 900, stripTop + groups.size() * 16 + 12, title);
    double max = 0.1;
    for (List<CohortTrend.Point> s : series.values()) {
      for (CohortTrend.Point p : s) {
        if (p.rate() != null) {
          max = Math.max(max, p.rate());
        }
      }
    }
    List<Double> yTicks = Svg.ticks(0, max, 5);
    double hi = Math.max(max, yTicks.get(yTicks.size() - 1));
    Scale y = new Scale(0, hi, bottom, top);
    double band = (right - left) / (double) Math.max(1, cohorts.size());
    for (double tick : yTicks) {
      svg.line(left, y.at(tick), right, y.at(tick), Svg.GRID, 1, null);
      svg.text(left - 8, y.at(tick) + 4, t.decimal(tick * 100, 0) + "%", "end", null);
    }
    svg.line(left, bottom, right, bottom, Svg.AXIS, 1, null);
    for (int i = 0; i < cohorts.size(); i++) {
      String c = cohorts.get(i);
      double cx = left + band * (i + 0.5);
      if (c.endsWith("Q1") || cohorts.size() <= 12) {
        svg.line(cx, bottom, cx, bottom + 5, Svg.AXIS, 1, null);
        svg.text(cx, bottom + 19, cohorts.size() <= 12 ? c : c.substring(0, 4), "middle", null);
      }
    }
    svg.text(left - 58, top - 14, t.s("Tingkat pengulangan", "Reoffence rate"), "start", "font-weight=\"bold\"");
    List<Key> keys = new ArrayList<>();
    for (String g : groups) {
      keys.add(new Key("line", GROUP_COLORS.getOrDefault(g, Svg.NAIVE), t.group(g)));
    }
    svg.legend(left + 130, top - 14, keys);
    svg.legend(left + 130, top - 36, List.of(new Key("hatch", null, t.suppressed()),
        new Key("empty", null, t.s("belum lengkap (pemantauan belum selesai)", "not yet complete (follow-up still running)"))));
    for (int gi = 0; gi < groups.size(); gi++) {
      String g = groups.get(gi);
      String color = GROUP_COLORS.getOrDefault(g, Svg.NAIVE);
      Map<String, CohortTrend.Point> byCohort = new java.util.HashMap<>();
      series.get(g).forEach(p -> byCohort.put(p.cohort(), p));
      StringBuilder d = new StringBuilder();
      boolean open = false;
      double sy = stripTop + gi * 16;
      svg.text(left - 8, sy + 10, t.groupShort(g), "end", "font-size=\"10\"");
      for (int i = 0; i < cohorts.size(); i++) {
        CohortTrend.Point p = byCohort.get(cohorts.get(i));
        double cx = left + band * (i + 0.5);
        if (p == null || p.rate() == null) {
          open = false;
          if (p != null && p.state() == CohortTrend.State.SUPPRESSED) {
            svg.rect(left + band * i + 1, sy, band - 2, 12, svg.hatch(), "class=\"mark suppressed\"");
          } else if (p != null) {
            svg.rect(left + band * i + 1, sy, band - 2, 12, "#ffffff", "stroke=\"#bbbbbb\" stroke-dasharray=\"2 2\"");
          }
          continue;
        }
        svg.rect(left + band * i + 1, sy, band - 2, 12, color, "fill-opacity=\"0.85\"");
        d.append(open ? 'L' : 'M').append(Svg.n(cx)).append(',').append(Svg.n(y.at(p.rate())));
        open = true;
      }
      if (d.length() > 0) {
        svg.path(d.toString(), "none", color, 2.2, "class=\"mark line\"");
      }
      for (int i = 0; i < cohorts.size(); i++) {
        CohortTrend.Point p = byCohort.get(cohorts.get(i));
        if (p != null && p.rate() != null) {
          svg.group("mark point", t.group(g) + ", " + cohorts.get(i) + ": " + t.percent(p.rate()) + " ("
              + t.count(p.reoffended()) + "/" + t.count(p.eligible()) + ")");
          svg.circle(left + band * (i + 0.5), y.at(p.rate()), 3.6, color, null);
          svg.end();
        }
      }
    }
    svg.text(left, stripTop - 8, t.s("Status per kohort:", "Status per cohort:"), "start", "font-size=\"10.5\" fill-opacity=\"0.8\"");
    boolean anyRate = series.values().stream().flatMap(List::stream).anyMatch(p -> p.rate() != null);
    if (!anyRate) {
      svg.text((left + right) / 2.0, (top + bottom) / 2.0, t.s("Tidak ada kohort yang dapat ditampilkan: semua disembunyikan "
          + "atau belum lengkap (lihat status di bawah).", "No cohort can be shown: all are suppressed or not yet complete "
          + "(see the status below)."), "middle", "font-weight=\"bold\" fill-opacity=\"0.8\"");
    }
    return svg.close();
  }

  /** Reoffence rate per dose band, with Wilson intervals; suppressed bands are hatched. */
  static String doseBars(String id, String title, List<Dose> bands, Texts t) {
    int left = 56;
    int right = 430;
    int top = 44;
    int bottom = 212;
    Svg svg = new Svg(id, 440, 284, title);
    double max = 0.1;
    for (Dose d : bands) {
      if (d.rate() != null) {
        max = Math.max(max, d.ciHigh() != null ? d.ciHigh() : d.rate());
      }
    }
    List<Double> yTicks = Svg.ticks(0, max, 4);
    Scale y = new Scale(0, Math.max(max, yTicks.get(yTicks.size() - 1)), bottom, top);
    for (double tick : yTicks) {
      svg.line(left, y.at(tick), right, y.at(tick), Svg.GRID, 1, null);
      svg.text(left - 6, y.at(tick) + 4, t.decimal(tick * 100, 0) + "%", "end", null);
    }
    svg.text(8, 18, Svg.shorten(title, 62), "start", "font-weight=\"bold\"");
    double slot = (right - left) / (double) Math.max(1, bands.size());
    double w = Math.min(54, slot * 0.62);
    for (int i = 0; i < bands.size(); i++) {
      Dose d = bands.get(i);
      double cx = left + slot * (i + 0.5);
      String label = t.band(d.band());
      svg.text(cx, bottom + 16, Svg.shorten(label, (int) (slot / 6.6)), "middle", "font-size=\"11\"");
      svg.text(cx, bottom + 30, d.rate() == null ? "\u2013" : t.percent(d.rate()), "middle",
          "font-size=\"11\" font-weight=\"bold\"");
      svg.text(cx, bottom + 43, "n = " + (d.eligible() == null ? "–" : t.count(d.eligible())), "middle",
          "font-size=\"10\" fill-opacity=\"0.75\"");
      if (d.rate() == null) {
        svg.group("mark suppressed", label + ": " + t.suppressed());
        svg.rect(cx - w / 2, top + 20, w, bottom - top - 20, svg.hatch(), "stroke=\"#9a9a9a\" stroke-width=\"0.6\"");
        svg.text(cx, top + 14, "–", "middle", null);
        svg.end();
        continue;
      }
      svg.group("mark bar", label + ": " + t.percent(d.rate()) + " (" + t.count(d.reoffended()) + "/" + t.count(d.eligible()) + ")");
      svg.rect(cx - w / 2, y.at(d.rate()), w, bottom - y.at(d.rate()), Svg.TREATED, "fill-opacity=\"0.85\"");
      if (d.ciLow() != null && d.ciHigh() != null) {
        svg.line(cx, y.at(d.ciLow()), cx, y.at(d.ciHigh()), Svg.TEXT, 1.3, null);
        svg.line(cx - 5, y.at(d.ciHigh()), cx + 5, y.at(d.ciHigh()), Svg.TEXT, 1.3, null);
        svg.line(cx - 5, y.at(d.ciLow()), cx + 5, y.at(d.ciLow()), Svg.TEXT, 1.3, null);
      }
      svg.end();
    }
    svg.line(left, bottom, right, bottom, Svg.AXIS, 1, null);
    svg.legend(left, 278, List.of(new Key("rect", Svg.TREATED, t.s("tingkat pengulangan", "reoffence rate")),
        new Key("hatch", null, t.suppressed())));
    return svg.close();
  }

  /** One horizontal bar per program: published enrollments, with a hatched stub when quarters are hidden. */
  record EnrolBar(String label, long published, int hiddenQuarters) {}

  static String enrolment(String id, String title, List<EnrolBar> bars, Texts t) {
    int left = 340;
    int right = 760;
    int top = 40;
    int rowH = 24;
    Svg svg = new Svg(id, 900, top + bars.size() * rowH + 46, title);
    long max = Math.max(10, bars.stream().mapToLong(EnrolBar::published).max().orElse(10));
    List<Double> ticks = Svg.ticks(0, max, 5);
    Scale x = new Scale(0, Math.max(max, ticks.get(ticks.size() - 1)), left, right);
    double bottom = top + bars.size() * rowH;
    for (double tick : ticks) {
      svg.line(x.at(tick), top, x.at(tick), bottom, Svg.GRID, 1, null);
      svg.text(x.at(tick), bottom + 16, t.count((long) tick), "middle", null);
    }
    svg.line(left, top, left, bottom, Svg.AXIS, 1, null);
    svg.text((left + right) / 2.0, bottom + 36, t.s("Pendaftaran (jumlah dari kuartal yang dipublikasikan)",
        "Enrolments (sum of published quarters)"), "middle", null);
    svg.legend(20, 22, List.of(new Key("rect", Svg.TREATED, t.s("terdaftar", "enrolled")),
        new Key("hatch", null, t.s("ada kuartal yang disembunyikan", "some quarters suppressed"))));
    for (int i = 0; i < bars.size(); i++) {
      EnrolBar b = bars.get(i);
      double y = top + i * rowH;
      svg.text(left - 10, y + rowH / 2.0 + 4, Svg.shorten(b.label(), 46), "end", null);
      String value = (b.hiddenQuarters() > 0 ? "\u2265 " : "") + t.count(b.published())
          + (b.hiddenQuarters() > 0 ? " (" + b.hiddenQuarters() + t.s(" kuartal disembunyikan)", " quarters suppressed)") : "");
      svg.group("mark bar", b.label() + ": " + value);
      double end = x.at(b.published());
      if (b.published() > 0) {
        svg.rect(left, y + 5, end - left, rowH - 10, Svg.TREATED, "fill-opacity=\"0.85\"");
      }
      if (b.hiddenQuarters() > 0) {
        svg.rect(end, y + 5, 22, rowH - 10, svg.hatch(), "class=\"suppressed\" stroke=\"#9a9a9a\" stroke-width=\"0.6\"");
        end += 22;
      }
      svg.text(end + 6, y + rowH / 2.0 + 4, value, "start", "font-size=\"11\"");
      svg.end();
    }
    return svg.close();
  }
}
