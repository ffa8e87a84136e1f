package id.reintegrasi.generate;

import id.reintegrasi.generate.Catalogue.Facility;
import id.reintegrasi.generate.Catalogue.Offence;
import id.reintegrasi.generate.Catalogue.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one synthetic person contributes to the input files, in the order it is written.
 * Ids of releases, enrollments and events are given when written (sequential counters), so a
 * history is independent of the persons before it.
 */
final class PersonHistory {

  record Release(Facility facility, int admission, int release, String type, String sex,
      int birthYear, Offence offence, int sentenceMonths, int priors, String region) {}

  record Enrollment(Program program, int enrolled, int exit, String status) {}

  record Session(String sessionId, Program program, int date, int hours, String attendance,
      boolean certificate) {}

  record Event(int offenceDate, int recorded, String type, Offence offence) {}

  record Followup(int date, String status) {}

  final String personId;
  final List<Release> releases = new ArrayList<>(2);
  final List<Enrollment> enrollments = new ArrayList<>(2);
  final List<Session> sessions = new ArrayList<>(32);
  final List<Event> events = new ArrayList<>(2);
  final List<Followup> followups = new ArrayList<>(4);

  PersonHistory(String personId) {
    this.personId = personId;
  }

  boolean isEmpty() {
    return releases.isEmpty() && enrollments.isEmpty() && events.isEmpty();
  }
}
