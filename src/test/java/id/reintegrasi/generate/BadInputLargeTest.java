package id.reintegrasi.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.io.InputReader;
import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.InputDatasets;
import id.reintegrasi.validate.InputValidator;
import id.reintegrasi.validate.Validated;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large input with a few bad rows: the seeded generator at 5,000 releases (about 70,000 rows; 20,000 took minutes on the shared 2-core machine), once clean and once
 * with K planted bad rows. The quarantine holds exactly the K planted rows (file, line, rule,
 * column) and the clean rows of every dataset are the same multiset in both runs. In this package
 * for access to the generator's record of what it planted.
 */
class BadInputLargeTest extends SparkTestBase {
  private static final int RELEASES = 5_000;
  private static final long SEED = 7;
  private static final LocalDate AS_OF = GeneratorOptions.AS_OF_DEFAULT;
  /**
   * The first ten kinds of BadRows: each adds one row that breaks one rule. Kind 11 (a second,
   * identical release row) is left out on purpose: it quarantines the original row too, and the
   * person's events with it, so the clean rows would rightly differ.
   */
  private static final int K = 10;

  /** The rule each planted kind must be quarantined under. */
  private static final Map<BadRows.Kind, String> RULES = Map.of(
      BadRows.Kind.RELEASE_BEFORE_ADMISSION, "release_before_admission",
      BadRows.Kind.TRAINING_HOURS_OVER_24, "out_of_range",
      BadRows.Kind.ENROLLMENT_UNKNOWN_PROGRAM, "unknown_reference",
      BadRows.Kind.EVENT_RECORDED_BEFORE_OFFENCE, "recorded_before_offence",
      BadRows.Kind.FOLLOWUP_DATE_NOT_ISO, "invalid_date",
      BadRows.Kind.RELEASE_UNKNOWN_SEX, "unknown_code",
      BadRows.Kind.TRAINING_UNKNOWN_ATTENDANCE, "unknown_code",
      BadRows.Kind.ENROLLMENT_IMPOSSIBLE_DATE, "invalid_date",
      BadRows.Kind.RELEASE_IMPLAUSIBLE_BIRTH_YEAR, "implausible_age",
      BadRows.Kind.TRAINING_LOWERCASE_CODE, "unknown_code");

  /** What validation made of one generated input: quarantined rows and a fingerprint of the clean rows. */
  record Outcome(List<String> quarantined, List<String> cleanFingerprints) {}

  /** An order-free fingerprint of each dataset's rows in the declared columns: count and sum of row hashes. */
  private static List<String> fingerprints(Map<String, Dataset<Row>> datasets) {
    List<String> out = new ArrayList<>();
    for (Row r : datasets.entrySet().stream()
        .map(e -> e.getValue().agg(count(lit(1)).as("n"),
                sum(xxhash64(java.util.Arrays.stream(e.getValue().columns()).map(c -> col(c)).toArray(Column[]::new))
                    .cast(DataTypes.createDecimalType(38, 0))).as("h"))
            .select(lit(e.getKey()), col("n"), col("h").cast(DataTypes.StringType)))
        .reduce(Dataset::unionAll).orElseThrow().collectAsList()) {
      out.add(r.getString(0) + " " + r.getLong(1) + " rows, hash " + r.getString(2));
    }
    return out;
  }

  /** The rows of an input folder as read, in the declared columns, without validation. */
  private static List<String> readFingerprints(Path input) {
    InputReader reader = new InputReader(spark(), input.toString(), "yyyy-MM-dd");
    Map<String, Dataset<Row>> rows = new LinkedHashMap<>();
    for (DatasetSpec spec : InputDatasets.ALL) {
      reader.locate(spec).ifPresent(s -> rows.put(spec.name(), reader.read(s).rows()
          .select(spec.columnNames().stream().map(c -> col(c)).toArray(Column[]::new))));
    }
    return fingerprints(rows);
  }

  private static Outcome validate(Path input) {
    InputReader reader = new InputReader(spark(), input.toString(), "yyyy-MM-dd");
    Map<String, InputReader.Read> reads = new LinkedHashMap<>();
    for (DatasetSpec spec : InputDatasets.ALL) {
      reader.locate(spec).ifPresent(s -> reads.put(spec.name(), reader.read(s)));
    }
    List<Dataset<Row>> cached = new ArrayList<>();
    InputValidator validator = new InputValidator(AS_OF, "yyyy-MM-dd", false, (name, data) -> {
      Dataset<Row> d = data.persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(d);
      return d;
    });
    // Validated in the job's order, as the corpus test does.
    Map<String, Validated> v = id.reintegrasi.badinput.BadInputCorpus.validate(reads, validator);
    try {
      List<String> quarantined = new ArrayList<>();
      for (Row r : v.values().stream()
          .map(x -> x.quarantine().select(col("source_file"), col("line"), col("rule"), col("column")))
          .reduce(Dataset::unionAll).orElseThrow().collectAsList()) {
        quarantined.add(r.getString(0) + " line " + r.getLong(1) + " " + r.getString(2) + " " + r.getString(3));
      }
      Map<String, Dataset<Row>> clean = new LinkedHashMap<>();
      v.forEach((name, x) -> clean.put(name, x.clean()));
      List<String> fingerprints = fingerprints(clean);
      return new Outcome(List.copyOf(new TreeSet<>(quarantined)), fingerprints);
    } finally {
      cached.forEach(Dataset::unpersist);
      reads.values().forEach(r -> r.rows().unpersist());
    }
  }

  @Test
  void fewBadRowsInALargeInput_exactQuarantine_andUnchangedCleanRows(@TempDir Path tmp) throws Exception {
    Path cleanDir = tmp.resolve("clean");
    Path badDir = tmp.resolve("bad");
    DataGenerator.run(new GeneratorOptions(cleanDir, RELEASES, SEED, GeneratorOptions.Format.CSV, AS_OF, 0));
    DataGenerator.Result bad = DataGenerator.run(
        new GeneratorOptions(badDir, RELEASES, SEED, GeneratorOptions.Format.CSV, AS_OF, K));
    assertEquals(K, bad.badRows().size());

    TreeSet<String> planted = new TreeSet<>();
    for (BadRows.Planted p : bad.badRows()) {
      planted.add(p.location() + " " + RULES.get(p.kind()) + " " + p.kind().column);
    }
    Outcome withBad = validate(badDir);
    assertEquals(String.join("\n", planted), String.join("\n", withBad.quarantined()));

    // The clean rows with K bad rows planted are exactly the rows of the run without them, as read.
    // (Exactly K rows quarantined of a file that is the clean one plus K rows: so the clean run
    // would break no rule; validating it a second time would only cost time.)
    assertEquals(readFingerprints(cleanDir), withBad.cleanFingerprints());
  }
}
