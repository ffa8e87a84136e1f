package id.reintegrasi.validate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

import id.reintegrasi.io.InputException;
import id.reintegrasi.io.InputReader;
import id.reintegrasi.io.ParsedColumns;
import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.ColumnType;
import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * Applies every rule of the data contract to the datasets, row rules and cross-dataset rules
 * (duplicate keys, unknown programs, MoUs and persons, events before a person's first release),
 * computed together in one pass over each dataset. In lenient mode a bad row goes to quarantine
 * with its rule; in strict mode the first bad row (by file and line) stops the run.
 */
public final class InputValidator {
  /**
   * The checks a flagged row broke, as bits: bit i is check i of {@link Validated#checks()}
   * (errors, which quarantine the row, and warnings of "should" rules, which keep it).
   */
  public static final String FLAGS = "_flags";
  public static final String BLANK = "_blank";
  /** Checks per dataset that fit the flags (the contract's datasets have up to about 35). */
  static final int MAX_CHECKS = 63;
  /** The 64-bit hash of a row's key (null when part of the key is missing), stored by the first pass. */
  static final String KEY_HASH = "_key_hash";
  private static final String REPEATED_HASH = "_repeated_hash";
  /** How many rows share a row's key, where more than one. */
  static final String DUPLICATE = "_duplicate";
  /** The type of the original values of a row that did not parse (stored as JSON). */
  private static final MapType RAW_VALUES = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
  /** Most duplicated keys joined back by broadcast. */
  private static final long BROADCAST_DUPLICATES = 2_000_000;

  /** Structural problems the CSV parser reports for a whole record. */
  static final List<String> RECORD_RULES =
      List.of("field_count", "unterminated_quote", "invalid_utf8", "stray_quote");

  /** Dates of events, which cannot lie after the data were extracted. */
  private static final Map<String, List<String>> EVENT_DATES = Map.of(
      Releases.NAME, List.of(Releases.ADMISSION_DATE, Releases.RELEASE_DATE),
      Enrollments.NAME, List.of(Enrollments.ENROLLED_DATE, Enrollments.EXIT_DATE),
      Training.NAME, List.of(Training.SESSION_DATE),
      Reoffences.NAME, List.of(Reoffences.OFFENCE_DATE, Reoffences.RECORDED_DATE),
      Followups.NAME, List.of(Followups.FOLLOWUP_DATE));

  /** Materialises a validated dataset once, so that its checks are not computed again. */
  public interface Stash {
    Dataset<Row> stash(String name, Dataset<Row> data);
  }

  private final LocalDate asOf;
  private final String datePattern;
  private final boolean strict;
  private final Stash stash;

  public InputValidator(LocalDate asOf, String datePattern, boolean strict, Stash stash) {
    this.asOf = asOf;
    this.datePattern = datePattern;
    this.strict = strict;
    this.stash = stash;
  }

  public static List<String> eventDateColumns(String dataset) {
    return EVENT_DATES.getOrDefault(dataset, List.of());
  }

  public Validated releases(InputReader.Read read) {
    Column age = year(col(Releases.RELEASE_DATE)).minus(col(Releases.BIRTH_YEAR));
    return validate(read, read.rows(), List.of(
        new Check("release_before_admission", Releases.RELEASE_DATE,
            col(Releases.RELEASE_DATE).lt(col(Releases.ADMISSION_DATE)),
            "release_date is before admission_date"),
        new Check("implausible_age", Releases.BIRTH_YEAR, age.lt(12).or(age.gt(100)),
            "birth_year gives an age at release outside 12..100"),
        new Check("negative", Releases.SENTENCE_MONTHS, col(Releases.SENTENCE_MONTHS).lt(0),
            "sentence_months is below 0"),
        new Check("negative", Releases.PRIOR_CONVICTIONS, col(Releases.PRIOR_CONVICTIONS).lt(0),
            "prior_convictions is below 0")));
  }

  public Validated mous(InputReader.Read read) {
    return validate(read, read.rows(), List.of(
        new Check("end_before_start", Mous.END_DATE, col(Mous.END_DATE).lt(col(Mous.SIGNED_DATE)),
            "end_date is before signed_date")));
  }

  public Validated programs(InputReader.Read read, Dataset<Row> cleanMous) {
    Dataset<Row> mouIds = cleanMous.select(col(Mous.MOU_ID).as("_ref_mou")).distinct();
    Dataset<Row> rows = read.rows().join(broadcast(mouIds),
        col(Programs.MOU_ID).equalTo(col("_ref_mou")), "left");
    return validate(read, rows, List.of(
        // Not a contract rule (programs.end_date is only nullable): flagged, and the program
        // kept, or its enrollments and training would go with it.
        Check.warning("end_before_start", Programs.END_DATE,
            col(Programs.END_DATE).lt(col(Programs.START_DATE)), "end_date is before start_date (kept)"),
        new Check("unknown_reference", Programs.MOU_ID,
            col(Programs.MOU_ID).isNotNull().and(col("_ref_mou").isNull()),
            "mou_id is not a (valid) row of mous")));
  }

  public Validated enrollments(InputReader.Read read, Dataset<Row> cleanPrograms,
      Dataset<Row> cleanReleases) {
    Dataset<Row> programIds = cleanPrograms.select(col(Programs.PROGRAM_ID).as("_ref_program"));
    Dataset<Row> persons = cleanReleases.select(col(Releases.PERSON_ID).as("_ref_person")).distinct();
    Dataset<Row> rows = read.rows()
        .join(broadcast(programIds), col(Enrollments.PROGRAM_ID).equalTo(col("_ref_program")), "left")
        .join(persons, col(Enrollments.PERSON_ID).equalTo(col("_ref_person")), "left");
    return validate(read, rows, List.of(
        new Check("exit_before_enrolled", Enrollments.EXIT_DATE,
            col(Enrollments.EXIT_DATE).lt(col(Enrollments.ENROLLED_DATE)),
            "exit_date is before enrolled_date"),
        new Check("unknown_reference", Enrollments.PROGRAM_ID,
            col(Enrollments.PROGRAM_ID).isNotNull().and(col("_ref_program").isNull()),
            "program_id is not a (valid) row of programs"),
        // "should exist": people still in custody have enrollments but no release yet.
        Check.warning("unknown_reference", Enrollments.PERSON_ID,
            col(Enrollments.PERSON_ID).isNotNull().and(col("_ref_person").isNull()),
            "person_id has no (valid) release (kept: the person may still be in custody)")));
  }

  public Validated training(InputReader.Read read, Dataset<Row> cleanPrograms) {
    return training(trainingRows(read), cleanPrograms);
  }

  /**
   * The first half of training's validation: every rule but the reference to programs, in the
   * one pass over the rows, stashed. It needs no other dataset, so the biggest input is read
   * while the catalogue (MoUs, then programs) is still being validated; see {@link #training(Stashed, Dataset)}.
   */
  public Stashed trainingRows(InputReader.Read read) {
    return stashRows(read, read.rows(), List.of(
        new Check("out_of_range", Training.HOURS,
            col(Training.HOURS).lt(0).or(col(Training.HOURS).gt(24)), "hours is outside 0..24"),
        unknownProgram(null)));
  }

  /**
   * The second half: program_id must be a clean program. The catalogue is small, so its ids
   * are tested as a set on the stashed rows (a compiled hash lookup), not joined.
   */
  public Validated training(Stashed rows, Dataset<Row> cleanPrograms) {
    List<String> ids = cleanPrograms.select(col(Programs.PROGRAM_ID)).distinct().as(Encoders.STRING()).collectAsList();
    return finish(rows, List.of(unknownProgram(
        col(Training.PROGRAM_ID).isNotNull().and(not(col(Training.PROGRAM_ID).isin(ids.toArray()))))));
  }

  private static Check unknownProgram(Column violated) {
    return new Check("unknown_reference", Training.PROGRAM_ID, violated, "program_id is not a (valid) row of programs");
  }

  public Validated reoffences(InputReader.Read read, Dataset<Row> cleanReleases) {
    Dataset<Row> firstRelease = cleanReleases.groupBy(col(Releases.PERSON_ID).as("_ref_person"))
        .agg(min(Releases.RELEASE_DATE).as("_first_release"));
    Dataset<Row> rows = read.rows()
        .join(firstRelease, col(Reoffences.PERSON_ID).equalTo(col("_ref_person")), "left");
    return validate(read, rows, List.of(
        new Check("recorded_before_offence", Reoffences.RECORDED_DATE,
            col(Reoffences.RECORDED_DATE).lt(col(Reoffences.OFFENCE_DATE)),
            "recorded_date is before offence_date"),
        // Neither is a contract rule, and neither row can count (only events after a release
        // of the same person do): flagged and kept. Partner agencies' records cover people
        // released before the extract, too.
        Check.warning("unknown_reference", Reoffences.PERSON_ID,
            col(Reoffences.PERSON_ID).isNotNull().and(col("_ref_person").isNull()),
            "person_id has no (valid) release (kept; it cannot count)"),
        Check.warning("before_first_release", Reoffences.OFFENCE_DATE,
            col(Reoffences.OFFENCE_DATE).lt(col("_first_release")),
            "offence_date is before the person's first release (kept; it cannot count)")));
  }

  public Validated followups(InputReader.Read read) {
    return validate(read, read.rows(), List.of());
  }

  /** The checks every dataset gets from its declared columns: structure, types, nulls, codes, dates, keys. */
  private List<Check> declaredChecks(DatasetSpec spec) {
    List<Check> checks = new ArrayList<>();
    Column recordOk = col(ParsedColumns.RECORD_RULE).isNull();
    for (String rule : RECORD_RULES) {
      checks.add(new Check(rule, null, col(ParsedColumns.RECORD_RULE).equalTo(rule),
          "the record is malformed (" + rule + ")"));
    }
    checks.add(new Check("malformed_record", null,
        not(recordOk).and(not(col(ParsedColumns.RECORD_RULE).isin(RECORD_RULES.toArray())))
            .and(col(ParsedColumns.RECORD_RULE).notEqual(ParsedColumns.BLANK_LINE)),
        "the record is malformed"));
    for (ColumnSpec c : spec.columns()) {
      Column value = col(c.name());
      Column unparsable = coalesce(array_contains(col(ParsedColumns.BAD_COLUMNS), c.name()), lit(false));
      if (c.type() != ColumnType.ID && c.type() != ColumnType.TEXT && c.type() != ColumnType.CODE) {
        String expected = switch (c.type()) {
          case DATE -> "a date as " + datePattern + "; if the export writes dates another way, give its"
              + " pattern with --date-format (e.g. --date-format dd/MM/yyyy for 19/10/2025)";
          case INT -> "a whole number";
          case DECIMAL -> "a decimal number";
          case BOOLEAN -> "true or false";
          default -> "text";
        };
        checks.add(new Check(c.type().parseRule(), c.name(), unparsable,
            c.name() + " is not " + expected));
      }
      if (!c.nullable()) {
        checks.add(new Check("required", c.name(),
            recordOk.and(value.isNull()).and(not(unparsable)), c.name() + " is missing"));
      }
      if (c.type() == ColumnType.CODE) {
        Column unknown = c.codes().isEmpty()
            ? not(value.rlike("^[A-Z0-9_]+$"))
            : not(value.isin(c.codes().toArray()));
        checks.add(new Check("unknown_code", c.name(), unknown, c.codes().isEmpty()
            ? c.name() + " is not an upper-case code (A-Z, 0-9, _)"
            : c.name() + " is not one of " + String.join(", ", c.codes())));
      }
    }
    // The contract says "not in the future" of release_date only: a later admission cannot pass
    // the release's own checks, and the other dates after the as-of date (a planned exit, an
    // event recorded after the extract's cut-off) are flagged and kept. None of them falls in a
    // follow-up window or custody spell that is counted by that date.
    for (String date : eventDateColumns(spec.name())) {
      Column violated = col(date).gt(lit(asOf));
      String message = date + " is after the as-of date " + asOf;
      checks.add(date.equals(Releases.RELEASE_DATE) && spec.name().equals(Releases.NAME)
          ? new Check("date_in_future", date, violated, message)
          : Check.warning("date_in_future", date, violated, message + " (kept)"));
    }
    return checks;
  }

  /** The duplicate-key check of a keyed dataset; see {@link #withDuplicateKeys}. */
  private static Check duplicateKeyCheck(DatasetSpec spec) {
    return new Check("duplicate_key", String.join("+", spec.key()), col(DUPLICATE).isNotNull(),
        String.join(" + ", spec.key()) + " is not unique: the same key is on several rows");
  }

  /**
   * Adds the duplicate-key violation to the rows whose key is on several rows. It runs on the
   * materialised rows, after the one pass over the input (which stored each key's 64-bit hash),
   * and never shuffles the rows themselves: the hashes alone are spread by value over as many
   * partitions as the stash is read in, and sorted there ({@link RepeatedHashes}; a hash
   * aggregate would spill and probe a map tens of millions of times for keys that are nearly all
   * unique), the few rows whose hash is repeated are counted again by their real key (so a hash
   * collision never makes a duplicate), and the duplicated keys are joined back by broadcast.
   */
  private Dataset<Row> withDuplicateKeys(DatasetSpec spec, Dataset<Row> flagged, int bit) {
    Column[] keys = spec.key().stream().map(k -> col(k)).toArray(Column[]::new);
    // As many partitions as the stash is read in (which grows with its size): a few million
    // hashes a partition at most, and one for a table of a few rows.
    int partitions = Math.max(1, flagged.rdd().getNumPartitions());
    Dataset<Row> repeatedHashes = stash.stash("repeated-key-hashes-" + spec.name(),
        RepeatedHashes.find(flagged.select(col(KEY_HASH)).filter(col(KEY_HASH).isNotNull()), partitions)
            .toDF(REPEATED_HASH));
    long repeated = repeatedHashes.count();
    if (repeated == 0) {
      return flagged.drop(KEY_HASH); // no hash twice, so no key twice: the usual case
    }
    Dataset<Row> candidates = repeated <= BROADCAST_DUPLICATES ? broadcast(repeatedHashes) : repeatedHashes;
    List<Column> right = new ArrayList<>();
    for (String k : spec.key()) {
      right.add(col(k).as("_dup_" + k));
    }
    right.add(col(DUPLICATE));
    Dataset<Row> duplicated = stash.stash("duplicate-keys-" + spec.name(),
        flagged.join(candidates, col(KEY_HASH).equalTo(col(REPEATED_HASH)), "left_semi")
            .groupBy(keys).agg(count(lit(1)).as(DUPLICATE)).filter(col(DUPLICATE).gt(1))
            .select(right.toArray(Column[]::new)));
    // A pathological export where most keys repeat is joined without broadcast, to bound memory.
    Dataset<Row> dup = duplicated.count() <= BROADCAST_DUPLICATES ? broadcast(duplicated) : duplicated;
    Column on = spec.key().stream().map(k -> col(k).equalTo(col("_dup_" + k))).reduce(Column::and).orElseThrow();
    List<Column> out = new ArrayList<>();
    for (String name : flagged.columns()) {
      if (name.equals(KEY_HASH)) {
        continue;
      }
      out.add(name.equals(FLAGS)
          ? col(FLAGS).bitwiseOR(when(col(DUPLICATE).isNotNull(), lit(1L << bit)).otherwise(lit(0L))).as(FLAGS)
          : col(name));
    }
    return flagged.join(dup, on, "left").select(out.toArray(Column[]::new));
  }

  /**
   * A dataset's rows in the work area with the flags of every check that needs nothing but the
   * row; the checks without an expression yet (references to a dataset still being validated)
   * and the duplicate keys get their bits in {@link #finish}.
   */
  public record Stashed(InputReader.Read read, Dataset<Row> flagged, List<Check> checks) {}

  private Validated validate(InputReader.Read read, Dataset<Row> rows, List<Check> specific) {
    return finish(stashRows(read, rows, specific), List.of());
  }

  private Stashed stashRows(InputReader.Read read, Dataset<Row> rows, List<Check> specific) {
    DatasetSpec spec = read.source().spec();
    List<Check> checks = new ArrayList<>(declaredChecks(spec));
    checks.addAll(specific);
    Check duplicateKey = spec.key().isEmpty() ? null : duplicateKeyCheck(spec);
    if (duplicateKey != null) {
      checks.add(duplicateKey);
    }
    if (checks.size() > MAX_CHECKS) {
      throw new IllegalStateException(spec.name() + " has " + checks.size() + " checks; at most " + MAX_CHECKS
          + " fit the flags");
    }

    // Step 1: every check in one projection: bit i of the row's flags is set when it broke check i.
    // A few instructions per check, so the projection compiles to a small method that the JIT
    // compiles too (a projection that builds the violations' texts on every row would not be).
    Column blank = coalesce(col(ParsedColumns.RECORD_RULE).equalTo(ParsedColumns.BLANK_LINE), lit(false));
    Column flags = lit(0L);
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i) != duplicateKey && checks.get(i).violated() != null) {
        flags = flags.bitwiseOR(when(checks.get(i).violated(), lit(1L << i)).otherwise(lit(0L)));
      }
    }
    List<Column> keep = new ArrayList<>();
    for (String name : ParsedColumns.schemaOf(spec).fieldNames()) {
      // The parser's verdicts are in the flags now; the quarantine needs only its message.
      if (name.equals(ParsedColumns.RAW)) {
        // The original values of a row that did not parse, as JSON text: a plain string column
        // costs the work area's writer far less on every good row (null) than a null map does.
        keep.add(to_json(col(name)).as(name));
      } else if (!name.equals(ParsedColumns.BAD_COLUMNS) && !name.equals(ParsedColumns.RECORD_RULE)) {
        keep.add(col(name));
      }
    }
    keep.add(blank.as(BLANK));
    keep.add(when(blank, lit(0L)).otherwise(flags).as(FLAGS));
    if (duplicateKey != null) {
      Column[] keys = spec.key().stream().map(k -> col(k)).toArray(Column[]::new);
      Column allKeys = spec.key().stream().map(k -> col(k).isNotNull()).reduce(Column::and).orElseThrow();
      keep.add(when(allKeys, xxhash64(keys)).as(KEY_HASH));
    }
    Dataset<Row> flagged = stash.stash("flagged-" + spec.name(), rows.select(keep.toArray(Column[]::new)));
    return new Stashed(read, flagged, List.copyOf(checks));
  }

  /**
   * Completes a stashed dataset's flags: the deferred checks, given in {@code resolved} in the
   * order of the stash's checks without an expression, as a projection over the stash (it reads
   * nothing more); then the duplicate keys; then, in strict mode, the first bad row stops the run.
   */
  private Validated finish(Stashed stashed, List<Check> resolved) {
    DatasetSpec spec = stashed.read().source().spec();
    List<Check> checks = new ArrayList<>(stashed.checks());
    Dataset<Row> flagged = stashed.flagged();
    Column deferred = null;
    int next = 0;
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).violated() == null) {
        Check real = resolved.get(next++);
        if (!real.key().equals(checks.get(i).key()) || real.violated() == null) {
          throw new IllegalArgumentException("check " + i + " of " + spec.name() + " is " + checks.get(i).key()
              + ", resolved with " + real.key());
        }
        checks.set(i, real);
        Column bit = when(real.violated(), lit(1L << i)).otherwise(lit(0L));
        deferred = deferred == null ? bit : deferred.bitwiseOR(bit);
      }
    }
    if (next != resolved.size()) {
      throw new IllegalArgumentException(spec.name() + " has " + next + " deferred checks, " + resolved.size() + " given");
    }
    if (deferred != null) {
      flagged = flagged.withColumn(FLAGS, when(col(BLANK), lit(0L)).otherwise(col(FLAGS).bitwiseOR(deferred)));
    }
    if (!spec.key().isEmpty()) {
      flagged = withDuplicateKeys(spec, flagged, checks.size() - 1);
    }
    Validated validated = new Validated(stashed.read(), flagged, List.copyOf(checks));
    if (strict) {
      failOnFirstViolation(spec, validated);
    }
    return validated;
  }

  /** Rows that broke at least one of the checks in {@code mask}. */
  static Column brokeAny(long mask) {
    return col(FLAGS).bitwiseAND(lit(mask)).notEqual(lit(0L));
  }

  /** Whether a row broke check {@code i} of its dataset. */
  public static Column broke(int i) {
    return brokeAny(1L << i);
  }

  /**
   * The rows that broke a check in {@code mask}, named by file and line, with the first such
   * check's rule, column and message and the keys of all of them, in check order. Evaluated on
   * those rows only, so the texts are built for the few bad rows, never for the good ones.
   */
  static Dataset<Row> described(Dataset<Row> flagged, List<Check> checks, long mask, Column... extra) {
    Column rule = null;
    Column column = null;
    Column message = null;
    List<Column> keys = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      if ((mask & (1L << i)) == 0) {
        continue;
      }
      // One flat CASE WHEN per field (the first broken check wins), not a nest of them.
      Check c = checks.get(i);
      Column hit = broke(i);
      Column name = lit(c.column()).cast(DataTypes.StringType);
      rule = rule == null ? when(hit, lit(c.rule())) : rule.when(hit, lit(c.rule()));
      column = column == null ? when(hit, name) : column.when(hit, name);
      message = message == null ? when(hit, message(c)) : message.when(hit, message(c));
      keys.add(when(hit, array(lit(c.key()))).otherwise(array().cast(DataTypes.createArrayType(DataTypes.StringType, false))));
    }
    if (rule == null) {
      Column none = lit(null).cast(DataTypes.StringType);
      rule = none;
      column = none;
      message = none;
    }
    List<Column> out = new ArrayList<>(List.of(extra));
    out.addAll(List.of(
        col(ParsedColumns.FILE).as("source_file"),
        col(ParsedColumns.LINE).as("line"),
        rule.as("rule"),
        column.as("column"),
        message.as("message"),
        (keys.isEmpty() ? array().cast(DataTypes.createArrayType(DataTypes.StringType, false))
            : flatten(array(keys.toArray(Column[]::new)))).as("all_checks")));
    return flagged.filter(brokeAny(mask)).select(out.toArray(Column[]::new));
  }

  /** The bits of the checks that quarantine a row (not the warnings). */
  static long errorMask(List<Check> checks) {
    long mask = 0;
    for (int i = 0; i < checks.size(); i++) {
      mask |= checks.get(i).warning() ? 0 : 1L << i;
    }
    return mask;
  }

  static Dataset<Row> clean(DatasetSpec spec, Dataset<Row> flagged, List<Check> checks) {
    Column[] declared = spec.columnNames().stream().map(c -> col(c)).toArray(Column[]::new);
    return flagged.filter(not(col(BLANK)).and(not(brokeAny(errorMask(checks))))).select(declared);
  }

  static Dataset<Row> quarantine(DatasetSpec spec, Dataset<Row> flagged, List<Check> checks) {
    Dataset<Row> rows = described(flagged, checks, errorMask(checks), lit(spec.name()).as("dataset"),
        coalesce(from_json(col(ParsedColumns.RAW), RAW_VALUES), originalValues(spec)).as("original_values"));
    return rows.select("dataset", "source_file", "line", "rule", "column", "message", "all_checks", "original_values");
  }

  /**
   * A row's message: the check's sentence; for a malformed record also the parser's own account
   * of it (e.g. "expected 12 fields, found 13"), which names no value either.
   */
  private static Column message(Check c) {
    boolean record = c.column() == null
        && (RECORD_RULES.contains(c.rule()) || c.rule().equals("malformed_record"));
    return record ? concat_ws(": ", lit(c.message()), col(ParsedColumns.RECORD_MESSAGE)) : lit(c.message());
  }

  private static Column originalValues(DatasetSpec spec) {
    List<Column> kv = new ArrayList<>();
    for (String name : spec.columnNames()) {
      kv.add(lit(name));
      kv.add(col(name).cast(DataTypes.StringType));
    }
    return map(kv.toArray(Column[]::new));
  }

  private static void failOnFirstViolation(DatasetSpec spec, Validated validated) {
    List<Row> first = validated.quarantine().orderBy(col("source_file"), col("line"))
        .select(col("source_file"), col("line"), col("rule"), col("column"), col("message"))
        .takeAsList(1);
    if (first.isEmpty()) {
      return;
    }
    Row row = first.get(0);
    String column = row.isNullAt(3) ? "" : ", column " + row.getString(3);
    String line = row.isNullAt(1) ? "" : ", line " + row.getLong(1);
    throw new InputException(row.getString(0) + line + column + ": rule " + row.getString(2) + ": "
        + row.getString(4) + " (dataset " + spec.name() + "; --strict stops at the first bad row)");
  }
}
