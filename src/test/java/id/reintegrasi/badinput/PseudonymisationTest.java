package id.reintegrasi.badinput;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.io.ColumnMapping;
import id.reintegrasi.io.InputReader;
import id.reintegrasi.io.Pseudonymiser;
import id.reintegrasi.job.JobOptions;
import id.reintegrasi.job.OptionsParser;
import id.reintegrasi.job.OptionsParser.UsageException;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pseudonymisation of person ids on read (HMAC-SHA256): the hash itself, where the key may and
 * may not come from, and that after reading and validating the bad-input corpus no raw person id
 * is left in the validated data, the work area written by validation, or the quarantine. The job
 * runs with and without it are compared in {@link LogPrivacyTest}, which shares those runs.
 */
class PseudonymisationTest extends SparkTestBase {
  static final String KEY = "kunci-rahasia-uji-0123456789abcdef";
  private static final Pseudonymiser P = Pseudonymiser.of(KEY.getBytes(StandardCharsets.UTF_8), "test");

  @TempDir
  Path tmp;

  // --- the hash

  /** RFC 4231 test case 1: HMAC-SHA256 with twenty 0x0b bytes over "Hi There". */
  @Test
  void hmacSha256_matchesTheRfc4231Vector_first32HexDigits() {
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0x0b);
    assertEquals("b0344c61d8db38535ca8afceaf0bf12b", Pseudonymiser.of(key, "rfc").apply("Hi There"));
  }

  @Test
  void sameKey_samePseudonym_otherKey_otherPseudonym() {
    Pseudonymiser same = Pseudonymiser.of(KEY.getBytes(StandardCharsets.UTF_8), "again");
    Pseudonymiser other = Pseudonymiser.of("another-key-of-enough-length".getBytes(StandardCharsets.UTF_8), "other");
    assertEquals(P.apply("PID-0001"), same.apply("PID-0001"));
    assertEquals(P.apply("PID-0001"), P.apply("  PID-0001 "), "ids are trimmed as they are read");
    assertNotEquals(P.apply("PID-0001"), P.apply("PID-0002"));
    assertNotEquals(P.apply("PID-0001"), other.apply("PID-0001"));
    assertTrue(P.apply("PID-0001").matches("[0-9a-f]{32}"), P.apply("PID-0001"));
    assertNull(P.apply(null));
    assertNull(P.apply("  "));
    assertEquals(P.keyId(), same.keyId());
    assertNotEquals(P.keyId(), other.keyId());
  }

  @Test
  void toString_neverShowsTheKey() {
    assertFalse(P.toString().contains(KEY), P.toString());
    assertFalse(P.toString().contains(HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.UTF_8))));
  }

  // --- where the key comes from

  private static String[] args(String... more) {
    List<String> all = new ArrayList<>(List.of("--input", "in", "--output", "out"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String refused(Map<String, String> env, String... args) {
    String message = assertThrows(UsageException.class, () -> OptionsParser.parse(env, args)).getMessage();
    assertFalse(message.contains(KEY), "the key must not be echoed: " + message);
    return message;
  }

  @Test
  void keyFromTheEnvironment_orAFile_giveTheSamePseudonyms() throws IOException {
    JobOptions fromEnv = OptionsParser.parse(Map.of(Pseudonymiser.ENV, KEY), args("--pseudonymise"));
    Path file = Files.writeString(tmp.resolve("key"), KEY + "\n"); // a trailing line end is ignored
    JobOptions fromFile = OptionsParser.parse(Map.of(), args("--pseudonymise", "--pseudonym-key-file", file.toString()));
    assertEquals(P.apply("PID-0001"), fromEnv.pseudonymiser().apply("PID-0001"));
    assertEquals(P.apply("PID-0001"), fromFile.pseudonymiser().apply("PID-0001"));
    assertNull(OptionsParser.parse(Map.of(Pseudonymiser.ENV, KEY), args()).pseudonymiser(), "off unless asked for");
    assertFalse(fromEnv.toString().contains(KEY), fromEnv.toString());
  }

  @Test
  void askedForWithoutAKey_orWithAShortKey_isRefused() throws IOException {
    assertTrue(refused(Map.of(), args("--pseudonymise")).contains(Pseudonymiser.ENV));
    String shortKey = refused(Map.of(Pseudonymiser.ENV, "kurang16"), args("--pseudonymise"));
    assertTrue(shortKey.contains("at least 16 bytes"), shortKey);
    assertFalse(shortKey.contains("kurang16"), shortKey);
    Path missing = tmp.resolve("no-such-key");
    assertTrue(refused(Map.of(), args("--pseudonymise", "--pseudonym-key-file", missing.toString()))
        .contains(missing.toString()));
    Path file = Files.writeString(tmp.resolve("key"), KEY);
    assertTrue(refused(Map.of(), args("--pseudonym-key-file", file.toString())).contains("--pseudonymise"));
  }

  @Test
  void theKeyOnTheCommandLine_orInTheConfigFile_isRefused_withoutEchoingIt() throws IOException {
    Map<String, String> env = Map.of(Pseudonymiser.ENV, KEY);
    for (String[] a : List.of(args("--pseudonym-key", KEY), args("--pseudonym-key=" + KEY),
        args("--pseudonymise", KEY), args("--pseudonymise=" + KEY), args("--key", KEY), args("--hmac-secret=" + KEY))) {
      String message = refused(env, a);
      assertTrue(message.contains(Pseudonymiser.ENV) && message.contains("--pseudonym-key-file"), message);
    }
    Path config = Files.writeString(tmp.resolve("run.properties"), "min-cell=5\npseudonym-key=" + KEY + "\n");
    String message = refused(env, args("--config", config.toString(), "--pseudonymise"));
    assertTrue(message.contains("pseudonym-key") && message.contains(config.toString()), message);
  }

  // --- reading and validating the corpus with pseudonyms

  /** Every row of the given frames as JSON, all gathered in one Spark job. */
  static List<String> asJson(List<Dataset<Row>> frames) {
    return frames.stream()
        .map(d -> d.select(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(col("*")))))
        .reduce(Dataset::unionAll).orElseThrow().collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  static List<String> rawPersonIds() {
    return BadInputCorpus.identifiers(BadInputCorpus.rowsInput()).stream().filter(id -> id.startsWith("PID-")).toList();
  }

  /**
   * Validation's work area (the flagged rows, with the original values kept for quarantine) and
   * the quarantine hold pseudonyms only. The job materialises exactly these frames as Parquet;
   * {@link LogPrivacyTest} scans the Parquet a real run writes.
   */
  @Test
  void corpus_readAndValidated_holdsNoRawPersonId_inWorkAreaOrQuarantine() {
    InputReader reader = new InputReader(spark(), BadInputCorpus.rowsInput().toString(), BadInputCorpus.DATE_FORMAT, ColumnMapping.NONE, P);
    List<Dataset<Row>> stashed = new ArrayList<>();
    Map<String, Validated> v = BadInputCorpus.validate(BadInputCorpus.read(reader),
        new InputValidator(BadInputCorpus.AS_OF, BadInputCorpus.DATE_FORMAT, false, (name, data) -> {
          Dataset<Row> d = data.persist(org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
          stashed.add(d);
          return d;
        }));
    List<Dataset<Row>> frames = new ArrayList<>(stashed);
    v.values().forEach(x -> frames.add(x.quarantine()));
    List<String> written = asJson(frames);
    assertTrue(written.size() > 100, "the scan reads the data: " + written.size());
    List<String> raw = rawPersonIds();
    assertTrue(raw.size() > 20, raw.toString());
    List<String> leaks = written.stream().filter(line -> raw.stream().anyMatch(line::contains)).toList();
    assertEquals(List.of(), leaks);

    // The same rows are quarantined, under the same rules and messages, as without pseudonyms.
    List<String> quarantined = v.values().stream().flatMap(x -> x.quarantine()
            .select("source_file", "line", "column", "rule", "message").collectAsList().stream())
        .map(r -> r.get(0) + "\t" + r.get(1) + "\t" + (r.get(2) == null ? "-" : r.get(2)) + "\t" + r.get(3) + "\tERROR\t" + r.get(4))
        .sorted().toList();
    assertEquals(BadInputCorpus.expected().stream().filter(e -> e.severity().equals("ERROR"))
        .map(BadInputCorpus.Expected::toString).sorted().collect(Collectors.joining("\n")), String.join("\n", quarantined));

    // Original values: a row with an unreadable date keeps its values with the person pseudonymised;
    // a malformed record (its fields may be shifted) keeps none.
    Dataset<Row> q = v.get(Releases.NAME).quarantine();
    Map<String, String> badDate = q.filter("line = 7").first().getJavaMap(q.schema().fieldIndex("original_values"));
    assertEquals("19/10/2025", badDate.get(Releases.RELEASE_DATE));
    assertEquals(P.apply("PID-0102"), badDate.get(Releases.PERSON_ID));
    Map<String, String> shifted = q.filter("line = 15").first().getJavaMap(q.schema().fieldIndex("original_values"));
    assertTrue(shifted.values().stream().allMatch(java.util.Objects::isNull), shifted.toString());
    // Clean rows carry the pseudonym, so references between datasets still match.
    assertEquals(1, v.get("enrollments").clean().filter(col("person_id").equalTo(P.apply("PID-0001"))).count());
  }

  @Test
  void parquetInput_isPseudonymised_inTypedAndOriginalValues() {
    StructType allText = DataTypes.createStructType(Releases.SPEC.columnNames().stream()
        .map(c -> DataTypes.createStructField(c, DataTypes.StringType, true)).toList());
    List<Row> rows = List.of(
        RowFactory.create("REL-0001", "PID-0001", "LAPAS-JAMBI", "2020-01-01", "2021-01-15", "BEBAS", "L", "1990",
            "NARKOTIKA", "12", "0", "1571"),
        RowFactory.create("REL-0002", "PID-0002", "LAPAS-JAMBI", "2020-01-01", "2021-01-15", "BEBAS", "L", "1990.5",
            "NARKOTIKA", "12", "0", "1571"));
    Path input = tmp.resolve("parquet-in");
    spark().createDataFrame(rows, allText).coalesce(1).write().parquet(input.resolve("releases").toString());
    InputReader reader = new InputReader(spark(), input.toString(), BadInputCorpus.DATE_FORMAT, ColumnMapping.NONE, P);
    List<Row> read = reader.read(reader.locate(Releases.SPEC).orElseThrow()).rows()
        .orderBy(Releases.RELEASE_ID).collectAsList();
    assertEquals(P.apply("PID-0001"), read.get(0).getAs(Releases.PERSON_ID));
    assertEquals(P.apply("PID-0002"), read.get(1).getAs(Releases.PERSON_ID));
    Map<String, String> raw = read.get(1).getJavaMap(read.get(1).fieldIndex("_raw"));
    assertEquals("1990.5", raw.get(Releases.BIRTH_YEAR));
    assertEquals(P.apply("PID-0002"), raw.get(Releases.PERSON_ID));
  }
}
