package id.reintegrasi.io;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.ColumnType;
import id.reintegrasi.schema.DatasetSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Finds and reads the input datasets of the data contract. A dataset is {@code NAME.csv},
 * {@code NAME.parquet} or a folder {@code NAME/} of CSV or Parquet part files. CSV files are
 * parsed by {@link CsvParser} with exact line numbers; Parquet files keep their row numbers.
 * Either way every row comes out in the declared schema plus {@link ParsedColumns}.
 */
public final class InputReader {

  public enum Format { CSV, PARQUET }

  /** Where a dataset's files are: full paths and names relative to the input folder. */
  public record Source(DatasetSpec spec, Format format, List<String> paths, List<String> names) {}

  /** A dataset read lazily, with what its headers said. */
  public record Read(Source source, Dataset<Row> rows, List<String> unknownColumns,
      List<String> missingOptionalColumns) {}

  private final SparkSession spark;
  private final Path inputDir;
  private final FileSystem fs;
  private final ValueParser values;
  private final ColumnMapping columns;
  private final Pseudonymiser pseudonyms;

  public InputReader(SparkSession spark, String inputDir, String datePattern) {
    this(spark, inputDir, datePattern, ColumnMapping.NONE, null);
  }

  /**
   * @param columns export column names to contract names (--columns), applied to every header
   * @param pseudonyms when set, every {@value Pseudonymiser#PERSON_COLUMN} value is replaced as it
   *     is read, in the typed columns and in the original values kept for quarantine, so that
   *     nothing downstream (validation, quarantine, the work area, summaries) sees a raw id
   */
  public InputReader(SparkSession spark, String inputDir, String datePattern, ColumnMapping columns,
      Pseudonymiser pseudonyms) {
    this.spark = spark;
    this.columns = columns;
    this.pseudonyms = pseudonyms;
    try {
      Path dir = new Path(inputDir);
      this.fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.inputDir = fs.makeQualified(dir);
      if (!fs.getFileStatus(this.inputDir).isDirectory()) {
        throw new InputException("--input " + inputDir + " is not a folder.");
      }
    } catch (FileNotFoundException e) {
      throw new InputException("--input folder " + inputDir + " does not exist.");
    } catch (IOException e) {
      throw new InputException("Cannot read --input folder " + inputDir + ": " + e.getMessage(), e);
    }
    this.values = new ValueParser(datePattern);
  }

  /** Finds a dataset's files; empty when it is absent (an error for a required dataset). */
  public Optional<Source> locate(DatasetSpec spec) {
    try {
      String name = spec.name();
      List<Source> found = new ArrayList<>();
      for (FileStatus status : fs.listStatus(inputDir)) {
        String entry = status.getPath().getName();
        if (status.isFile() && entry.equalsIgnoreCase(name + ".csv")) {
          found.add(new Source(spec, Format.CSV, List.of(status.getPath().toString()), List.of(entry)));
        } else if (status.isFile() && entry.equalsIgnoreCase(name + ".parquet")) {
          found.add(new Source(spec, Format.PARQUET, List.of(status.getPath().toString()), List.of(entry)));
        } else if (status.isDirectory() && entry.equalsIgnoreCase(name)) {
          found.add(folder(spec, status.getPath()));
        }
      }
      if (found.size() > 1) {
        // Named as in the input folder (NAME.csv, NAME/), sorted so the message is the same on every file system.
        throw new InputException("Input " + name + " is given more than once ("
            + String.join(", ", found.stream().map(s -> s.names().get(0).contains("/") ? name + "/" : s.names().get(0))
                .sorted().toList())
            + "): keep one of NAME.csv, NAME.parquet or NAME/.");
      }
      if (found.isEmpty() && spec.required()) {
        throw new InputException("Required input '" + name + "' is missing: expected "
            + name + ".csv, " + name + ".parquet or a folder " + name + "/ in the input folder.");
      }
      return found.stream().findFirst();
    } catch (IOException e) {
      throw new InputException("Cannot list the input folder: " + e.getMessage(), e);
    }
  }

