package id.reintegrasi.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;

/**
 * Writes one dataset as {@code NAME.csv}, or, past {@link #PART_ROWS} rows, as a folder
 * {@code NAME/} of part files {@code part-00000.csv}, ... of that many rows each, as large
 * exports come (the job parses each file in a task of its own): UTF-8 without BOM, header row, comma separator, LF line
 * ends, {@code "} quoting only where a value needs it, dates {@code yyyy-MM-dd}, empty field for
 * null. Bytes are assembled in a private buffer because tens of millions of rows go through here
 * and the per-call cost of Writer/String.format would dominate the run.
 */
final class CsvRowSink implements RowSink {

  // Dates 1900-01-01 .. 2099-12-31 are formatted once and reused; training alone writes ~10^7.
  private static final int CACHE_FIRST_DAY = (int) LocalDate.of(1900, 1, 1).toEpochDay();
  private static final int CACHE_DAYS = (int) (LocalDate.of(2100, 1, 1).toEpochDay() - CACHE_FIRST_DAY);
  private static final byte[][] DATE_TEXT = new byte[CACHE_DAYS][];
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  /** Rows per CSV file; a dataset with more is written as a folder of part files. */
  static final long PART_ROWS = 1_000_000;

  private final long partRows;
  private final Path directory;
  private final InputDataset dataset;
  private final List<Path> staged = new ArrayList<>();
  private final Path target;
  private Path staging;
  private OutputStream out;
  private boolean rollPending;
  private final int width;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int column;
  private long rows;
  private boolean closed;

  CsvRowSink(Path directory, InputDataset dataset) throws IOException {
    this(directory, dataset, PART_ROWS);
  }

  CsvRowSink(Path directory, InputDataset dataset, long partRows) throws IOException {
    this.partRows = partRows;
    this.directory = directory;
    this.dataset = dataset;
    this.target = directory.resolve(dataset.fileName() + ".csv");
    this.width = dataset.columns().size();
    openPart();
  }

  /** Starts the next file. Dot-prefixed staging names: readers (Spark included) skip hidden
   * files, so an aborted run never leaves something that looks like a dataset. */
  private void openPart() throws IOException {
    staging = directory.resolve("." + dataset.fileName() + "." + partName(staged.size()) + ".inprogress");
    staged.add(staging);
    out = Files.newOutputStream(staging);
    putAscii(dataset.header());
    put((byte) '\n');
  }

  private static String partName(int index) {
    return String.format(java.util.Locale.ROOT, "part-%05d.csv", index);
  }

  @Override
  public void text(String value) {
    separator();
    if (value != null) {
      putEscaped(value);
    }
  }

  @Override
  public void date(int epochDay) {
    separator();
    if (epochDay == NO_DATE) {
      return;
    }
    int i = epochDay - CACHE_FIRST_DAY;
    if (i >= 0 && i < CACHE_DAYS) {
      byte[] text = DATE_TEXT[i];
      if (text == null) {
        text = LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
        DATE_TEXT[i] = text;
      }
      put(text);
    } else {
      putAscii(LocalDate.ofEpochDay(epochDay).toString());
    }
  }

  @Override
  public void integer(int value) {
    separator();
    putInt(value);
  }

  @Override
  public void decimal2(int hundredths) {
    separator();
    if (hundredths < 0) {
      put((byte) '-');
      hundredths = -hundredths;
    }
    putInt(hundredths / 100);
    put((byte) '.');
    int fraction = hundredths % 100;
    put((byte) ('0' + fraction / 10));
    put((byte) ('0' + fraction % 10));
  }

  @Override
  public void bool(Boolean value) {
    separator();
    if (value != null) {
      put(value ? TRUE : FALSE);
    }
  }

  @Override
  public void nullValue() {
    separator();
  }

  @Override
  public void rawText(String text) {
    text(text);
  }

  @Override
  public boolean acceptsRawText() {
    return true;
  }

  @Override
  public long endRow() {
    if (column != width) {
      throw new IllegalStateException("Row has " + column + " values, the dataset has " + width + " columns");
    }
    put((byte) '\n');
    column = 0;
    rows++;
    // The next file is opened only when another row comes, so that none is left with a header only.
    rollPending = rows % partRows == 0;
    return rows;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public String locate(long rowNumber) {
    if (rows <= partRows) {
      return target.getFileName() + " line " + (rowNumber + 1);
    }
    return dataset.fileName() + "/" + partName((int) ((rowNumber - 1) / partRows)) + " line "
        + ((rowNumber - 1) % partRows + 2);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    flush();
    out.close();
    if (staged.size() == 1) {
      Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path folder = directory.resolve(dataset.fileName());
    Files.createDirectories(folder);
    for (int i = 0; i < staged.size(); i++) {
      Files.move(staged.get(i), folder.resolve(partName(i)), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  @Override
  public void abort() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException ignored) {
      // Already failing; the staged file is deleted below either way.
    }
    for (Path p : staged) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // Hidden staging file; nothing reads it.
      }
    }
  }

  private void separator() {
    if (rollPending) {
      rollPending = false;
      flush();
      try {
        out.close();
        openPart();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("Cannot start the next part of " + dataset.fileName(), e);
      }
    }
    if (column > 0) {
      put((byte) ',');
    }
    if (++column > width) {
      throw new IllegalStateException("More values than the " + width + " columns of the dataset");
    }
  }

  private void putEscaped(String value) {
    boolean ascii = true;
    boolean quote = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        ascii = false;
      } else if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
      }
    }
    if (quote) {
      value = '"' + value.replace("\"", "\"\"") + '"';
    }
    if (ascii) {
      putAscii(value);
    } else {
      put(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void putInt(int value) {
    if (value < 0) {
      put((byte) '-');
      if (value == Integer.MIN_VALUE) {
        putAscii("2147483648");
        return;
      }
      value = -value;
    }
    if (value < 10) {
      put((byte) ('0' + value));
      return;
    }
    ensure(10);
    int start = pos;
    int end = start;
    while (value > 0) {
      buf[end++] = (byte) ('0' + value % 10);
      value /= 10;
    }
    for (int i = start, j = end - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    pos = end;
  }

  private void putAscii(String s) {
    int n = s.length();
    if (n > buf.length) {
      put(s.getBytes(StandardCharsets.UTF_8));
      return;
    }
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void put(byte[] bytes) {
    if (bytes.length > buf.length) {
      flush();
      write(bytes, bytes.length);
      return;
    }
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void put(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      flush();
    }
  }

  private void flush() {
    write(buf, pos);
    pos = 0;
  }

  private void write(byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot write " + staging, e);
    }
  }
}
