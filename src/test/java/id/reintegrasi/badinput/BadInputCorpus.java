package id.reintegrasi.badinput;

import id.reintegrasi.io.InputReader;
import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.InputDatasets;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bad-input corpus under src/test/resources/badinput: {@code rows/input} is one input folder
 * whose datasets hold many bad rows side by side (so that one validation pass checks them all),
 * with what must come out of it in {@code rows/expected.tsv}, {@code counts.tsv} and
 * {@code strict.tsv}; {@code files/CASE/} are inputs that are unusable (or odd but fine) as a
 * whole, with {@code files/expected.tsv}.
 */
public final class BadInputCorpus {
  static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
  static final String DATE_FORMAT = "yyyy-MM-dd";

  /** One line of rows/expected.tsv; column "-" is a rule about the whole record. */
  record Expected(String file, long line, String column, String rule, String severity, String message) {
    String dataset() {
      return file.replaceAll("[/.].*", "");
    }

    @Override
    public String toString() {
      return String.join("\t", file, Long.toString(line), column, rule, severity, message);
    }
  }

  private BadInputCorpus() {}

  static Path resource(String path) {
    try {
      return Path.of(BadInputCorpus.class.getResource("/badinput/" + path).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource badinput/" + path + " is missing", e);
    }
  }

  static Path rowsInput() {
    return resource("rows/input");
  }

  /** The data lines of a TSV file of the corpus: comments (#) and the header line left out. */
  static List<String[]> tsv(String path) {
    try {
      List<String[]> out = new ArrayList<>();
      boolean header = true;
      for (String line : Files.readAllLines(resource(path), StandardCharsets.UTF_8)) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        out.add(line.split("\t", -1));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Expected> expected() {
    return tsv("rows/expected.tsv").stream()
        .map(f -> new Expected(f[0], Long.parseLong(f[1]), f[2], f[3], f[4], f[5])).toList();
  }

  /** Reads every dataset of an input folder, as the job does. */
  static Map<String, InputReader.Read> read(InputReader reader) {
    Map<String, InputReader.Read> reads = new LinkedHashMap<>();
    for (DatasetSpec spec : InputDatasets.ALL) {
      reader.locate(spec).ifPresent(source -> reads.put(spec.name(), reader.read(source)));
    }
    return reads;
  }

  /** Validates every dataset in the job's order: releases first, references against clean rows. */
  public static Map<String, Validated> validate(Map<String, InputReader.Read> reads, InputValidator validator) {
    Map<String, Validated> v = new LinkedHashMap<>();
    v.put(Releases.NAME, validator.releases(reads.get(Releases.NAME)));
    v.put(Mous.NAME, validator.mous(reads.get(Mous.NAME)));
    v.put(Programs.NAME, validator.programs(reads.get(Programs.NAME), v.get(Mous.NAME).clean()));
    v.put(Enrollments.NAME, validator.enrollments(reads.get(Enrollments.NAME), v.get(Programs.NAME).clean(),
        v.get(Releases.NAME).clean()));
    v.put(Training.NAME, validator.training(reads.get(Training.NAME), v.get(Programs.NAME).clean()));
    v.put(Reoffences.NAME, validator.reoffences(reads.get(Reoffences.NAME), v.get(Releases.NAME).clean()));
    if (reads.containsKey(Followups.NAME)) {
      v.put(Followups.NAME, validator.followups(reads.get(Followups.NAME)));
    }
    return v;
  }

  private static final Pattern ID = Pattern.compile("\\b(?:PID|REL|ENR|EVT|SES)-\\d{4}\\b");

  /**
   * Every identifier value in the corpus's input files (person, release, enrollment, event and
   * session ids all have the shape PFX-9999 there), read from the files themselves.
   */
  static List<String> identifiers(Path input) {
    try (Stream<Path> files = Files.walk(input)) {
      java.util.TreeSet<String> ids = new java.util.TreeSet<>();
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = ID.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        while (m.find()) {
          ids.add(m.group());
        }
      }
      return List.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
