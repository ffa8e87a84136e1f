package id.reintegrasi.report;

import id.reintegrasi.report.ReportData.CohortCell;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reoffence rates by release cohort and group, all facilities together, from the published
 * per-facility cells. A sum is exact only when none of its cells was suppressed: one hidden
 * cell makes the whole cohort "suppressed" rather than a rate computed from the visible part.
 */
final class CohortTrend {
  enum State { RATE, SUPPRESSED, NOT_YET_ELIGIBLE }

  record Point(String cohort, State state, Long eligible, Long reoffended) {
    Double rate() {
      return state == State.RATE && eligible > 0 ? (double) reoffended / eligible : null;
    }
  }

  private CohortTrend() {}

  /** The cohorts (quarters, "2023-Q2") found in the cells, in time order. */
  static List<String> cohorts(List<CohortCell> cells) {
    TreeSet<String> all = new TreeSet<>();
    cells.forEach(c -> all.add(c.cohort()));
    return List.copyOf(all);
  }

  /** Per group, one point per cohort that has any release of that group. */
  static Map<String, List<Point>> byGroup(List<CohortCell> cells, LocalDate asOf, int windowMonths, int waitingMonths) {
    Map<String, Map<String, List<CohortCell>>> grouped = new TreeMap<>();
    for (CohortCell c : cells) {
      grouped.computeIfAbsent(c.group(), g -> new TreeMap<>()).computeIfAbsent(c.cohort(), k -> new ArrayList<>()).add(c);
    }
    Map<String, List<Point>> series = new TreeMap<>();
    grouped.forEach((group, byCohort) -> {
      List<Point> points = new ArrayList<>();
      byCohort.forEach((cohort, list) -> points.add(point(cohort, list, asOf, windowMonths, waitingMonths)));
      series.put(group, points);
    });
    return series;
  }

  private static Point point(String cohort, List<CohortCell> cells, LocalDate asOf, int window, int waiting) {
    // A cohort none of whose releases can have completed window + waiting period by the as-of
    // date has no rate yet, suppressed cells or not.
    if (quarterStart(cohort).plusMonths(window + waiting).isAfter(asOf)) {
      return new Point(cohort, State.NOT_YET_ELIGIBLE, null, null);
    }
    long eligible = 0;
    long reoffended = 0;
    for (CohortCell c : cells) {
      if (c.eligible() == null || c.reoffended() == null) {
        return new Point(cohort, State.SUPPRESSED, null, null);
      }
      eligible += c.eligible();
      reoffended += c.reoffended();
    }
    return eligible == 0 ? new Point(cohort, State.NOT_YET_ELIGIBLE, 0L, 0L)
        : new Point(cohort, State.RATE, eligible, reoffended);
  }

  /** The first day of a cohort such as "2023-Q2". */
  static LocalDate quarterStart(String cohort) {
    int year = Integer.parseInt(cohort.substring(0, 4));
    int quarter = Integer.parseInt(cohort.substring(cohort.length() - 1));
    return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
  }
}
