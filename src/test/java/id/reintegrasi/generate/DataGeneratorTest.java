package id.reintegrasi.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.generate.GeneratorOptions.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast checks of the data generator (no Spark): determinism, contract headers, basic invariants. */
class DataGeneratorTest {

  private static final LocalDate AS_OF = GeneratorOptions.AS_OF_DEFAULT;

  /** The contract's columns, written out here so the test checks the contract, not the enum. */
  private static final Map<String, String> CONTRACT_HEADERS = new LinkedHashMap<>();

  static {
    CONTRACT_HEADERS.put("releases", "release_id,person_id,facility_id,admission_date,release_date,release_type,"
        + "sex,birth_year,offence_category,sentence_months,prior_convictions,home_region");
    CONTRACT_HEADERS.put("mous", "mou_id,title,parties,signed_date,end_date,region_code");
    CONTRACT_HEADERS.put("programs", "program_id,program_name,category,phase,facility_id,partner,mou_id,start_date,end_date");
    CONTRACT_HEADERS.put("enrollments", "enrollment_id,person_id,program_id,enrolled_date,exit_date,exit_status");
    CONTRACT_HEADERS.put("training", "session_id,person_id,program_id,session_date,hours,attendance,certificate");
    CONTRACT_HEADERS.put("reoffences", "event_id,person_id,offence_date,recorded_date,event_type,offence_category");
    CONTRACT_HEADERS.put("followups", "person_id,followup_date,employment_status");
  }

  private static DataGenerator.Result generate(Path dir, int releases, long seed, Format format, int badRows)
      throws IOException {
    return DataGenerator.run(new GeneratorOptions(dir, releases, seed, format, AS_OF, badRows));
  }

