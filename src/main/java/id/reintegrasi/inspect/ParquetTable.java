package id.reintegrasi.inspect;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet table as written by Spark: a folder of part files (names starting with "_" or "."
 * are Spark's bookkeeping and are skipped) or a single Parquet file. Schema and row count come
 * from the footers alone, so a table of any size is described without reading its rows.
 */
public final class ParquetTable {
  private final List<Path> files;
  private final MessageType schema;
  private final long rows;
  private final Configuration conf;

  private ParquetTable(List<Path> files, MessageType schema, long rows, Configuration conf) {
    this.files = files;
    this.schema = schema;
    this.rows = rows;
    this.conf = conf;
  }

  /** True when {@code path} is a Parquet table: a Parquet file, or a folder holding part files. */
  public static boolean isTable(FileSystem fs, Path path) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    return status.isFile() || !parts(fs, path).isEmpty();
  }

  /**
   * Opens a table by reading its footers.
   *
   * @throws InspectException when the path does not exist, holds no part files or is not Parquet
   */
  public static ParquetTable open(Configuration conf, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      List<Path> files = status.isFile() ? List.of(status.getPath()) : parts(fs, status.getPath());
      if (files.isEmpty()) {
        throw new InspectException(location + ": no Parquet part files (*.parquet) in this folder.");
      }
      MessageType schema = null;
      long rows = 0;
      for (Path file : files) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
          MessageType s = reader.getFooter().getFileMetaData().getSchema();
          if (schema == null) {
            schema = s;
          } else if (!schema.equals(s)) {
            throw new InspectException(location + ": the part files have different schemas ("
                + files.get(0).getName() + " and " + file.getName() + ").");
          }
          rows += reader.getRecordCount();
        } catch (RuntimeException | IOException e) {
          if (e instanceof InspectException ie) {
            throw ie;
          }
          String shown = status.isFile() ? location : location + "/" + file.getName();
          throw new InspectException(shown + ": not a readable Parquet file (" + e.getMessage() + ").");
        }
      }
      return new ParquetTable(List.copyOf(files), schema, rows, conf);
    } catch (FileNotFoundException e) {
      throw new InspectException(location + ": no such file or folder.");
    } catch (IOException e) {
      throw new InspectException(location + ": cannot be read (" + e.getMessage() + ").");
    }
  }

  /** The part files of a folder, by name; empty when it has none. */
  public static List<Path> parts(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> found = new ArrayList<>(Arrays.asList(fs.listStatus(dir, p -> {
      String name = p.getName();
      return !name.startsWith("_") && !name.startsWith(".")
          && name.toLowerCase(Locale.ROOT).endsWith(".parquet");
    })));
    found.removeIf(s -> !s.isFile());
    found.sort(Comparator.comparing(s -> s.getPath().getName()));
    return found.stream().map(FileStatus::getPath).toList();
  }

  public MessageType schema() {
    return schema;
  }

  public long rows() {
    return rows;
  }

  public int fileCount() {
    return files.size();
  }

  /**
   * Reads rows in file order and hands each that {@code keep} accepts to {@code sink}; stops
   * early when {@code sink} returns false. Returns how many rows were accepted.
   */
  public long scan(Predicate<Group> keep, Predicate<Group> sink) {
    long accepted = 0;
    for (Path file : files) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          if (keep.test(g)) {
            accepted++;
            if (!sink.test(g)) {
              return accepted;
            }
          }
        }
      } catch (IOException e) {
        throw new InspectException(file + ": cannot be read (" + e.getMessage() + ").");
      }
    }
    return accepted;
  }
}
