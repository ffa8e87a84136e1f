package id.reintegrasi.job;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** The total size of the input folder, to size the shuffles of a run. */
final class InputSize {
  private InputSize() {}

  static long bytes(SparkSession spark, String input) {
    try {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.getContentSummary(path).getLength();
    } catch (IOException | RuntimeException e) {
      return 0L; // the reader reports a missing or unreadable input with a proper message
    }
  }
}