  @Test
  void sameSeed_givesByteIdenticalFiles(@TempDir Path tmp) throws IOException {
    generate(tmp.resolve("a"), 400, 42, Format.CSV, 12);
    generate(tmp.resolve("b"), 400, 42, Format.CSV, 12);
    for (String name : CONTRACT_HEADERS.keySet()) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a/" + name + ".csv")),
          Files.readAllBytes(tmp.resolve("b/" + name + ".csv")), name + ".csv differs between two runs");
    }
  }

  @Test
  void courseSessions_onePointZeroIsTheDefault_andFourGivesAboutThreeTimesTheTrainingPerEnrollment(@TempDir Path tmp)
      throws IOException, GeneratorOptions.UsageException, GeneratorOptions.HelpRequested {
    generate(tmp.resolve("a"), 1000, 7, Format.CSV, 0);
    DataGenerator.run(GeneratorOptions.parse(List.of("--output", tmp.resolve("b").toString(), "--releases", "1000",
        "--seed", "7", "--course-sessions", "1")));
    DataGenerator.Result four = DataGenerator.run(GeneratorOptions.parse(List.of("--output", tmp.resolve("c").toString(),
        "--releases", "1000", "--seed", "7", "--course-sessions", "4")));
    for (String name : CONTRACT_HEADERS.keySet()) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a/" + name + ".csv")),
          Files.readAllBytes(tmp.resolve("b/" + name + ".csv")), name + ".csv: --course-sessions 1 is the default");
    }
    double perEnrollment1 = (double) read(tmp.resolve("a"), "training").size() / read(tmp.resolve("a"), "enrollments").size();
    double perEnrollment4 = (double) four.rows().get(InputDataset.TRAINING) / four.rows().get(InputDataset.ENROLLMENTS);
    // Longer courses are cut short by releases more often, so less than four times.
    assertTrue(perEnrollment1 > 10 && perEnrollment1 < 17, "default: " + perEnrollment1);
    assertTrue(perEnrollment4 > 2.5 * perEnrollment1 && perEnrollment4 < 4 * perEnrollment1,
        perEnrollment1 + " -> " + perEnrollment4);
    assertEquals(1000, four.rows().get(InputDataset.RELEASES));
  }

  @Test
  void otherSeed_givesOtherData(@TempDir Path tmp) throws IOException {
    generate(tmp.resolve("a"), 200, 1, Format.CSV, 0);
    generate(tmp.resolve("b"), 200, 2, Format.CSV, 0);
    assertFalse(Files.readString(tmp.resolve("a/releases.csv")).equals(Files.readString(tmp.resolve("b/releases.csv"))));
  }

  @Test
  void everyFile_hasTheContractHeader_andReleasesCountIsExact(@TempDir Path tmp) throws IOException {
    DataGenerator.Result result = generate(tmp, 300, 7, Format.CSV, 0);
    for (Map.Entry<String, String> e : CONTRACT_HEADERS.entrySet()) {
      List<String> lines = Files.readAllLines(tmp.resolve(e.getKey() + ".csv"), StandardCharsets.UTF_8);
      assertEquals(e.getValue(), lines.get(0), e.getKey() + ".csv header");
      assertTrue(lines.size() > 1, e.getKey() + ".csv has rows");
    }
    assertEquals(300L, result.rows().get(InputDataset.RELEASES));
    assertTrue(result.badRows().isEmpty());
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging file is left");
    }
  }

  @Test
  void cleanData_holdsTheBasicInvariants(@TempDir Path tmp) throws IOException {
    generate(tmp, 600, 20251019, Format.CSV, 0);
    int asOf = (int) AS_OF.toEpochDay();
    int firstRelease = (int) LocalDate.of(2019, 1, 1).toEpochDay();

    Map<String, List<int[]>> spells = new HashMap<>();
    Set<String> releaseIds = new HashSet<>();
    for (Map<String, String> r : read(tmp, "releases")) {
      int admission = day(r.get("admission_date"));
      int release = day(r.get("release_date"));
      assertTrue(release >= admission, "release_date >= admission_date: " + r);
      assertTrue(release >= firstRelease && release <= asOf, "released 2019..as-of: " + r);
      assertTrue(releaseIds.add(r.get("release_id")), "unique release_id: " + r);
      assertTrue(Set.of("L", "P").contains(r.get("sex")), r.toString());
      int age = LocalDate.ofEpochDay(release).getYear() - Integer.parseInt(r.get("birth_year"));
      assertTrue(age >= 12 && age <= 100, "plausible age: " + r);
      assertTrue(Integer.parseInt(r.get("sentence_months")) >= 0, r.toString());
      int priors = Integer.parseInt(r.get("prior_convictions"));
      assertTrue(priors >= 0 && priors <= 8, r.toString());
      spells.computeIfAbsent(r.get("person_id"), k -> new ArrayList<>()).add(new int[] {admission, release});
    }

    Map<String, String> phase = new HashMap<>();
    for (Map<String, String> p : read(tmp, "programs")) {
      phase.put(p.get("program_id"), p.get("phase"));
    }
    Set<String> enrollmentIds = new HashSet<>();
    for (Map<String, String> e : read(tmp, "enrollments")) {
      assertTrue(enrollmentIds.add(e.get("enrollment_id")), "unique enrollment_id: " + e);
      assertTrue(phase.containsKey(e.get("program_id")), "known program: " + e);
      int enrolled = day(e.get("enrolled_date"));
      assertTrue(enrolled <= asOf, e.toString());
      boolean ongoing = e.get("exit_status").equals("ONGOING");
      assertEquals(ongoing, e.get("exit_date").isEmpty(), "exit_date is null exactly when ONGOING: " + e);
      if (!ongoing) {
        assertTrue(day(e.get("exit_date")) >= enrolled, "exit_date >= enrolled_date: " + e);
      }
      List<int[]> own = spells.getOrDefault(e.get("person_id"), List.of());
      if (phase.get(e.get("program_id")).equals("IN_CUSTODY")) {
        // Inside a released spell, or in the open spell of someone still in custody on the as-of date.
        boolean inSpell = own.stream().anyMatch(s -> s[0] <= enrolled && enrolled <= s[1]);
        boolean afterLastRelease = own.stream().allMatch(s -> s[1] < enrolled);
        assertTrue(inSpell || afterLastRelease, "IN_CUSTODY enrollment inside a custody spell: " + e);
      } else {
        assertTrue(own.stream().anyMatch(s -> s[1] <= enrolled && enrolled <= s[1] + 90),
            "POST_RELEASE enrollment 0..90 days after a release: " + e);
      }
    }

    Set<String> sessionKeys = new HashSet<>();
    for (Map<String, String> t : read(tmp, "training")) {
      assertTrue(sessionKeys.add(t.get("session_id") + "|" + t.get("person_id")), "(session_id, person_id) unique: " + t);
      double hours = Double.parseDouble(t.get("hours"));
      assertTrue(hours > 0 && hours <= 24, t.toString());
      assertTrue(Set.of("PRESENT", "EXCUSED", "UNEXCUSED").contains(t.get("attendance")), t.toString());
      assertTrue(Set.of("", "true").contains(t.get("certificate")), t.toString());
      assertTrue(day(t.get("session_date")) <= asOf, t.toString());
    }

    for (Map<String, String> v : read(tmp, "reoffences")) {
      int offence = day(v.get("offence_date"));
      assertTrue(offence <= asOf, v.toString());
      if (!v.get("recorded_date").isEmpty()) {
        assertTrue(day(v.get("recorded_date")) >= offence, "recorded_date >= offence_date: " + v);
      }
      assertTrue(spells.getOrDefault(v.get("person_id"), List.of()).stream().anyMatch(s -> s[1] < offence),
          "events only after a release: " + v);
    }
  }

  @Test
  void badRows_areExtraRows_andLeaveTheCleanRowsAlone(@TempDir Path tmp) throws IOException {
    generate(tmp.resolve("clean"), 500, 3, Format.CSV, 0);
    DataGenerator.Result bad = generate(tmp.resolve("bad"), 500, 3, Format.CSV, 12);
    assertEquals(12, bad.badRows().size());
    assertEquals(12, bad.badRows().stream().map(BadRows.Planted::kind).distinct().count(), "one row per kind");
    int extra = 0;
    for (String name : CONTRACT_HEADERS.keySet()) {
      List<String> clean = Files.readAllLines(tmp.resolve("clean/" + name + ".csv"));
      List<String> dirty = Files.readAllLines(tmp.resolve("bad/" + name + ".csv"));
      Map<String, Integer> remaining = new HashMap<>();
      dirty.forEach(l -> remaining.merge(l, 1, Integer::sum));
      for (String line : clean) {
        assertTrue(remaining.merge(line, -1, Integer::sum) >= 0, name + ": clean row missing with bad rows: " + line);
      }
      extra += dirty.size() - clean.size();
    }
    assertEquals(12, extra);
    String followups = Files.readString(tmp.resolve("bad/followups.csv"));
    assertTrue(followups.matches("(?s).*,\\d\\d/\\d\\d/\\d{4},.*"), "a dd/MM/yyyy date is planted");
  }

  @Test
  void parquet_hasTheContractTypes(@TempDir Path tmp) throws IOException {
    generate(tmp, 100, 5, Format.PARQUET, 0);
    for (InputDataset d : InputDataset.values()) {
      Path part = tmp.resolve(d.fileName()).resolve(ParquetRowSink.PART_FILE);
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part))) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        assertEquals(ParquetRowSink.schema(d), schema, d.fileName());
        assertTrue(reader.getRecordCount() > 0, d.fileName());
      }
    }
    String training = ParquetRowSink.schema(InputDataset.TRAINING).toString();
    assertTrue(training.contains("int32 hours (DECIMAL(6,2))"), training);
    assertTrue(training.contains("int32 session_date (DATE)"), training);
  }

  @Test
  void unknownOption_isRejected_andHelpListsEveryOption() {
    assertThrows(GeneratorOptions.UsageException.class,
        () -> GeneratorOptions.parse(List.of("--output", "x", "--colour", "red")));
    assertThrows(GeneratorOptions.UsageException.class, () -> GeneratorOptions.parse(List.of("--releases", "10")));
    assertThrows(GeneratorOptions.UsageException.class,
        () -> GeneratorOptions.parse(List.of("--output", "x", "--format", "json")));
    assertThrows(GeneratorOptions.HelpRequested.class, () -> GeneratorOptions.parse(List.of("--help")));
    for (String bad : List.of("0", "11", "x", "NaN")) {
      assertThrows(GeneratorOptions.UsageException.class,
          () -> GeneratorOptions.parse(List.of("--output", "x", "--course-sessions", bad)), bad);
    }
    for (String option : List.of("--output", "--releases", "--seed", "--format", "--as-of", "--bad-rows",
        "--course-sessions", "--help")) {
      assertTrue(GeneratorOptions.help().contains(option), option);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static int day(String text) {
    return (int) LocalDate.parse(text).toEpochDay();
  }

  /** Reads a generated CSV (RFC 4180 quoting) into header-keyed rows. */
  private static List<Map<String, String>> read(Path dir, String name) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(name + ".csv"), StandardCharsets.UTF_8);
    List<String> header = split(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> values = split(line);
      assertEquals(header.size(), values.size(), name + ": " + line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
