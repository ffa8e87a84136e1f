package id.reintegrasi.validate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Applies every rule of the data contract to the datasets, row rules and cross-dataset rules
 * (duplicate keys, unknown programs, MoUs and persons, events before a person's first release),
 * computed together in one pass over each dataset. In lenient mode a bad row goes to quarantine
 * with its rule; in strict mode the first bad row (by file and line) stops the run.
 */
public final class InputValidator {
  /** The column with the list of violations of a flagged row: struct(check, rule, column, message). */
  public static final String VIOLATIONS = "_violations";
  public static final String BLANK = "_blank";
  /** Breaches of "should" rules: reported in data_quality, the row is kept. */
  public static final String WARNINGS = "_warnings";
  /** How many rows share a row's key, where more than one. */
  static final String DUPLICATE = "_duplicate";
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
        new Check("end_before_start", Programs.END_DATE,
            col(Programs.END_DATE).lt(col(Programs.START_DATE)), "end_date is before start_date"),
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
    Dataset<Row> programIds = cleanPrograms.select(col(Programs.PROGRAM_ID).as("_ref_program"));
    Dataset<Row> rows = read.rows()
        .join(broadcast(programIds), col(Training.PROGRAM_ID).equalTo(col("_ref_program")), "left");
    return validate(read, rows, List.of(
        new Check("out_of_range", Training.HOURS,
            col(Training.HOURS).lt(0).or(col(Training.HOURS).gt(24)), "hours is outside 0..24"),
        new Check("unknown_reference", Training.PROGRAM_ID,
            col(Training.PROGRAM_ID).isNotNull().and(col("_ref_program").isNull()),
            "program_id is not a (valid) row of programs")));
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
        new Check("unknown_reference", Reoffences.PERSON_ID,
            col(Reoffences.PERSON_ID).isNotNull().and(col("_ref_person").isNull()),
            "person_id has no (valid) release"),
        new Check("before_first_release", Reoffences.OFFENCE_DATE,
            col(Reoffences.OFFENCE_DATE).lt(col("_first_release")),
            "offence_date is before the person's first release")));
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
      Column unparsable = array_contains(col(ParsedColumns.BAD_COLUMNS), c.name());
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
    for (String date : eventDateColumns(spec.name())) {
      checks.add(new Check("date_in_future", date, col(date).gt(lit(asOf)),
          date + " is after the as-of date " + asOf));
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
   * materialised rows, after the one pass over the input: counting the keys reads only the key
   * columns of that Parquet, and the duplicated keys (normally few) are joined back by broadcast,
   * so the rows themselves are never shuffled (a window over the key would sort all the tens of
   * millions of training rows).
   */
  private Dataset<Row> withDuplicateKeys(DatasetSpec spec, Dataset<Row> flagged, Check check) {
    Column[] keys = spec.key().stream().map(k -> col(k)).toArray(Column[]::new);
    Column allKeys = spec.key().stream().map(k -> col(k).isNotNull()).reduce(Column::and).orElseThrow();
    List<Column> right = new ArrayList<>();
    for (String k : spec.key()) {
      right.add(col(k).as("_dup_" + k));
    }
    right.add(col(DUPLICATE));
    Dataset<Row> duplicated = stash.stash("duplicate-keys-" + spec.name(), flagged.filter(allKeys)
        .groupBy(keys).agg(count(lit(1)).as(DUPLICATE)).filter(col(DUPLICATE).gt(1))
        .select(right.toArray(Column[]::new)));
    // A pathological export where most keys repeat is joined without broadcast, to bound memory.
    Dataset<Row> dup = duplicated.count() <= BROADCAST_DUPLICATES ? broadcast(duplicated) : duplicated;
    Column on = spec.key().stream().map(k -> col(k).equalTo(col("_dup_" + k))).reduce(Column::and).orElseThrow();
    Column violation = when(check.violated(), struct(
        lit(check.key()).as("check"), lit(check.rule()).as("rule"),
        lit(check.column()).cast(DataTypes.StringType).as("column"), lit(check.message()).as("message")));
    List<Column> out = new ArrayList<>();
    for (String name : flagged.columns()) {
      out.add(name.equals(VIOLATIONS)
          ? filter(functions.concat(col(VIOLATIONS), array(violation)), Column::isNotNull).as(VIOLATIONS)
          : col(name));
    }
    return flagged.join(dup, on, "left").select(out.toArray(Column[]::new));
  }

  private Validated validate(InputReader.Read read, Dataset<Row> rows, List<Check> specific) {
    DatasetSpec spec = read.source().spec();
    List<Check> checks = new ArrayList<>(declaredChecks(spec));
    checks.addAll(specific);
    Check duplicateKey = spec.key().isEmpty() ? null : duplicateKeyCheck(spec);

    // Step 1: every check in one projection; a row's violations in check order.
    Column[] candidates = violations(checks, false);
    Column[] warnings = violations(checks, true);
    Column blank = coalesce(col(ParsedColumns.RECORD_RULE).equalTo(ParsedColumns.BLANK_LINE), lit(false));
    List<Column> keep = new ArrayList<>();
    for (String name : ParsedColumns.schemaOf(spec).fieldNames()) {
      keep.add(col(name));
    }
    keep.add(blank.as(BLANK));
    keep.add(when(blank, array().cast(violationsType()))
        .otherwise(filter(array(candidates), Column::isNotNull)).as(VIOLATIONS));
    keep.add(warnings.length == 0 ? array().cast(violationsType()).as(WARNINGS)
        : when(blank, array().cast(violationsType()))
            .otherwise(filter(array(warnings), Column::isNotNull)).as(WARNINGS));
    Dataset<Row> flagged = stash.stash("flagged-" + spec.name(), rows.select(keep.toArray(Column[]::new)));
    if (duplicateKey != null) {
      flagged = withDuplicateKeys(spec, flagged, duplicateKey);
      checks.add(duplicateKey);
    }

    if (strict) {
      failOnFirstViolation(spec, flagged);
    }

    Column[] declared = spec.columnNames().stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> clean = flagged.filter(not(col(BLANK)).and(size(col(VIOLATIONS)).equalTo(0)))
        .select(declared);
    Dataset<Row> quarantine = flagged.filter(size(col(VIOLATIONS)).gt(0))
        .select(
            lit(spec.name()).as("dataset"),
            col(ParsedColumns.FILE).as("source_file"),
            col(ParsedColumns.LINE).as("line"),
            col(VIOLATIONS).getItem(0).getField("rule").as("rule"),
            col(VIOLATIONS).getItem(0).getField("column").as("column"),
            col(VIOLATIONS).getItem(0).getField("message").as("message"),
            transform(col(VIOLATIONS), v -> v.getField("check")).as("all_checks"),
            coalesce(col(ParsedColumns.RAW), originalValues(spec)).as("original_values"));
    return new Validated(read, flagged, clean, quarantine, List.copyOf(checks));
  }

  private static Column[] violations(List<Check> checks, boolean warnings) {
    return checks.stream()
        .filter(c -> c.warning() == warnings)
        .map(c -> when(c.violated(), struct(
            lit(c.key()).as("check"), lit(c.rule()).as("rule"),
            lit(c.column()).cast(DataTypes.StringType).as("column"), message(c).as("message"))))
        .toArray(Column[]::new);
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

  private static org.apache.spark.sql.types.DataType violationsType() {
    return DataTypes.createArrayType(DataTypes.createStructType(List.of(
        DataTypes.createStructField("check", DataTypes.StringType, false),
        DataTypes.createStructField("rule", DataTypes.StringType, false),
        DataTypes.createStructField("column", DataTypes.StringType, true),
        DataTypes.createStructField("message", DataTypes.StringType, false))), false);
  }

  private static void failOnFirstViolation(DatasetSpec spec, Dataset<Row> flagged) {
    List<Row> first = flagged.filter(size(col(VIOLATIONS)).gt(0))
        .orderBy(col(ParsedColumns.FILE), col(ParsedColumns.LINE))
        .select(col(ParsedColumns.FILE), col(ParsedColumns.LINE), col(VIOLATIONS).getItem(0).as("v"))
        .takeAsList(1);
    if (first.isEmpty()) {
      return;
    }
    Row row = first.get(0);
    Row v = row.getStruct(2);
    String column = v.isNullAt(2) ? "" : ", column " + v.getString(2);
    String line = row.isNullAt(1) ? "" : ", line " + row.getLong(1);
    throw new InputException(row.getString(0) + line + column + ": rule " + v.getString(1) + ": "
        + v.getString(3) + " (dataset " + spec.name() + "; --strict stops at the first bad row)");
  }
}