  private Source folder(DatasetSpec spec, Path dir) throws IOException {
    List<FileStatus> parts = new ArrayList<>(Arrays.asList(fs.listStatus(dir,
        p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))));
    parts.sort(Comparator.comparing(s -> s.getPath().getName()));
    Set<Format> formats = new LinkedHashSet<>();
    List<String> paths = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (FileStatus part : parts) {
      String file = part.getPath().getName().toLowerCase(Locale.ROOT);
      if (!part.isFile()) {
        continue;
      }
      if (file.endsWith(".csv")) {
        formats.add(Format.CSV);
      } else if (file.endsWith(".parquet")) {
        formats.add(Format.PARQUET);
      } else {
        throw new InputException(spec.name() + "/" + part.getPath().getName()
            + ": not a .csv or .parquet part file (rule: part_file_type).");
      }
      paths.add(part.getPath().toString());
      names.add(spec.name() + "/" + part.getPath().getName());
    }
    if (formats.size() != 1) {
      throw new InputException("Folder " + spec.name() + "/ must hold .csv or .parquet part files, "
          + (formats.isEmpty() ? "and it holds none." : "not both."));
    }
    return new Source(spec, formats.iterator().next(), List.copyOf(paths), List.copyOf(names));
  }

  public Read read(Source source) {
    return source.format() == Format.CSV ? readCsv(source) : readParquet(source);
  }

  private Read readCsv(Source source) {
    DatasetSpec spec = source.spec();
    // Step 1: check every file's header on the driver, so a structurally unusable file stops the
    // run before any work is distributed.
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> missingOptional = new LinkedHashSet<>();
    for (int i = 0; i < source.paths().size(); i++) {
      String name = source.names().get(i);
      Path path = new Path(source.paths().get(i));
      try (InputStream in = fs.open(path); CsvParser parser = new CsvParser(in, name)) {
        HeaderMapping mapping = HeaderMapping.of(spec, columns.apply(spec, parser.header(), name), name);
        unknown.addAll(mapping.unknownColumns());
        missingOptional.addAll(mapping.missingOptionalColumns());
      } catch (CsvFormatException e) {
        throw new InputException(e.getMessage() + " (rule: " + e.rule() + ").", e);
      } catch (IOException e) {
        throw new InputException(name + ": cannot be read: " + e.getMessage(), e);
      }
    }
    // Step 2: stream every file in a task of its own.
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = Math.max(source.paths().size(), jsc.defaultParallelism());
    ValueParser parser = values;
    ColumnMapping mappedColumns = columns;
    Pseudonymiser pseudonymiser = pseudonyms;
    String dataset = spec.name();
    JavaRDD<InternalRow> rows = jsc.binaryFiles(String.join(",", source.paths()), partitions)
        .flatMap(file -> {
          InputStream in = file._2().open();
          TaskContext task = TaskContext.get();
          if (task != null) {
            task.addTaskCompletionListener(ctx -> {
              try {
                in.close();
              } catch (IOException ignored) {
                // the stream was fully read or the task failed; nothing to recover
              }
            });
          }
          return new CsvRowIterator(spec, relativeName(file._1(), dataset), in, parser, mappedColumns, pseudonymiser);
        });
    // The rows are built as Spark holds them (see CsvRowIterator): no conversion from Java objects.
    Dataset<Row> df = ((org.apache.spark.sql.classic.SparkSession) spark)
        .internalCreateDataFrame(rows.rdd(), ParsedColumns.schemaOf(spec), false);
    return new Read(source, df, List.copyOf(unknown), List.copyOf(missingOptional));
  }

  /** "…/training/part-1.csv" becomes "training/part-1.csv"; "…/releases.csv" becomes "releases.csv". */
  static String relativeName(String fullPath, String dataset) {
    String[] segments = fullPath.split("/");
    String file = segments[segments.length - 1];
    String parent = segments.length > 1 ? segments[segments.length - 2] : "";
    return parent.equalsIgnoreCase(dataset) ? parent + "/" + file : file;
  }

  private Read readParquet(Source source) {
    DatasetSpec spec = source.spec();
    String name = String.join(", ", source.names());
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(source.paths().toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new InputException(name + ": cannot be read as Parquet: " + e.getMessage(), e);
    }
    // The file's own names select the columns; the mapped names find them in the contract.
    List<String> header = Arrays.asList(raw.columns());
    HeaderMapping mapping = HeaderMapping.of(spec, columns.apply(spec, header, name), name);
    List<Column> out = new ArrayList<>();
    List<Column> badFlags = new ArrayList<>();
    List<Column> rawValues = new ArrayList<>();
    for (int c = 0; c < spec.columns().size(); c++) {
      ColumnSpec column = spec.columns().get(c);
      int pos = mapping.position(c);
      if (pos < 0) {
        out.add(lit(null).cast(column.type().sparkType()).as(column.name()));
        continue;
      }
      Column source0 = col("`" + header.get(pos) + "`");
      boolean textSource = raw.schema().fields()[pos].dataType() == DataTypes.StringType;
      Column blank = lit(false);
      Column typed;
      if (textSource) {
        // Text is read as the CSV parser reads a field: trimmed of the same characters, blank as
        // null, and a date, number or boolean by the same rules (the --date-format included).
        Column trimmed = trim(source0, CSV_TRIMMED);
        blank = coalesce(trimmed.equalTo(lit("")), lit(false));
        typed = column.type().sparkType() == DataTypes.StringType
            ? when(not(blank), trimmed)
            : parsedText(column.type()).apply(source0);
        if (column.type() == ColumnType.DATE) {
          typed = date_from_unix_date(typed);
        }
      } else {
        typed = column.type().sparkType() == DataTypes.StringType
            ? when(trim(source0.cast(DataTypes.StringType)).notEqual(lit("")),
                trim(source0.cast(DataTypes.StringType)))
            : source0.try_cast(column.type().sparkType());
        if (column.type() == ColumnType.DECIMAL) {
          typed = source0.try_cast(DataTypes.createDecimalType(38, 10)).try_cast(column.type().sparkType());
        }
      }
      Column rawValue = source0.cast(DataTypes.StringType);
      if (pseudonyms != null && column.name().equals(Pseudonymiser.PERSON_COLUMN)) {
        // A UDF, not an expression of the key: plans (which Spark may log) show no key material.
        UserDefinedFunction pseudonym = udf((UDF1<String, String>) pseudonyms::apply, DataTypes.StringType);
        typed = pseudonym.apply(typed);
        rawValue = pseudonym.apply(rawValue);
      }
      out.add(typed.as(column.name()));
      badFlags.add(when(source0.isNotNull().and(not(blank)).and(typed.isNull()), array(lit(column.name())))
          .otherwise(array().cast(DataTypes.createArrayType(DataTypes.StringType, false))));
      rawValues.add(lit(column.name()));
      rawValues.add(rawValue);
    }
    Column path = split(col("_metadata.file_path"), "/");
    Column file = when(element_at(path, -2).equalTo(lit(spec.name())),
        concat(lit(spec.name() + "/"), element_at(path, -1))).otherwise(element_at(path, -1));
    Column bad = badFlags.isEmpty()
        ? array().cast(DataTypes.createArrayType(DataTypes.StringType, false))
        : flatten(array(badFlags.toArray(Column[]::new))); // compiled, unlike a filter with a lambda
    out.add(file.as(ParsedColumns.FILE));
    out.add(col("_metadata.row_index").plus(1).as(ParsedColumns.LINE));
    out.add(lit(null).cast(DataTypes.StringType).as(ParsedColumns.RECORD_RULE));
    out.add(lit(null).cast(DataTypes.StringType).as(ParsedColumns.RECORD_MESSAGE));
    out.add(bad.as(ParsedColumns.BAD_COLUMNS));
    out.add(when(size(bad).gt(0), map(rawValues.toArray(Column[]::new))).as(ParsedColumns.RAW));
    Dataset<Row> rows = raw.select(out.toArray(Column[]::new));
    return new Read(source, rows, mapping.unknownColumns(), mapping.missingOptionalColumns());
  }

  /** The characters {@link String#trim} (and so the CSV parser) strips: U+0000 to U+0020. */
  private static final String CSV_TRIMMED;

  static {
    StringBuilder b = new StringBuilder();
    for (char c = 0; c <= ' '; c++) {
      b.append(c);
    }
    CSV_TRIMMED = b.toString();
  }

  /**
   * A text column of a Parquet file read as a typed contract column, by {@link ValueParser}:
   * null where the value is invalid (or blank; the caller tells the two apart).
   */
  private UserDefinedFunction parsedText(ColumnType type) {
    ValueParser parser = values;
    return switch (type) {
      // A day number, made a date by Spark (date_from_unix_date): no time zone on the way.
      case DATE -> udf((UDF1<String, Integer>) v -> parser.parse(v, type) instanceof java.time.LocalDate date
          ? (int) date.toEpochDay() : null, DataTypes.IntegerType);
      case INT -> udf((UDF1<String, Integer>) v -> parser.parse(v, type) instanceof Integer i ? i : null,
          DataTypes.IntegerType);
      case DECIMAL -> udf((UDF1<String, java.math.BigDecimal>) v ->
          parser.parse(v, type) instanceof java.math.BigDecimal d ? d : null, type.sparkType());
      case BOOLEAN -> udf((UDF1<String, Boolean>) v -> parser.parse(v, type) instanceof Boolean b ? b : null,
          DataTypes.BooleanType);
      default -> throw new IllegalArgumentException("not a parsed type: " + type);
    };
  }
}
