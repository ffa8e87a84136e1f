package id.reintegrasi.io;

import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.DatasetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Streams one CSV file as rows of {@link ParsedColumns#schemaOf} the dataset: typed declared
 * columns plus file, line and parse problems. Blank lines become marker rows (counted, then
 * dropped). Memory stays bounded whatever the file size.
 */
final class CsvRowIterator implements Iterator<Row> {
  private final DatasetSpec spec;
  private final String file;
  private final ValueParser values;
  private final CsvParser parser;
  private final HeaderMapping mapping;
  private final Pseudonymiser pseudonyms;
  private final int personColumn;
  private long blankLinesLeft = -1;

  /** With {@code pseudonyms} set, person ids are replaced before a row leaves this iterator. */
  CsvRowIterator(DatasetSpec spec, String file, InputStream in, ValueParser values, ColumnMapping columns,
      Pseudonymiser pseudonyms)
      throws IOException {
    this.spec = spec;
    this.file = file;
    this.values = values;
    this.parser = new CsvParser(in, file);
    this.mapping = HeaderMapping.of(spec, columns.apply(spec, parser.header(), file), file);
    this.pseudonyms = pseudonyms;
    this.personColumn = pseudonyms == null ? -1 : spec.columnNames().indexOf(Pseudonymiser.PERSON_COLUMN);
  }

  @Override
  public boolean hasNext() {
    if (parser.hasNext()) {
      return true;
    }
    if (blankLinesLeft < 0) {
      blankLinesLeft = parser.blankLines();
      parser.close();
    }
    return blankLinesLeft > 0;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (blankLinesLeft > 0) {
      blankLinesLeft--;
      return marker();
    }
    return toRow(parser.next());
  }

  private Row marker() {
    Object[] out = new Object[spec.columns().size() + 6];
    int n = spec.columns().size();
    out[n] = file;
    out[n + 2] = ParsedColumns.BLANK_LINE;
    out[n + 3] = "blank line skipped";
    return RowFactory.create(out);
  }

  private Row toRow(CsvRecord record) {
    List<ColumnSpec> columns = spec.columns();
    int n = columns.size();
    Object[] out = new Object[n + 6];
    String[] fields = record.fields();
    List<String> bad = new ArrayList<>(0);
    if (record.ok()) {
      for (int c = 0; c < n; c++) {
        int pos = mapping.position(c);
        String field = pos >= 0 && pos < fields.length ? fields[pos] : null;
        Object value = values.parse(field, columns.get(c).type());
        if (value == ValueParser.INVALID) {
          bad.add(columns.get(c).name());
        } else {
          out[c] = c == personColumn ? pseudonyms.apply((String) value) : value;
        }
      }
    }
    out[n] = file;
    out[n + 1] = record.line();
    out[n + 2] = record.rule();
    out[n + 3] = record.message();
    out[n + 4] = bad.isEmpty() ? null : CollectionConverters.asScala(bad).toSeq();
    if (!record.ok() || !bad.isEmpty()) {
      Map<String, String> raw = new LinkedHashMap<>();
      // A malformed record's fields need not stand under their header (a missing comma shifts
      // them), so a person id could sit under any name: with pseudonyms on, none is kept.
      boolean withhold = pseudonyms != null && !record.ok();
      for (int c = 0; c < n; c++) {
        int pos = mapping.position(c);
        String field = withhold || pos < 0 || pos >= fields.length ? null : fields[pos];
        raw.put(columns.get(c).name(), c == personColumn ? pseudonyms.apply(field) : field);
      }
      out[n + 5] = CollectionConverters.asScala(raw);
    }
    return RowFactory.create(out);
  }
}
