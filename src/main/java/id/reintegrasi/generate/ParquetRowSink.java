package id.reintegrasi.generate;

import id.reintegrasi.generate.InputDataset.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes one dataset as a folder {@code NAME/part-00000.parquet} with the contract's types:
 * string = BINARY (UTF8), date = INT32 (DATE), int = INT32, hours = INT32 DECIMAL(6,2),
 * boolean = BOOLEAN; every column optional. Written through {@link LocalOutputFile} and a plain
 * (Hadoop-free) configuration, so no Hadoop file system and no {@code .crc} side files are involved.
 */
final class ParquetRowSink implements RowSink {

  static final String PART_FILE = "part-00000.parquet";

  private final Path stagingDir;
  private final Path targetDir;
  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory groups;
  private final int width;
  private Group row;
  private int column;
  private long rows;
  private boolean closed;

  ParquetRowSink(Path directory, InputDataset dataset) throws IOException {
    this.targetDir = directory.resolve(dataset.fileName());
    this.stagingDir = directory.resolve("." + dataset.fileName() + ".inprogress");
    deleteRecursively(stagingDir);
    Files.createDirectories(stagingDir);
    MessageType schema = schema(dataset);
    this.groups = new SimpleGroupFactory(schema);
    this.width = dataset.columns().size();
    this.writer = ExampleParquetWriter.builder(new LocalOutputFile(stagingDir.resolve(PART_FILE)))
        .withConf(new PlainParquetConfiguration())
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        // Seven writers are open at once; 64 MiB row groups keep their buffers modest.
        .withRowGroupSize(64L * 1024 * 1024)
        .build();
    this.row = groups.newGroup();
  }

  static MessageType schema(InputDataset dataset) {
    List<Type> fields = new ArrayList<>();
    for (Column c : dataset.columns()) {
      fields.add(switch (c.type()) {
        case STRING -> Types.optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType()).named(c.name());
        case DATE -> Types.optional(PrimitiveTypeName.INT32)
            .as(LogicalTypeAnnotation.dateType()).named(c.name());
        case INT -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
        case DECIMAL_2 -> Types.optional(PrimitiveTypeName.INT32)
            .as(LogicalTypeAnnotation.decimalType(2, 6)).named(c.name());
        case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
      });
    }
    return new MessageType(dataset.fileName(), fields);
  }

  @Override
  public void text(String value) {
    int i = next();
    if (value != null) {
      row.add(i, Binary.fromString(value));
    }
  }

  @Override
  public void date(int epochDay) {
    int i = next();
    if (epochDay != NO_DATE) {
      row.add(i, epochDay);
    }
  }

  @Override
  public void integer(int value) {
    row.add(next(), value);
  }

  @Override
  public void decimal2(int hundredths) {
    row.add(next(), hundredths);
  }

  @Override
  public void bool(Boolean value) {
    int i = next();
    if (value != null) {
      row.add(i, value.booleanValue());
    }
  }

  @Override
  public void nullValue() {
    next();
  }

  @Override
  public void rawText(String text) {
    throw new UnsupportedOperationException("Parquet columns are typed; cannot store the literal " + text);
  }

  @Override
  public boolean acceptsRawText() {
    return false;
  }

  @Override
  public long endRow() {
    if (column != width) {
      throw new IllegalStateException("Row has " + column + " values, the dataset has " + width + " columns");
    }
    try {
      writer.write(row);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + stagingDir, e);
    }
    row = groups.newGroup();
    column = 0;
    return ++rows;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public String locate(long rowNumber) {
    return targetDir.getFileName() + "/" + PART_FILE + " row " + rowNumber;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
    deleteRecursively(targetDir);
    Files.move(stagingDir, targetDir, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void abort() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException | RuntimeException ignored) {
      // Already failing; the staged folder is deleted below either way.
    }
    try {
      deleteRecursively(stagingDir);
    } catch (IOException ignored) {
      // Hidden staging folder; nothing reads it.
    }
  }

  private int next() {
    if (column >= width) {
      throw new IllegalStateException("More values than the " + width + " columns of the dataset");
    }
    return column++;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
