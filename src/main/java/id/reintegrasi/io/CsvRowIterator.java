package id.reintegrasi.io;

import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.DatasetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Streams one CSV file as rows of {@link ParsedColumns#schemaOf} the dataset: typed declared
 * columns plus file, line and parse problems. Blank lines become marker rows (counted, then
 * dropped). Memory stays bounded whatever the file size.
 *
 * <p>Rows come out as Spark holds them inside a query ({@link InternalRow}: text as UTF-8 bytes,
 * dates as day numbers), built straight from the parser. A plain line (see
 * {@link CsvParser.PlainRecord}), nearly every line of a real export, is read from its bytes
 * without a string per field; any other record goes the general way, with the same values.
 */
final class CsvRowIterator implements Iterator<InternalRow> {
  private final DatasetSpec spec;
  private final UTF8String file;
  private final ValueParser values;
  private final CsvParser parser;
  private final HeaderMapping mapping;
  private final Pseudonymiser pseudonyms;
  private final int personColumn;
  private final CsvParser.PlainRecord plain = new CsvParser.PlainRecord();
  private InternalRow ahead;
  private long blankLinesLeft = -1;

  /** With {@code pseudonyms} set, person ids are replaced before a row leaves this iterator. */
  CsvRowIterator(DatasetSpec spec, String file, InputStream in, ValueParser values, ColumnMapping columns,
      Pseudonymiser pseudonyms)
      throws IOException {
    this.spec = spec;
    this.file = UTF8String.fromString(file);
    this.values = values;
    this.parser = new CsvParser(in, file);
    this.mapping = HeaderMapping.of(spec, columns.apply(spec, parser.header(), file), file);
    this.pseudonyms = pseudonyms;
    this.personColumn = pseudonyms == null ? -1 : spec.columnNames().indexOf(Pseudonymiser.PERSON_COLUMN);
  }

  @Override
  public boolean hasNext() {
    if (ahead == null) {
      ahead = read();
    }
    return ahead != null;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    InternalRow row = ahead;
    ahead = null;
    return row;
  }

  private InternalRow read() {
    if (blankLinesLeft < 0) {
      if (parser.nextPlain(plain)) {
        return plainRow(plain);
      }
      if (parser.hasNext()) {
        return recordRow(parser.next());
      }
      blankLinesLeft = parser.blankLines();
      parser.close();
    }
    if (blankLinesLeft > 0) {
      blankLinesLeft--;
      return marker();
    }
    return null;
  }

  private InternalRow marker() {
    Object[] out = new Object[spec.columns().size() + 6];
    int n = spec.columns().size();
    out[n] = file;
    out[n + 2] = UTF8String.fromString(ParsedColumns.BLANK_LINE);
    out[n + 3] = UTF8String.fromString("blank line skipped");
    return new GenericInternalRow(out);
  }

  private InternalRow plainRow(CsvParser.PlainRecord record) {
    List<ColumnSpec> columns = spec.columns();
    int n = columns.size();
    Object[] out = new Object[n + 6];
    byte[] bytes = record.bytes();
    List<String> bad = null;
    for (int c = 0; c < n; c++) {
      int pos = mapping.position(c);
      if (pos < 0) {
        continue; // an optional column the file does not have
      }
      Object value;
      if (c == personColumn) {
        Object text = values.parse(record.field(pos), columns.get(c).type());
        value = text == null ? null : UTF8String.fromString(pseudonyms.apply((String) text));
      } else {
        value = values.parseAscii(bytes, record.start(pos), record.end(pos), columns.get(c).type());
      }
      if (value == ValueParser.INVALID) {
        if (bad == null) {
          bad = new ArrayList<>(2);
        }
        bad.add(columns.get(c).name());
      } else {
        out[c] = value;
      }
    }
    out[n] = file;
    out[n + 1] = record.line();
    if (bad != null) {
      String[] fields = new String[record.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = record.field(i);
      }
      out[n + 4] = strings(bad);
      out[n + 5] = rawValues(fields, false);
    }
    return new GenericInternalRow(out);
  }

  private InternalRow recordRow(CsvRecord record) {
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
          out[c] = ValueParser.catalyst(c == personColumn && value != null ? pseudonyms.apply((String) value) : value);
        }
      }
    }
    out[n] = file;
    out[n + 1] = record.line();
    out[n + 2] = record.rule() == null ? null : UTF8String.fromString(record.rule());
    out[n + 3] = record.message() == null ? null : UTF8String.fromString(record.message());
    out[n + 4] = bad.isEmpty() ? null : strings(bad);
    if (!record.ok() || !bad.isEmpty()) {
      // A malformed record's fields need not stand under their header (a missing comma shifts
      // them), so a person id could sit under any name: with pseudonyms on, none is kept.
      out[n + 5] = rawValues(fields, pseudonyms != null && !record.ok());
    }
    return new GenericInternalRow(out);
  }

  /** The original values of a row that did not parse, by column name, as a map. */
  private ArrayBasedMapData rawValues(String[] fields, boolean withhold) {
    List<ColumnSpec> columns = spec.columns();
    int n = columns.size();
    Object[] keys = new Object[n];
    Object[] raw = new Object[n];
    for (int c = 0; c < n; c++) {
      int pos = mapping.position(c);
      String field = withhold || pos < 0 || pos >= fields.length ? null : fields[pos];
      String value = c == personColumn ? pseudonyms.apply(field) : field;
      keys[c] = UTF8String.fromString(columns.get(c).name());
      raw[c] = value == null ? null : UTF8String.fromString(value);
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(raw));
  }

  private static GenericArrayData strings(List<String> texts) {
    Object[] out = new Object[texts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = UTF8String.fromString(texts.get(i));
    }
    return new GenericArrayData(out);
  }
}
