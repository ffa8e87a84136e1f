package id.reintegrasi.job;

import id.reintegrasi.io.Pseudonymiser;
import id.reintegrasi.report.Language;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Parses and validates the job's options from the command line and, with {@code --config FILE},
 * from a properties file with the same names (without the dashes). The command line wins.
 */
public final class OptionsParser {

  /** One option: its name, the placeholder of its value (null for a flag), default, help line. */
  public enum Option {
    INPUT("input", "DIR", null, "input folder with one entry per dataset (NAME.csv, NAME.parquet or NAME/)"),
    OUTPUT("output", "DIR", null, "output folder; replaced as a whole when the run succeeds"),
    AS_OF("as-of", "yyyy-MM-dd", null, "data extraction date (default: latest event date in the inputs)"),
    WINDOWS("windows", "LIST", "6,12,24,36", "follow-up windows in months, comma separated"),
    WAITING_MONTHS("waiting-months", "N", "6", "months a conviction may take to reach the records"),
    COUNT_ARRESTS("count-arrests", null, "false", "count ARREST events as reoffending too"),
    MIN_CELL("min-cell", "K", "10", "disclosure threshold: counts from 1 to K-1 are suppressed"),
    STRICT("strict", null, "false", "stop at the first bad input row (exit 2) instead of quarantining"),
    MASTER("master", "URL", "local[*]", "Spark master when not launched by spark-submit"),
    DATE_FORMAT("date-format", "PATTERN", "yyyy-MM-dd", "date pattern of CSV inputs"),
    COLUMNS("columns", "FILE", null, "export column names to contract names, per dataset (jobs/columns-sdp.example.properties)"),
    SHUFFLE_PARTITIONS("shuffle-partitions", "N", "0", "Spark shuffle partitions (0: chosen from input size)"),
    MIN_TREATED("min-treated", "N", "60", "fewest treated releases (and comparison effective size) for a verdict"),
    LANDMARK_DAYS("landmark-days", "N", "90", "post-release programs: enrollment window and follow-up landmark"),
    PSEUDONYMISE("pseudonymise", null, "false",
        "replace every person_id on read by its HMAC-SHA256 pseudonym (key: $" + Pseudonymiser.ENV
            + " or --pseudonym-key-file)"),
    PSEUDONYM_KEY_FILE("pseudonym-key-file", "FILE", null,
        "file holding the pseudonymisation key (at least 16 bytes); the key itself is never an option"),
    LANG("lang", "id|en", "id", "language of report.html: id (Indonesian) or en (English)"),
    CONFIG("config", "FILE", null, "properties file with any of these options (command line wins)"),
    HELP("help", null, null, "print this help and exit");

    final String name;
    final String placeholder;
    final String defaultValue;
    final String description;

    Option(String name, String placeholder, String defaultValue, String description) {
      this.name = name;
      this.placeholder = placeholder;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    boolean isFlag() {
      return placeholder == null;
    }

    static Optional<Option> byName(String name) {
      return Arrays.stream(values()).filter(o -> o.name.equals(name)).findFirst();
    }
  }

  /** Thrown for an unknown or malformed option; the message says which and what is allowed. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** The command line asked for help: the caller prints {@link #help()} and exits 0. */
  public static final class HelpRequested extends RuntimeException {
    public HelpRequested() {
      super("help");
    }
  }

  private OptionsParser() {}

  public static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: jobs/run --input DIR --output DIR [options]\n\n")
        .append("Reads releases, program enrollments, training attendance and reoffence records,\n")
        .append("and writes Parquet summaries of reoffending by cohort and program.\n\nOptions:\n");
    for (Option o : Option.values()) {
      String left = "--" + o.name + (o.isFlag() ? "" : " " + o.placeholder);
      sb.append(String.format("  %-30s %s", left, o.description));
      if (o.defaultValue != null && !o.isFlag()) {
        sb.append(" [").append(o.defaultValue).append(']');
      }
      sb.append('\n');
    }
    sb.append("\nExit codes: 0 success, 2 bad options or unusable input, 1 unexpected failure.\n");
    return sb.toString();
  }

  /** Parses the command line; the pseudonymisation key, if asked for, may come from the process environment. */
  public static JobOptions parse(String... args) {
    return parse(System.getenv(), args);
  }

