package id.reintegrasi.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes a run's output all-or-nothing: every table goes to a hidden staging folder beside the
 * output folder, and only {@link #commit()} moves it into place (two renames on the same file
 * system). A failed or killed run leaves the previous output as it was.
 *
 * <p>A lock beside the output ({@link OutputLock}) keeps a second run from writing to the same
 * output at once. Under that lock the writer first cleans up after runs that were killed: their
 * staging folders are removed, and if a run died between the two renames of its commit, the
 * output it had moved aside is put back.
 */
public final class OutputWriter {
  public static final String MANIFEST = "_manifest.json";
  public static final String QUARANTINE = "_quarantine";
  static final String WORK = "_work";
  private static final Logger LOG = LogManager.getLogger(OutputWriter.class);

  private final SparkSession spark;
  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private final Path previous;
  private final Map<String, Long> tables = new LinkedHashMap<>();
  private final Map<String, Long> quarantine = new LinkedHashMap<>();
  private final OutputLock lock;

  public OutputWriter(SparkSession spark, String outputDir, String runId) {
    this.spark = spark;
    try {
      Path out = new Path(outputDir);
      this.fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.output = fs.makeQualified(out);
      Path parent = output.getParent();
      this.staging = new Path(parent, "." + output.getName() + ".staging-" + runId);
      this.previous = new Path(parent, "." + output.getName() + ".previous-" + runId);
      this.lock = OutputLock.acquire(fs, output, outputDir);
    } catch (IOException e) {
      throw new InputException("Cannot prepare --output " + outputDir + ": " + e.getMessage(), e);
    }
    try {
      recover();
      if (fs.exists(output)) {
        if (!fs.getFileStatus(output).isDirectory()) {
          throw new InputException("--output " + outputDir + " is a file, not a folder.");
        }
        boolean empty = fs.listStatus(output).length == 0;
        if (!empty && !fs.exists(new Path(output, MANIFEST))) {
          throw new InputException("--output " + outputDir + " holds files that this job did not write"
              + " (no " + MANIFEST + "): refusing to replace it. Choose an empty or new folder.");
        }
      }
      fs.mkdirs(staging);
    } catch (IOException e) {
      lock.close();
      throw new InputException("Cannot prepare --output " + outputDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Cleans up after killed runs (we hold the lock, so none of them is still going): staging
   * folders go; an output moved aside by a commit that did not finish is put back, or removed
   * when the new output did get into place.
   */
  private void recover() throws IOException {
    String prefix = "." + output.getName() + ".";
    org.apache.hadoop.fs.FileStatus[] siblings = fs.listStatus(output.getParent(),
        p -> p.getName().startsWith(prefix + "staging-") || p.getName().startsWith(prefix + "previous-"));
    java.util.Arrays.sort(siblings, java.util.Comparator.comparing(st -> st.getPath().getName()));
    Path restore = null;
    for (org.apache.hadoop.fs.FileStatus st : siblings) {
      if (st.getPath().getName().startsWith(prefix + "previous-")) {
        restore = st.getPath(); // run ids start with the time: the last one is the newest
      }
    }
    if (restore != null && !fs.exists(output)) {
      LOG.warn("A run was killed while committing: putting its previous output {} back in place", restore.getName());
      if (!fs.rename(restore, output)) {
        throw new IOException("cannot move " + restore + " back to " + output);
      }
    }
    for (org.apache.hadoop.fs.FileStatus st : siblings) {
      if (fs.exists(st.getPath())) {
        LOG.warn("Removing {} left by a run that was killed", st.getPath().getName());
        fs.delete(st.getPath(), true);
      }
    }
  }

  /**
   * Materialises an intermediate result as Parquet in the staging folder's work area and reads
   * it back. The result is computed once and later queries start from a short plan (Spark's
   * planning time grows with the lineage); unlike a local checkpoint it survives the loss of an
   * executor on a cluster. The work area is removed before the output is committed.
   */
  public Dataset<Row> stash(String name, Dataset<Row> data) {
    String path = new Path(new Path(staging, WORK), name).toString();
    // Written once, read back a few times, then deleted: no dictionaries (ids and session keys
    // are nearly all distinct, so building one only to give it up costs more than the bytes it
    // would save); no min/max or size statistics and no page checksums, which no reader of the
    // work area uses (its filters test bits of the flags, which statistics cannot answer).
    data.write().mode(SaveMode.Overwrite)
        .option("parquet.enable.dictionary", "false")
        .option("parquet.enable.dictionary#" + ParsedColumns.FILE, "true") // a few names, on every row
        .option("parquet.column.statistics.enabled", "false")
        .option("parquet.size.statistics.enabled", "false")
        .option("parquet.page.write-checksum.enabled", "false")
        .parquet(path);
    return spark.read().parquet(path);
  }

  /** Writes a summary table as one Parquet folder and returns its row count. */
  public long table(String name, Dataset<Row> table) {
    Path path = new Path(staging, name);
    // Summaries are small: one file each keeps them pleasant to open elsewhere.
    table.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path.toString());
    long rows = footerRows(path);
    synchronized (tables) { // tables are written from several threads side by side
      tables.put(name, rows);
    }
    return rows;
  }

  /** Writes the quarantined rows of a dataset (possibly many) and returns their count. */
  public long quarantine(String dataset, Dataset<Row> rows) {
    Path path = new Path(new Path(staging, QUARANTINE), dataset);
    rows.write().mode(SaveMode.ErrorIfExists).parquet(path.toString());
    long count = footerRows(path);
    quarantine.put(dataset, count);
    return count;
  }

  /**
   * The row count of a Parquet folder just written, from its files' footers: reading them on the
   * driver is cheaper than a Spark job to count what was just written.
   */
  private long footerRows(Path dir) {
    try {
      if (id.reintegrasi.inspect.ParquetTable.parts(fs, dir).isEmpty()) {
        return 0; // an empty result may be written as no part file at all
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return id.reintegrasi.inspect.ParquetTable.open(spark.sparkContext().hadoopConfiguration(), dir.toString()).rows();
  }

  /** Where a table written by {@link #table} lies before the commit, to read it back. */
  public String staged(String name) {
    return new Path(staging, name).toString();
  }

  public void text(String name, String content) {
    try (OutputStream out = fs.create(new Path(staging, name), false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write " + name + ": " + e.getMessage(), e);
    }
  }

  public Map<String, Long> tables() {
    synchronized (tables) {
      return Map.copyOf(tables);
    }
  }

  public Map<String, Long> quarantineCounts() {
    return Map.copyOf(quarantine);
  }

  /** Moves the staged output into place, replacing the previous output of this job. */
  public void commit() {
    try {
      fs.delete(new Path(staging, WORK), true);
      boolean hadOutput = fs.exists(output);
      if (hadOutput && !fs.rename(output, previous)) {
        throw new IOException("cannot move the previous output aside");
      }
      if (!fs.rename(staging, output)) {
        if (hadOutput) {
          fs.rename(previous, output);
        }
        throw new IOException("cannot move the new output into place");
      }
      if (hadOutput) {
        fs.delete(previous, true);
      }
      LOG.info("Output committed to {}", output);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot commit the output: " + e.getMessage(), e);
    }
    lock.close();
  }

  /** Removes the staging folder of a failed run; the previous output stays untouched. */
  public void abort() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      LOG.warn("Could not remove the staging folder {}: {}", staging, e.getMessage());
    } finally {
      lock.close();
    }
  }
}
