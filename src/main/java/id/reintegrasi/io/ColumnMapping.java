package id.reintegrasi.io;

import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.InputDatasets;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code --columns FILE} mapping of an export's own column names to the contract's, per
 * dataset, so that an SDP export can be read as it comes out of the system. One mapping a line:
 *
 * <pre>
 * # dataset.export column name = contract column
 * releases.ID Narapidana = person_id
 * releases.Tanggal Bebas = release_date
 * </pre>
 *
 * <p>The dataset is the text before the first dot; the export name is the rest up to the last
 * '=' (it may hold spaces and dots, e.g. "No. Register"); blank lines and lines starting with
 * '#' or '!' are comments. Export names match headers as contract names do: ignoring case and
 * treating spaces and hyphens as underscores. Columns not listed keep their names, so a file
 * only needs the columns that differ. Not a Java properties file: those end a key at its first
 * space, and export names have spaces.
 */
public final class ColumnMapping implements Serializable {
  /** No mapping: every header is read as it is. */
  public static final ColumnMapping NONE = new ColumnMapping("", List.of());

  /** One line of the mapping file. */
  public record Entry(String dataset, String exportName, String contractColumn, int line) implements Serializable {}

  private final String file;
  private final List<Entry> entries;

  private ColumnMapping(String file, List<Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /**
   * Reads a mapping file (UTF-8).
   *
   * @throws InputException naming the file and line for an unreadable file, a malformed line, an
   *     unknown dataset or contract column, or a column mapped twice
   */
  public static ColumnMapping read(Path path) {
    try {
      return parse(path.toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new InputException("--columns file " + path + " does not exist.");
    } catch (CharacterCodingException e) {
      throw new InputException("--columns file " + path + " is not UTF-8 text.");
    } catch (IOException e) {
      throw new InputException("Cannot read --columns file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Parses the lines of a mapping file; {@code file} names it in messages. */
  public static ColumnMapping parse(String file, List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int line = i + 1;
      String text = lines.get(i).strip();
      if (i == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1).strip();
      }
      if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
        continue;
      }
      int eq = text.lastIndexOf('=');
      int dot = text.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw problem(file, line, "expected 'dataset.export column = contract_column', e.g. "
            + "'releases.Tanggal Bebas = release_date', not '" + text + "'");
      }
      String dataset = text.substring(0, dot).strip();
      String exportName = text.substring(dot + 1, eq).strip();
      String contract = text.substring(eq + 1).strip();
      if (dataset.isEmpty() || exportName.isEmpty() || contract.isEmpty()) {
        throw problem(file, line, "the dataset, the export column and the contract column must all be given, "
            + "as in 'releases.Tanggal Bebas = release_date'");
      }
      DatasetSpec spec = InputDatasets.ALL.stream().filter(s -> s.name().equalsIgnoreCase(dataset)).findFirst()
          .orElseThrow(() -> problem(file, line, "unknown dataset '" + dataset + "'; the datasets are "
              + InputDatasets.ALL.stream().map(DatasetSpec::name).collect(Collectors.joining(", "))));
      String column = HeaderMapping.normalize(contract);
      if (!spec.columnNames().contains(column)) {
        throw problem(file, line, spec.name() + " has no contract column '" + contract + "'; its columns are "
            + String.join(", ", spec.columnNames()));
      }
      for (Entry e : entries) {
        if (!e.dataset().equals(spec.name())) {
          continue;
        }
        if (e.contractColumn().equals(column)) {
          throw problem(file, line, spec.name() + "." + column + " is mapped twice: from '" + e.exportName()
              + "' on line " + e.line() + " and from '" + exportName + "' here; map one export column to it");
        }
        if (HeaderMapping.normalize(e.exportName()).equals(HeaderMapping.normalize(exportName))) {
          throw problem(file, line, "export column '" + exportName + "' of " + spec.name()
              + " is already mapped, to " + e.contractColumn() + " on line " + e.line());
        }
      }
      entries.add(new Entry(spec.name(), exportName, column, line));
    }
    return new ColumnMapping(file, List.copyOf(entries));
  }

  private static InputException problem(String file, int line, String what) {
    return new InputException("--columns " + file + " line " + line + ": " + what + ".");
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * A file's header with the mapped export names replaced by their contract columns; the other
   * names are kept as they are.
   *
   * @param source the file, named in messages
   * @throws InputException when a mapped export column is absent from the header, or the header
   *     also holds the contract column the export column is mapped to
   */
  public List<String> apply(DatasetSpec spec, List<String> header, String source) {
    List<String> normalized = header.stream().map(HeaderMapping::normalize).toList();
    List<String> out = new ArrayList<>(header);
    for (Entry e : entries) {
      if (!e.dataset().equals(spec.name())) {
        continue;
      }
      int at = normalized.indexOf(HeaderMapping.normalize(e.exportName()));
      if (at < 0) {
        throw new InputException("--columns " + file + " line " + e.line() + ": " + source + " has no column '"
            + e.exportName() + "' (rule: mapped_column; the header has: " + String.join(", ", header) + ").");
      }
      int clash = normalized.indexOf(e.contractColumn());
      if (clash >= 0 && clash != at) {
        throw new InputException("--columns " + file + " line " + e.line() + ": " + source + " has both '"
            + e.exportName() + "', mapped to " + e.contractColumn() + ", and a column '" + header.get(clash)
            + "' (rule: mapped_column); drop the line or the column.");
      }
      out.set(at, e.contractColumn());
    }
    return out;
  }

  /** The mapping as written, one "dataset.export = contract" a line, for the run manifest. */
  public List<String> describe() {
    return entries.stream().map(e -> e.dataset() + "." + e.exportName() + " = " + e.contractColumn()).toList();
  }
}