  /** Parses the command line with {@code env} standing for the process environment. */
  public static JobOptions parse(Map<String, String> env, String... args) {
    Map<Option, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        if (i > 0 && args[i - 1].startsWith("--" + Option.PSEUDONYMISE.name)) {
          // Perhaps a key typed after the flag: never echo it.
          throw new UsageException("Unexpected argument after --" + Option.PSEUDONYMISE.name
              + ": it is a flag and takes no value. " + KEY_SOURCES);
        }
        throw new UsageException("Unexpected argument '" + arg + "': options start with --. " + allowed());
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (isKeyName(name)) {
        throw new UsageException("--" + name + ": the pseudonymisation key is never taken from the command line"
            + " (it would show in the process list and the shell history). " + KEY_SOURCES);
      }
      String optionName = name;
      Option option = Option.byName(name)
          .orElseThrow(() -> new UsageException("Unknown option --" + optionName + ". " + allowed()));
      if (option == Option.HELP) {
        throw new HelpRequested();
      }
      if (option.isFlag()) {
        value = value == null ? "true" : value;
      } else if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException("Option --" + name + " needs a value (" + option.placeholder + ").");
        }
        value = args[++i];
      }
      if (given.put(option, value) != null) {
        throw new UsageException("Option --" + name + " is given twice.");
      }
    }
    if (given.containsKey(Option.CONFIG)) {
      Map<Option, String> fromFile = readConfig(Path.of(given.get(Option.CONFIG)));
      fromFile.forEach(given::putIfAbsent);
    }
    return build(given, env);
  }

  private static final String KEY_SOURCES = "Put the key in the environment variable " + Pseudonymiser.ENV
      + " or in a file only you can read, given with --pseudonym-key-file FILE.";

  /** An option name that would carry a key value: any name with "key" or "secret" but the key file's. */
  private static boolean isKeyName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    return !n.equals(Option.PSEUDONYM_KEY_FILE.name) && (n.contains("key") || n.contains("secret"));
  }

  private static Map<Option, String> readConfig(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new UsageException("Cannot read --config file " + file + ": " + e.getMessage());
    }
    Map<Option, String> values = new LinkedHashMap<>();
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      if (isKeyName(key)) {
        throw new UsageException("'" + key + "' in " + file + ": the pseudonymisation key is never read from"
            + " the --config file (it is shared and copied around with the options). " + KEY_SOURCES);
      }
      Option option = Option.byName(key)
          .filter(o -> o != Option.CONFIG && o != Option.HELP)
          .orElseThrow(() -> new UsageException(
              "Unknown option '" + key + "' in " + file + ". " + allowed()));
      values.put(option, props.getProperty(key).trim());
    }
    return values;
  }

  private static JobOptions build(Map<Option, String> v, Map<String, String> env) {
    String input = require(v, Option.INPUT);
    String output = require(v, Option.OUTPUT);
    Optional<LocalDate> asOf = Optional.ofNullable(v.get(Option.AS_OF)).map(OptionsParser::parseDate);
    List<Integer> windows = parseWindows(value(v, Option.WINDOWS));
    int waiting = parseInt(v, Option.WAITING_MONTHS, 0, 60);
    boolean countArrests = parseFlag(v, Option.COUNT_ARRESTS);
    int minCell = parseInt(v, Option.MIN_CELL, 1, 1_000_000);
    boolean strict = parseFlag(v, Option.STRICT);
    String master = value(v, Option.MASTER);
    String dateFormat = value(v, Option.DATE_FORMAT);
    try {
      DateTimeFormatter.ofPattern(dateFormat);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Option --date-format '" + dateFormat + "' is not a date pattern: "
          + e.getMessage() + ". Example: dd/MM/yyyy.");
    }
    int shuffle = parseInt(v, Option.SHUFFLE_PARTITIONS, 0, 100_000);
    int minTreated = parseInt(v, Option.MIN_TREATED, 1, 1_000_000);
    int landmark = parseInt(v, Option.LANDMARK_DAYS, 0, 3650);
    String langValue = value(v, Option.LANG);
    Language lang = Language.parse(langValue);
    if (lang == null) {
      throw new UsageException("Option --lang takes " + Language.allowed() + ", not '" + langValue.trim() + "'.");
    }
    // The output folder is replaced as a whole: an input inside it would be deleted, and an
    // output inside the input would be read as input next time.
    if (nested(output, input) || nested(input, output)) {
      throw new UsageException("--output and --input must not be the same folder or inside one another: --input "
          + input + ", --output " + output);
    }
    // The mapping file is read by the job, where its problems are input problems (exit 2) that
    // name its line; here only an empty value is refused.
    Optional<String> columns = Optional.ofNullable(v.get(Option.COLUMNS));
    if (columns.isPresent() && columns.get().isBlank()) {
      throw new UsageException("Option --columns needs a file name (FILE).");
    }
    return new JobOptions(input, output, asOf, windows, waiting, countArrests, minCell, strict,
        master, dateFormat, shuffle, minTreated, landmark, columns.map(String::trim), pseudonymiser(v, env), lang);
  }

  /** The pseudonymiser asked for, with its key from the key file or else the environment; null when off. */
  private static Pseudonymiser pseudonymiser(Map<Option, String> v, Map<String, String> env) {
    String flag = value(v, Option.PSEUDONYMISE).trim().toLowerCase(java.util.Locale.ROOT);
    if (!flag.equals("true") && !flag.equals("false")) {
      // The value is not echoed: it may be a key given by mistake.
      throw new UsageException("Option --" + Option.PSEUDONYMISE.name + " takes true or false (or no value). "
          + KEY_SOURCES);
    }
    String keyFile = v.get(Option.PSEUDONYM_KEY_FILE);
    if (flag.equals("false")) {
      if (keyFile != null) {
        throw new UsageException("--" + Option.PSEUDONYM_KEY_FILE.name + " is given but --"
            + Option.PSEUDONYMISE.name + " is not: add --" + Option.PSEUDONYMISE.name
            + " to pseudonymise person ids, or drop the key file.");
      }
      return null;
    }
    try {
      return keyFile != null ? Pseudonymiser.fromFile(Path.of(keyFile)) : Pseudonymiser.fromEnvironment(env);
    } catch (Pseudonymiser.KeyException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** True when {@code inner} is {@code outer} or lies inside it. */
  private static boolean nested(String inner, String outer) {
    try {
      return Path.of(inner).toAbsolutePath().normalize().startsWith(Path.of(outer).toAbsolutePath().normalize());
    } catch (RuntimeException e) {
      // A URI such as hdfs://... is compared as text, segment by segment.
      String a = inner.endsWith("/") ? inner : inner + "/";
      String b = outer.endsWith("/") ? outer : outer + "/";
      return a.startsWith(b);
    }
  }

  private static String value(Map<Option, String> v, Option o) {
    return v.getOrDefault(o, o.defaultValue);
  }

  private static String require(Map<Option, String> v, Option o) {
    String value = v.get(o);
    if (value == null || value.isBlank()) {
      throw new UsageException("Option --" + o.name + " " + o.placeholder + " is required. Run with --help for usage.");
    }
    return value;
  }

  private static boolean parseFlag(Map<Option, String> v, Option o) {
    String value = value(v, o).trim().toLowerCase();
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException("Option --" + o.name + " takes true or false, not '" + value + "'.");
    };
  }

  private static int parseInt(Map<Option, String> v, Option o, int min, int max) {
    String value = value(v, o).trim();
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new UsageException("Option --" + o.name + " must be between " + min + " and " + max + ", not " + n + ".");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("Option --" + o.name + " takes a whole number (" + o.placeholder + "), not '" + value + "'.");
    }
  }

  private static LocalDate parseDate(String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new UsageException("Option --as-of takes a date as yyyy-MM-dd, not '" + value + "'.");
    }
  }

  private static List<Integer> parseWindows(String value) {
    List<Integer> windows = new ArrayList<>();
    for (String part : value.split(",")) {
      try {
        int w = Integer.parseInt(part.trim());
        if (w < 1 || w > 240) {
          throw new UsageException("Option --windows takes months from 1 to 240, not " + w + ".");
        }
        windows.add(w);
      } catch (NumberFormatException e) {
        throw new UsageException("Option --windows takes whole months separated by commas (e.g. 6,12,24,36), not '" + value + "'.");
      }
    }
    List<Integer> sorted = windows.stream().distinct().sorted().collect(Collectors.toList());
    if (sorted.size() != windows.size()) {
      throw new UsageException("Option --windows lists a window twice: " + value + ".");
    }
    return List.copyOf(sorted);
  }

  private static String allowed() {
    return "Allowed: " + Arrays.stream(Option.values()).map(o -> "--" + o.name).collect(Collectors.joining(", ")) + ".";
  }
}
