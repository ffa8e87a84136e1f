package id.reintegrasi.generate;

import id.reintegrasi.generate.Catalogue.Facility;
import id.reintegrasi.generate.PersonHistory.Enrollment;
import id.reintegrasi.generate.PersonHistory.Event;
import id.reintegrasi.generate.PersonHistory.Followup;
import id.reintegrasi.generate.PersonHistory.Release;
import id.reintegrasi.generate.PersonHistory.Session;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Plants {@code --bad-rows K} deliberately bad rows: the first K kinds below in this order (cycling
 * when K is larger), each an extra row that breaks exactly one contract rule. Rows that need a
 * person copy that person's real row (so only the broken value is odd) and take ids from a high
 * block (R9000001, E9000001, V9000001), so the clean rows are the same whatever K is. They are
 * spread over the stream: the i-th of m person-level kinds goes after roughly i/(m+1) of the
 * releases. Parquet cannot hold a malformed date, so those two kinds are skipped in Parquet runs.
 */
final class BadRows {

  enum Kind {
    RELEASE_BEFORE_ADMISSION(InputDataset.RELEASES, "release_date", "release_date >= admission_date", false),
    TRAINING_HOURS_OVER_24(InputDataset.TRAINING, "hours", "hours is 0..24", false),
    ENROLLMENT_UNKNOWN_PROGRAM(InputDataset.ENROLLMENTS, "program_id", "program_id must exist in programs", false),
    EVENT_RECORDED_BEFORE_OFFENCE(InputDataset.REOFFENCES, "recorded_date", "recorded_date >= offence_date", false),
    FOLLOWUP_DATE_NOT_ISO(InputDataset.FOLLOWUPS, "followup_date", "dates are yyyy-MM-dd", true),
    RELEASE_UNKNOWN_SEX(InputDataset.RELEASES, "sex", "sex is L or P", false),
    TRAINING_UNKNOWN_ATTENDANCE(InputDataset.TRAINING, "attendance", "attendance is PRESENT, EXCUSED or UNEXCUSED", false),
    ENROLLMENT_IMPOSSIBLE_DATE(InputDataset.ENROLLMENTS, "enrolled_date", "a date must exist in the calendar", true),
    RELEASE_IMPLAUSIBLE_BIRTH_YEAR(InputDataset.RELEASES, "birth_year", "age 12..100 at release", false),
    TRAINING_LOWERCASE_CODE(InputDataset.TRAINING, "attendance", "codes are upper case", false),
    RELEASE_DUPLICATE_ID(InputDataset.RELEASES, "release_id", "release_id is unique", false),
    RELEASE_NEGATIVE_SENTENCE(InputDataset.RELEASES, "sentence_months", "sentence_months >= 0", false),
    PROGRAM_UNKNOWN_MOU(InputDataset.PROGRAMS, "mou_id", "mou_id must exist in mous", false),
    ENROLLMENT_EXIT_BEFORE_ENROLLED(InputDataset.ENROLLMENTS, "exit_date", "exit_date >= enrolled_date", false),
    EVENT_UNKNOWN_TYPE(InputDataset.REOFFENCES, "event_type", "event_type is ARREST, CONVICTION or READMISSION", false),
    MOU_END_BEFORE_SIGNED(InputDataset.MOUS, "end_date", "end_date >= signed_date", false);

    final InputDataset dataset;
    final String column;
    final String rule;
    final boolean needsRawText;

    Kind(InputDataset dataset, String column, String rule, boolean needsRawText) {
      this.dataset = dataset;
      this.column = column;
      this.rule = rule;
      this.needsRawText = needsRawText;
    }

    boolean isReference() {
      return dataset == InputDataset.MOUS || dataset == InputDataset.PROGRAMS;
    }
  }

  /** One planted row: where it is, how to find it, and which rule it breaks. */
  record Planted(Kind kind, String location, String key, String value) {
    @Override
    public String toString() {
      return String.format("%-11s %-26s %-22s %-16s %s (rule: %s)", kind.dataset.fileName(), location, key,
          kind.column, value, kind.rule);
    }
  }

  private static final int BAD_ID_BASE = 9_000_000;
  private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private record Pending(Kind kind, long threshold) {}

  private final List<Kind> selected = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private final List<Planted> planted = new ArrayList<>();
  private int nextBadId = 1;
  // The last history that had rows of each kind: the fallback when a run is too small to reach a threshold.
  private PersonHistory lastWithRelease;
  private List<String> lastReleaseIds = List.of();
  private PersonHistory lastWithEnrollment;
  private PersonHistory lastWithSession;
  private PersonHistory lastWithEvent;
  private PersonHistory lastWithFollowup;

