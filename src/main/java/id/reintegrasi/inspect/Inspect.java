package id.reintegrasi.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * jobs/inspect: shows an output table (a Parquet folder or file) or lists the tables of an output
 * folder, reading Parquet directly with parquet-hadoop. No SparkSession is started, so an answer
 * takes about a second: footers give schema and row counts, rows are read only as far as needed.
 */
public final class Inspect {
  static final int DEFAULT_LIMIT = 50;
  static final int DEFAULT_WIDTH = 40;
  private static final String MANIFEST = "_manifest.json";

  /** The command line, parsed. */
  record Options(String path, String subject, String window, List<String[]> where, int limit,
      boolean schemaOnly, List<String> select, int width, boolean vertical) {}

  private Inspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns 0, 2 for a bad command line or an unreadable table, 1 otherwise. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Options o = parse(args);
      if (o == null) {
        out.print(help());
        return 0;
      }
      Configuration conf = new Configuration();
      Path path = new Path(o.path());
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new InspectException(o.path() + ": no such file or folder.");
      }
      if (ParquetTable.isTable(fs, path)) {
        out.print(table(conf, o));
      } else {
        out.print(folder(fs, conf, path, o.path()));
      }
      return 0;
    } catch (InspectException e) {
      err.println("inspect: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("inspect: failed: " + e);
      return 1;
    }
  }

  static String help() {
    return """
        Usage: jobs/inspect PATH [options]
          PATH a table (a Parquet folder of part files, or one Parquet file): prints its schema,
               row count and rows as a text table. PATH an output folder: lists its tables with
               row counts.
        Options:
          --subject X        rows whose subject_id (or subject) is X
          --window N         rows whose window_months is N
          --where COL=VALUE  rows whose COL is VALUE (repeatable; VALUE null matches missing values)
          --limit N          show at most N rows [50]; 0 shows none
          --select A,B,...   show only these columns
          --width N          cut longer cells to N characters [40]; 0 never cuts
          --vertical         one line per column and value (long sentences in full)
          --schema           the schema only
          --help             this text
        Text, codes and dates match ignoring case; numbers match as numbers (a double also as
        printed, six significant digits). Exit codes: 0 success, 2 bad option or unreadable table.
        Example: jobs/inspect out/program_effect --subject ALL_MOU --window 12
        """;
  }

  /** The options, or null when help was asked for. */
  static Options parse(String[] args) {
    String path = null;
    String subject = null;
    String window = null;
    List<String[]> where = new ArrayList<>();
    int limit = DEFAULT_LIMIT;
    boolean schemaOnly = false;
    List<String> select = List.of();
    int width = DEFAULT_WIDTH;
    boolean vertical = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        if (path != null) {
          throw new InspectException("one PATH only, not '" + path + "' and '" + arg + "'. Run with --help for usage.");
        }
        path = arg;
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help" -> {
          return null;
        }
        case "--schema" -> schemaOnly = true;
        case "--vertical" -> vertical = true;
        case "--subject", "--window", "--where", "--limit", "--select", "--width" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new InspectException(name + " needs a value. Run with --help for usage.");
            }
            value = args[++i];
          }
          switch (name) {
            case "--subject" -> subject = value;
            case "--window" -> window = number(name, value, 0) + "";
            case "--limit" -> limit = number(name, value, 0);
            case "--width" -> width = number(name, value, 0);
            case "--select" -> select = Arrays.stream(value.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
            default -> {
              int at = value.indexOf('=');
              if (at <= 0) {
                throw new InspectException("--where takes COLUMN=VALUE, e.g. --where verdict=REDUCED, not '" + value + "'.");
              }
              where.add(new String[] {value.substring(0, at).trim(), value.substring(at + 1)});
            }
          }
        }
        default -> throw new InspectException("unknown option " + name + ". Run with --help for usage.");
      }
    }
    if (path == null) {
      throw new InspectException("which table? Give a PATH, e.g. jobs/inspect out/program_effect. Run with --help for usage.");
    }
    return new Options(path, subject, window, List.copyOf(where), limit, schemaOnly, select, width, vertical);
  }

  private static int number(String option, String value, int min) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min) {
        throw new InspectException(option + " takes a whole number from " + min + ", not " + n + ".");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InspectException(option + " takes a whole number, not '" + value + "'.");
    }
  }

  /** Schema, row count and (unless --schema) the rows that pass the filters. */
  static String table(Configuration conf, Options o) {
    ParquetTable table = ParquetTable.open(conf, o.path());
    MessageType schema = table.schema();
    StringBuilder sb = new StringBuilder();
    sb.append(o.path()).append(": ").append(table.rows()).append(table.rows() == 1 ? " row" : " rows")
        .append(" in ").append(table.fileCount()).append(table.fileCount() == 1 ? " file" : " files")
        .append(", ").append(schema.getFieldCount()).append(" columns\n");
    int nameWidth = schema.getFields().stream().mapToInt(f -> f.getName().length()).max().orElse(0);
    for (Type field : schema.getFields()) {
      String line = "  " + pad(field.getName(), nameWidth) + "  " + Values.typeName(field)
          + (field.isRepetition(Type.Repetition.REQUIRED) ? " not null" : "");
      sb.append(line).append('\n');
    }
    // Filters are checked even with --schema, so that a typo in a column name is never silent.
    List<RowFilter> filters = new ArrayList<>();
    String name = o.path();
    if (o.subject() != null) {
      filters.add(RowFilter.of(schema, List.of("subject_id", "subject"), o.subject(), "--subject", name));
    }
    if (o.window() != null) {
      filters.add(RowFilter.of(schema, List.of("window_months"), o.window(), "--window", name));
    }
    for (String[] w : o.where()) {
      filters.add(RowFilter.of(schema, List.of(w[0]), w[1], "--where " + w[0], name));
    }
    List<Integer> shown = columns(schema, o.select(), name);
    if (o.schemaOnly() || o.limit() == 0 && filters.isEmpty()) {
      return sb.toString();
    }

    Predicate<Group> keep = g -> filters.stream().allMatch(f -> f.test(g));
    List<List<String>> rows = new ArrayList<>();
    long matching = table.scan(keep, g -> {
      if (rows.size() < o.limit()) {
        List<String> cells = new ArrayList<>(shown.size());
        for (int c : shown) {
          cells.add(Values.format(Values.read(g, c)));
        }
        rows.add(cells);
      }
      // Without filters the footers already gave the count: stop once the rows are in.
      return !filters.isEmpty() || rows.size() < o.limit();
    });
    if (filters.isEmpty()) {
      matching = table.rows();
    }
    String condition = filters.isEmpty() ? ""
        : " where " + String.join(" and ", filters.stream().map(RowFilter::describe).toList());
    sb.append('\n');
    if (matching == 0) {
      sb.append(filters.isEmpty() ? "No rows.\n" : "No rows of " + table.rows() + condition + ".\n");
      return sb.toString();
    }
    if (rows.isEmpty()) {
      sb.append(matching).append(matching == 1 ? " row" : " rows").append(condition).append(".\n");
      return sb.toString();
    }
    sb.append("Rows 1-").append(rows.size()).append(" of ").append(matching).append(condition)
        .append(rows.size() < matching ? " (--limit N shows more):\n" : ":\n");
    List<String> header = shown.stream().map(schema::getFieldName).toList();
    if (o.vertical()) {
      int width = header.stream().mapToInt(String::length).max().orElse(0);
      for (int r = 0; r < rows.size(); r++) {
        sb.append("-- row ").append(r + 1).append('\n');
        for (int c = 0; c < header.size(); c++) {
          sb.append(pad(header.get(c), width)).append("  ").append(rows.get(r).get(c)).append('\n');
        }
      }
      return sb.toString();
    }
    boolean[] right = new boolean[shown.size()];
    for (int c = 0; c < shown.size(); c++) {
      right[c] = Values.isNumeric(schema.getType(shown.get(c)));
    }
    TextTable text = new TextTable(header, right, o.width());
    rows.forEach(text::add);
    sb.append(text.render());
    return sb.toString();
  }

  /** Indexes of the columns to show: all, or those of --select in the order given. */
  private static List<Integer> columns(MessageType schema, List<String> select, String table) {
    List<Integer> all = new ArrayList<>();
    if (select.isEmpty()) {
      for (int i = 0; i < schema.getFieldCount(); i++) {
        all.add(i);
      }
      return all;
    }
    for (String s : select) {
      int found = -1;
      for (int i = 0; i < schema.getFieldCount(); i++) {
        if (schema.getFieldName(i).equalsIgnoreCase(s)) {
          found = i;
        }
      }
      if (found < 0) {
        throw new InspectException("--select: " + table + " has no column " + s + ". Its columns: "
            + String.join(", ", schema.getFields().stream().map(Type::getName).toList()) + ".");
      }
      all.add(found);
    }
    return all;
  }

  /**
   * An output folder: every table in it (and one level down, e.g. _quarantine/releases) with
   * rows, columns and files from the footers; the run's date and version from _manifest.json,
   * and any table whose row count differs from the manifest's.
   */
  static String folder(FileSystem fs, Configuration conf, Path dir, String shownAs) throws IOException {
    Map<String, ParquetTable> tables = new LinkedHashMap<>();
    collect(fs, conf, dir, "", 2, tables);
    if (tables.isEmpty()) {
      throw new InspectException(shownAs + ": neither a Parquet table nor a folder of tables.");
    }
    StringBuilder sb = new StringBuilder();
    Path manifestPath = new Path(dir, MANIFEST);
    String manifest = fs.exists(manifestPath) ? read(fs, manifestPath) : null;
    sb.append(shownAs).append(": ").append(tables.size()).append(tables.size() == 1 ? " table" : " tables");
    if (manifest != null) {
      // Seconds are enough to tell runs apart.
      sb.append(", run of ").append(field(manifest, "finished", "?").replaceFirst("\\.\\d+Z$", "Z"))
          .append(" (reintegrasi ").append(field(manifest, "version", "?"))
          .append(", as of ").append(field(manifest, "as_of", "?")).append(")");
    }
    sb.append('\n');
    TextTable text = new TextTable(List.of("table", "rows", "columns", "files"),
        new boolean[] {false, true, true, true}, 0);
    for (Map.Entry<String, ParquetTable> e : tables.entrySet()) {
      ParquetTable t = e.getValue();
      text.add(List.of(e.getKey(), Long.toString(t.rows()), Integer.toString(t.schema().getFieldCount()),
          Integer.toString(t.fileCount())));
    }
    sb.append(text.render());
    if (manifest != null) {
      Map<String, Long> listed = manifestCounts(manifest);
      List<String> differ = new ArrayList<>();
      for (Map.Entry<String, ParquetTable> e : tables.entrySet()) {
        Long m = listed.get(e.getKey());
        if (m != null && m != e.getValue().rows()) {
          differ.add(e.getKey() + " (manifest " + m + ", files " + e.getValue().rows() + ")");
        }
      }
      if (!differ.isEmpty()) {
        sb.append("Row counts differ from ").append(MANIFEST).append(": ").append(String.join(", ", differ)).append('\n');
      }
    }
    return sb.toString();
  }

  private static void collect(FileSystem fs, Configuration conf, Path dir, String prefix, int depth,
      Map<String, ParquetTable> tables) throws IOException {
    FileStatus[] entries = fs.listStatus(dir, p -> !p.getName().startsWith("."));
    // Summaries first, then the bookkeeping folders (_quarantine) that only some readers may open.
    Arrays.sort(entries, Comparator.comparing((FileStatus s) -> s.getPath().getName().startsWith("_"))
        .thenComparing(s -> s.getPath().getName()));
    for (FileStatus entry : entries) {
      if (!entry.isDirectory()) {
        continue;
      }
      String name = prefix + entry.getPath().getName();
      if (!ParquetTable.parts(fs, entry.getPath()).isEmpty()) {
        tables.put(name, ParquetTable.open(conf, entry.getPath().toString()));
      } else if (depth > 1) {
        collect(fs, conf, entry.getPath(), name + "/", depth - 1, tables);
      }
    }
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A top-level string field of the manifest (written by io/Json: one "key": value per line). */
  private static String field(String json, String key, String otherwise) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": \"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : otherwise;
  }

  /** Row counts the manifest lists for outputs ("table") and quarantined datasets ("dataset"). */
  private static Map<String, Long> manifestCounts(String json) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\"(table|dataset)\": \"([^\"]*)\",\\s*\"rows\": (\\d+)(,\\s*\"path\": \"([^\"]*)\")?")
        .matcher(json);
    while (m.find()) {
      String name = m.group(5) != null ? m.group(5) : m.group(2);
      if (m.group(1).equals("table") || m.group(5) != null) {
        counts.put(name, Long.parseLong(m.group(3)));
      }
    }
    return counts;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
