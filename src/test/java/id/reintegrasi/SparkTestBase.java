package id.reintegrasi;

import id.reintegrasi.job.SparkSessions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (surefire runs all tests in one fork), local[2] with two
 * shuffle partitions, UI off, UTC. Tests extend this class.
 */
public abstract class SparkTestBase {
  private static SparkSession spark;

  protected static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSessions.configure(SparkSession.builder()
              .master("local[2]")
              .appName("reintegrasi-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.ui.showConsoleProgress", "false"))
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }

  /** Rows as strings, sorted, so that tables compare regardless of order. */
  protected static List<String> sortedRows(Dataset<Row> table) {
    List<String> rows = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      rows.add(r.toString());
    }
    rows.sort(Comparator.naturalOrder());
    return rows;
  }
}