  BadRows(int count, boolean rawTextAllowed, int releases) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind k : Kind.values()) {
      if (rawTextAllowed || !k.needsRawText) {
        kinds.add(k);
      }
    }
    for (int i = 0; i < count; i++) {
      selected.add(kinds.get(i % kinds.size()));
    }
    List<Kind> stream = selected.stream().filter(k -> !k.isReference()).toList();
    for (int i = 0; i < stream.size(); i++) {
      pending.add(new Pending(stream.get(i), Math.max(1, (long) (i + 1) * releases / (stream.size() + 1))));
    }
  }

  List<Planted> planted() {
    return planted;
  }

  /** The reference-data kinds: written right after the real mous and programs. */
  void plantReference(OutputFiles out) {
    int round = 0;
    for (Kind k : selected) {
      if (!k.isReference()) {
        continue;
      }
      String suffix = round++ == 0 ? "" : "-" + round;
      RowSink s = out.sink(k.dataset);
      if (k == Kind.MOU_END_BEFORE_SIGNED) {
        String id = "MOU-2023-DINSOS-TEBO" + suffix;
        s.text(id);
        s.text("Rehabilitasi Sosial Mantan Warga Binaan");
        s.text("Kantor Wilayah Kementerian Hukum dan HAM Jambi; Dinas Sosial Kabupaten Tebo");
        s.date(PersonSimulator.day(2023, 5, 22));
        s.date(PersonSimulator.day(2022, 5, 21));
        s.text("1508");
        record(k, s, s.endRow(), "mou_id=" + id, "end_date 2022-05-21 < signed_date 2023-05-22");
      } else {
        String id = "PRG-JMB-SABLON" + suffix;
        s.text(id);
        s.text("Pelatihan Sablon dan Percetakan");
        s.text("KEMANDIRIAN");
        s.text("IN_CUSTODY");
        s.text(Facility.LAPAS_JAMBI.id);
        s.text("Dinas Perindustrian dan Perdagangan Provinsi Jambi");
        s.text("MOU-2018-DISPERINDAG");
        s.date(PersonSimulator.day(2018, 9, 3));
        s.nullValue();
        record(k, s, s.endRow(), "program_id=" + id, "MOU-2018-DISPERINDAG");
      }
    }
  }

  /** Called after each person is written; plants the kinds whose turn has come and that this person can carry. */
  void afterPerson(PersonHistory h, OutputFiles out, long releasesWritten) {
    remember(h, out);
    if (pending.isEmpty() || pending.get(0).threshold > releasesWritten) {
      return;
    }
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.threshold <= releasesWritten && canCarry(p.kind, h)) {
        plant(p.kind, h, out.lastReleaseIds, out);
        it.remove();
      }
    }
  }

  /** Plants what is left (tiny runs) on the last person that had the needed rows. */
  void finish(OutputFiles out) {
    for (Pending p : pending) {
      PersonHistory h = switch (p.kind.dataset) {
        case RELEASES -> lastWithRelease;
        case ENROLLMENTS -> lastWithEnrollment;
        case TRAINING -> lastWithSession;
        case REOFFENCES -> lastWithEvent;
        case FOLLOWUPS -> lastWithFollowup;
        default -> null;
      };
      if (h == null) {
        System.err.println("Not planted (no " + p.kind.dataset.fileName() + " rows to copy in so small a run): " + p.kind);
        continue;
      }
      plant(p.kind, h, lastReleaseIds, out);
    }
    pending.clear();
  }

  private void remember(PersonHistory h, OutputFiles out) {
    if (!h.releases.isEmpty()) {
      lastWithRelease = h;
      lastReleaseIds = List.copyOf(out.lastReleaseIds);
    }
    if (!h.enrollments.isEmpty()) {
      lastWithEnrollment = h;
    }
    if (!h.sessions.isEmpty()) {
      lastWithSession = h;
    }
    if (!h.events.isEmpty()) {
      lastWithEvent = h;
    }
    if (!h.followups.isEmpty()) {
      lastWithFollowup = h;
    }
  }

  private static boolean canCarry(Kind kind, PersonHistory h) {
    return switch (kind.dataset) {
      case RELEASES -> !h.releases.isEmpty();
      case ENROLLMENTS -> !h.enrollments.isEmpty();
      case TRAINING -> !h.sessions.isEmpty();
      case REOFFENCES -> !h.events.isEmpty();
      case FOLLOWUPS -> !h.followups.isEmpty();
      default -> false;
    };
  }

  private void plant(Kind kind, PersonHistory h, List<String> releaseIds, OutputFiles out) {
    RowSink s = out.sink(kind.dataset);
    String person = h.personId;
    switch (kind.dataset) {
      case RELEASES -> {
        Release r = h.releases.get(h.releases.size() - 1);
        String realId = releaseIds.get(releaseIds.size() - 1);
        String id = kind == Kind.RELEASE_DUPLICATE_ID ? realId : badId('R');
        long row;
        String value;
        switch (kind) {
          case RELEASE_BEFORE_ADMISSION -> {
            // The classic entry error: the two dates swapped.
            row = out.release(id, person, r, r.sex(), r.birthYear(), r.sentenceMonths(), r.release(), r.admission());
            value = "release_date " + date(r.admission()) + " < admission_date " + date(r.release()) + " (swapped)";
          }
          case RELEASE_UNKNOWN_SEX -> {
            row = out.release(id, person, r, "X", r.birthYear(), r.sentenceMonths(), r.admission(), r.release());
            value = "sex X";
          }
          case RELEASE_IMPLAUSIBLE_BIRTH_YEAR -> {
            int birthYear = PersonSimulator.year(r.release()) - 3;
            row = out.release(id, person, r, r.sex(), birthYear, r.sentenceMonths(), r.admission(), r.release());
            value = "birth_year " + birthYear + ": age 3 at release " + date(r.release());
          }
          case RELEASE_NEGATIVE_SENTENCE -> {
            row = out.release(id, person, r, r.sex(), r.birthYear(), -6, r.admission(), r.release());
            value = "sentence_months -6";
          }
          default -> {
            row = out.release(id, person, r, r.sex(), r.birthYear(), r.sentenceMonths(), r.admission(), r.release());
            value = "second, identical row of " + realId;
          }
        }
        record(kind, s, row, "release_id=" + id, value);
      }
      case TRAINING -> {
        Session t = h.sessions.get(h.sessions.size() - 1);
        // A make-up session the day after the person's last one: no program meets on two days in a row,
        // so (session_id, person_id) stays unique and only the one value is wrong.
        int day = t.date() + 1;
        String sessionId = PersonSimulator.sessionId(t.program(), day);
        int hours = kind == Kind.TRAINING_HOURS_OVER_24 ? 3000 : t.hours();
        String attendance = switch (kind) {
          case TRAINING_UNKNOWN_ATTENDANCE -> "SAKIT";
          case TRAINING_LOWERCASE_CODE -> "present";
          default -> "PRESENT";
        };
        s.text(sessionId);
        s.text(person);
        s.text(t.program().id());
        s.date(day);
        s.decimal2(hours);
        s.text(attendance);
        s.nullValue();
        String value = kind == Kind.TRAINING_HOURS_OVER_24 ? "hours 30.00" : "attendance " + attendance;
        record(kind, s, s.endRow(), "session_id=" + sessionId + " person_id=" + person, value);
      }
      case ENROLLMENTS -> {
        Enrollment e = h.enrollments.get(h.enrollments.size() - 1);
        String id = badId('E');
        long row;
        String value;
        switch (kind) {
          case ENROLLMENT_UNKNOWN_PROGRAM -> {
            row = out.enrollment(id, person, "PRG-UNKNOWN", e.enrolled(), e.exit(), e.status());
            value = "program_id PRG-UNKNOWN";
          }
          case ENROLLMENT_EXIT_BEFORE_ENROLLED -> {
            int exit = e.enrolled() - 14;
            row = out.enrollment(id, person, e.program().id(), e.enrolled(), exit, "DROPPED");
            value = "exit_date " + date(exit) + " < enrolled_date " + date(e.enrolled());
          }
          default -> {
            String raw = PersonSimulator.year(e.enrolled()) + "-02-30";
            s.text(id);
            s.text(person);
            s.text(e.program().id());
            s.rawText(raw);
            s.date(e.exit());
            s.text(e.status());
            row = s.endRow();
            value = "enrolled_date " + raw;
          }
        }
        record(kind, s, row, "enrollment_id=" + id, value);
      }
      case REOFFENCES -> {
        Event ev = h.events.get(h.events.size() - 1);
        String id = badId('V');
        long row;
        String value;
        if (kind == Kind.EVENT_RECORDED_BEFORE_OFFENCE) {
          int recorded = ev.offenceDate() - 12;
          row = out.event(id, person, ev.offenceDate(), recorded, "CONVICTION", ev.offence().name());
          value = "recorded_date " + date(recorded) + " < offence_date " + date(ev.offenceDate());
        } else {
          row = out.event(id, person, ev.offenceDate(), ev.recorded(), "TILANG", ev.offence().name());
          value = "event_type TILANG";
        }
        record(kind, s, row, "event_id=" + id, value);
      }
      case FOLLOWUPS -> {
        Followup f = h.followups.get(h.followups.size() - 1);
        String raw = LocalDate.ofEpochDay(f.date()).format(DAY_MONTH_YEAR);
        s.text(person);
        s.rawText(raw);
        s.text(f.status());
        record(kind, s, s.endRow(), "person_id=" + person, "followup_date " + raw);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private String badId(char prefix) {
    return PersonSimulator.id(prefix, BAD_ID_BASE + nextBadId++);
  }

  private void record(Kind kind, RowSink s, long row, String key, String value) {
    planted.add(new Planted(kind, s.locate(row), key, value));
  }

  private static String date(int day) {
    return LocalDate.ofEpochDay(day).toString();
  }
}
