package id.reintegrasi.generate;

import id.reintegrasi.generate.Catalogue.Mou;
import id.reintegrasi.generate.Catalogue.Program;
import id.reintegrasi.generate.GeneratorOptions.Format;
import id.reintegrasi.generate.PersonHistory.Enrollment;
import id.reintegrasi.generate.PersonHistory.Event;
import id.reintegrasi.generate.PersonHistory.Followup;
import id.reintegrasi.generate.PersonHistory.Release;
import id.reintegrasi.generate.PersonHistory.Session;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The seven open datasets of one run and the one place that turns rows into values in contract
 * column order. Release, enrollment and event ids are sequential in writing order.
 */
final class OutputFiles implements Closeable {

  private final Map<InputDataset, RowSink> sinks = new EnumMap<>(InputDataset.class);
  private long nextRelease = 1;
  private long nextEnrollment = 1;
  private long nextEvent = 1;

  /** Ids given to the rows of the person written last, for the bad-row planter. */
  final List<String> lastReleaseIds = new ArrayList<>(2);
  final List<String> lastEnrollmentIds = new ArrayList<>(2);
  final List<String> lastEventIds = new ArrayList<>(2);

  private OutputFiles() {}

  static OutputFiles open(Path directory, Format format) throws IOException {
    Files.createDirectories(directory);
    for (InputDataset d : InputDataset.values()) {
      removeStale(directory, d);
    }
    OutputFiles files = new OutputFiles();
    try {
      for (InputDataset d : InputDataset.values()) {
        files.sinks.put(d, format == Format.CSV ? new CsvRowSink(directory, d) : new ParquetRowSink(directory, d));
      }
    } catch (IOException | RuntimeException e) {
      files.abort();
      throw e;
    }
    return files;
  }

  /**
   * Removes an earlier run's entry for the dataset in either format, so a directory never holds
   * both {@code releases.csv} and {@code releases/}. A folder is only removed when it holds
   * nothing but part files and their side files.
   */
  private static void removeStale(Path directory, InputDataset d) throws IOException {
    Files.deleteIfExists(directory.resolve(d.fileName() + ".csv"));
    Files.deleteIfExists(directory.resolve(d.fileName() + ".parquet"));
    Path folder = directory.resolve(d.fileName());
    if (Files.isDirectory(folder)) {
      try (Stream<Path> list = Files.list(folder)) {
        for (Path p : list.toList()) {
          String name = p.getFileName().toString();
          if (!Files.isRegularFile(p) || !(name.startsWith("part-") || name.startsWith("_") || name.startsWith("."))) {
            throw new IOException("Refusing to replace " + folder + ": it holds " + name
                + ", which is not a part file an earlier run could have written.");
          }
        }
      }
      ParquetRowSink.deleteRecursively(folder);
    }
  }

  RowSink sink(InputDataset d) {
    return sinks.get(d);
  }

  long rows(InputDataset d) {
    return sinks.get(d).rows();
  }

  void writeMous() {
    RowSink s = sinks.get(InputDataset.MOUS);
    for (Mou m : Catalogue.MOUS) {
      s.text(m.id());
      s.text(m.title());
      s.text(m.parties());
      s.date(PersonSimulator.day(m.signed()));
      s.date(m.end() == null ? RowSink.NO_DATE : PersonSimulator.day(m.end()));
      s.text(m.regionCode());
      s.endRow();
    }
  }

  void writePrograms() {
    RowSink s = sinks.get(InputDataset.PROGRAMS);
    for (Program p : Catalogue.PROGRAMS) {
      s.text(p.id());
      s.text(p.name());
      s.text(p.category().name());
      s.text(p.phase().name());
      s.text(p.facility() == null ? null : p.facility().id);
      s.text(p.partner());
      s.text(p.mouId());
      s.date(PersonSimulator.day(p.start()));
      s.date(p.end() == null ? RowSink.NO_DATE : PersonSimulator.day(p.end()));
      s.endRow();
    }
  }

  /** Writes one person's rows to every dataset. */
  void write(PersonHistory h) {
    lastReleaseIds.clear();
    lastEnrollmentIds.clear();
    lastEventIds.clear();
    for (Release r : h.releases) {
      String id = PersonSimulator.id('R', nextRelease++);
      lastReleaseIds.add(id);
      release(id, h.personId, r, r.sex(), r.birthYear(), r.sentenceMonths(), r.admission(), r.release());
    }
    for (Enrollment e : h.enrollments) {
      String id = PersonSimulator.id('E', nextEnrollment++);
      lastEnrollmentIds.add(id);
      enrollment(id, h.personId, e.program().id(), e.enrolled(), e.exit(), e.status());
    }
    RowSink t = sinks.get(InputDataset.TRAINING);
    for (Session s : h.sessions) {
      t.text(s.sessionId());
      t.text(h.personId);
      t.text(s.program().id());
      t.date(s.date());
      t.decimal2(s.hours());
      t.text(s.attendance());
      t.bool(s.certificate() ? Boolean.TRUE : null);
      t.endRow();
    }
    for (Event e : h.events) {
      String id = PersonSimulator.id('V', nextEvent++);
      lastEventIds.add(id);
      event(id, h.personId, e.offenceDate(), e.recorded(), e.type(), e.offence().name());
    }
    RowSink f = sinks.get(InputDataset.FOLLOWUPS);
    for (Followup u : h.followups) {
      f.text(h.personId);
      f.date(u.date());
      f.text(u.status());
      f.endRow();
    }
  }

  /** A release row; the overridable values are the ones bad rows change. Returns the row number. */
  long release(String releaseId, String personId, Release r, String sex, int birthYear, int sentence,
      int admissionDay, int releaseDay) {
    RowSink s = sinks.get(InputDataset.RELEASES);
    s.text(releaseId);
    s.text(personId);
    s.text(r.facility().id);
    s.date(admissionDay);
    s.date(releaseDay);
    s.text(r.type());
    s.text(sex);
    s.integer(birthYear);
    s.text(r.offence().name());
    s.integer(sentence);
    s.integer(r.priors());
    s.text(r.region());
    return s.endRow();
  }

  long enrollment(String id, String personId, String programId, int enrolled, int exit, String status) {
    RowSink s = sinks.get(InputDataset.ENROLLMENTS);
    s.text(id);
    s.text(personId);
    s.text(programId);
    s.date(enrolled);
    s.date(exit);
    s.text(status);
    return s.endRow();
  }

  long event(String id, String personId, int offenceDate, int recorded, String type, String offence) {
    RowSink s = sinks.get(InputDataset.REOFFENCES);
    s.text(id);
    s.text(personId);
    s.date(offenceDate);
    s.date(recorded);
    s.text(type);
    s.text(offence);
    return s.endRow();
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (RowSink s : sinks.values()) {
      try {
        s.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      abort();
      throw failure;
    }
  }

  /** Deletes every staged file; finished datasets stay. */
  void abort() {
    for (RowSink s : sinks.values()) {
      s.abort();
    }
  }
}
