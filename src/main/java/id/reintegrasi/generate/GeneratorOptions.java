package id.reintegrasi.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's options, parsed and validated in one place. Each option is declared once with
 * a one-line description that is also the {@code --help} text.
 */
public record GeneratorOptions(Path output, int releases, long seed, Format format, LocalDate asOf, int badRows,
    double courseSessions) {

  public enum Format { CSV, PARQUET }

  public static final int RELEASES_DEFAULT = 3000;
  public static final long SEED_DEFAULT = 20251019L;
  public static final Format FORMAT_DEFAULT = Format.CSV;
  public static final LocalDate AS_OF_DEFAULT = LocalDate.of(2026, 9, 30);
  public static final int BAD_ROWS_DEFAULT = 0;
  public static final double COURSE_SESSIONS_DEFAULT = 1.0;
  /** Bad rows take ids from a high block (R9xxxxxx); keep normal ids clear of it. */
  public static final int RELEASES_MAX_WITH_BAD_ROWS = 8_000_000;

  /** Option name -> description, in --help order. */
  static final Map<String, String> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("output", "DIR: directory to write the datasets into (created if missing; required)");
    OPTIONS.put("releases", "N: number of release rows to generate (default " + RELEASES_DEFAULT + ")");
    OPTIONS.put("seed", "S: random seed; the same seed and options give byte-identical CSV files (default "
        + SEED_DEFAULT + ")");
    OPTIONS.put("format", "csv|parquet: NAME.csv files, or NAME/part-00000.parquet folders (default csv)");
    OPTIONS.put("as-of", "yyyy-MM-dd: the extract date; nothing later appears in the data (default "
        + AS_OF_DEFAULT + ")");
    OPTIONS.put("bad-rows", "K: plant K deliberately bad rows, one per kind, spread over the datasets (default "
        + BAD_ROWS_DEFAULT + ")");
    OPTIONS.put("course-sessions", "F: sessions of every in-custody course times F, 0.1..10 (default 1: about 13 training"
        + " rows per enrollment)");
    OPTIONS.put("help", "print this help and exit");
  }

  /** A command line that cannot be run; the message says why. Exit code 2. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Thrown for {@code --help}; carries the help text. */
  public static final class HelpRequested extends Exception {
    public HelpRequested() {
      super(help());
    }
  }

  public static GeneratorOptions parse(List<String> args) throws UsageException, HelpRequested {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new UsageException("Unexpected argument '" + arg + "': options are written --name value.");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!OPTIONS.containsKey(name)) {
        throw new UsageException("Unknown option --" + name + ". Supported: --" + String.join(", --", OPTIONS.keySet()) + ".");
      }
      if (name.equals("help")) {
        throw new HelpRequested();
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException("Option --" + name + " needs a value.");
        }
        value = args.get(++i);
      }
      if (values.put(name, value) != null) {
        throw new UsageException("Option --" + name + " is given twice.");
      }
    }
    String out = values.get("output");
    if (out == null || out.isBlank()) {
      throw new UsageException("Option --output DIR is required.");
    }
    int releases = positiveInt(values, "releases", RELEASES_DEFAULT, 1);
    long seed;
    try {
      seed = values.containsKey("seed") ? Long.parseLong(values.get("seed")) : SEED_DEFAULT;
    } catch (NumberFormatException e) {
      throw new UsageException("Option --seed must be a whole number, not '" + values.get("seed") + "'.");
    }
    Format format;
    String f = values.getOrDefault("format", FORMAT_DEFAULT.name());
    try {
      format = Format.valueOf(f.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("Option --format must be csv or parquet, not '" + f + "'.");
    }
    LocalDate asOf;
    try {
      asOf = values.containsKey("as-of") ? LocalDate.parse(values.get("as-of")) : AS_OF_DEFAULT;
    } catch (DateTimeParseException e) {
      throw new UsageException("Option --as-of must be a date yyyy-MM-dd, not '" + values.get("as-of") + "'.");
    }
    if (asOf.isBefore(LocalDate.of(2020, 1, 1))) {
      throw new UsageException("Option --as-of must be 2020-01-01 or later: releases start on 2019-01-01.");
    }
    int badRows = positiveInt(values, "bad-rows", BAD_ROWS_DEFAULT, 0);
    if (badRows > 0 && releases > RELEASES_MAX_WITH_BAD_ROWS) {
      throw new UsageException("Option --bad-rows needs --releases at most " + RELEASES_MAX_WITH_BAD_ROWS + ".");
    }
    double courseSessions = COURSE_SESSIONS_DEFAULT;
    if (values.containsKey("course-sessions")) {
      String v = values.get("course-sessions");
      try {
        courseSessions = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        courseSessions = Double.NaN;
      }
      if (!(courseSessions >= 0.1 && courseSessions <= 10)) {
        throw new UsageException("Option --course-sessions must be a number from 0.1 to 10, not '" + v + "'.");
      }
    }
    return new GeneratorOptions(Path.of(out), releases, seed, format, asOf, badRows, courseSessions);
  }

  /** The options with defaults for what is not given (tests and callers in code). */
  public GeneratorOptions(Path output, int releases, long seed, Format format, LocalDate asOf, int badRows) {
    this(output, releases, seed, format, asOf, badRows, COURSE_SESSIONS_DEFAULT);
  }

  private static int positiveInt(Map<String, String> values, String name, int dflt, int min) throws UsageException {
    String v = values.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n < min) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("Option --" + name + " must be a whole number >= " + min + ", not '" + v + "'.");
    }
  }

  public static String help() {
    StringBuilder sb = new StringBuilder(
        "Usage: DataGenerator --output DIR [--releases N] [--seed S] [--format csv|parquet] [--as-of yyyy-MM-dd] [--bad-rows K]\n"
            + "                     [--course-sessions F]\n"
            + "Writes synthetic, contract-shaped input data (releases, mous, programs, enrollments, training,\n"
            + "reoffences, followups) for the Jambi province reintegration jobs.\n\nOptions:\n");
    for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
      sb.append(String.format("  --%-15s %s%n", e.getKey(), e.getValue()));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "output=" + output + " releases=" + releases + " seed=" + seed + " format="
        + format.name().toLowerCase(java.util.Locale.ROOT) + " as-of=" + asOf + " bad-rows=" + badRows
        + (courseSessions == COURSE_SESSIONS_DEFAULT ? "" : " course-sessions=" + courseSessions);
  }
}
