package id.reintegrasi.effect;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Mous;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.stats.DiffInDiff;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * mou_did: did reoffending change after an MoU was signed at the facilities that run its
 * programs (inside), compared with the change at all other facilities (outside)? Pre = releases
 * in the 24 months before signed_date, post = releases on or after it; per window, the eligible
 * releases and reoffence rates of the four cells, and
 * DiD = (post_in - pre_in) - (post_out - pre_out) with a 95% interval from the four binomial
 * variances. A cell with a small count withholds its values and the DiD.
 */
public final class MouDid {
  public static final String NAME = "mou_did";
  private static final String[] CELLS = {"pre_inside", "post_inside", "pre_outside", "post_outside"};

  private MouDid() {}

  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> analysis, Dataset<Row> programs,
      Dataset<Row> mous, List<Integer> windows, int minCell) {
    Dataset<Row> inside = programs
        .filter(col(Programs.MOU_ID).isNotNull().and(col(Programs.FACILITY_ID).isNotNull())
            .and(col(Programs.PHASE).equalTo(Programs.IN_CUSTODY)))
        .select(col(Programs.MOU_ID).as("mou_id"), col(Programs.FACILITY_ID).as("facility_id"))
        .distinct().withColumn("inside", lit(true));
    Dataset<Row> signed = mous.select(col(Mous.MOU_ID).as("mou_id"), col(Mous.SIGNED_DATE).as("signed"));
    List<Row> counts = analysis.filter(col(ReleaseAnalysis.FOLLOW_UP_START))
        .select(col(ReleaseAnalysis.FACILITY_ID).as("facility_id"), col(ReleaseAnalysis.RELEASE_DATE).as("released"),
            explode(col(ReleaseAnalysis.OUTCOMES)).as("o"))
        .filter(col("o.eligible"))
        .crossJoin(broadcast(signed))
        .withColumn("period", when(col("released").geq(col("signed")), lit("post"))
            .when(col("released").geq(add_months(col("signed"), -24)), lit("pre")))
        .filter(col("period").isNotNull())
        .join(broadcast(inside), new String[] {"mou_id", "facility_id"}, "left")
        .groupBy(col("mou_id"), col("o.window_months").as("window"), coalesce(col("inside"), lit(false)).as("inside"),
            col("period"))
        .agg(count(lit(1)).as("n"), sum(when(col("o.reoffended"), 1L).otherwise(0L)).as("k"))
        .collectAsList();
    Map<String, long[]> cells = new TreeMap<>();
    for (Row r : counts) {
      String cell = r.getString(3) + (r.getBoolean(2) ? "_inside" : "_outside");
      cells.put(r.getString(0) + "|" + r.getInt(1) + "|" + cell, new long[] {r.getLong(5), r.getLong(4)});
    }
    TableBuilder table = new TableBuilder().strings("mou_id").column("window_months", DataTypes.IntegerType);
    for (String cell : CELLS) {
      table.longs(cell + "_eligible", cell + "_reoffended").doubles(cell + "_rate");
    }
    table.doubles("did", "ci_low", "ci_high", "p_value").column("suppressed", DataTypes.BooleanType);
    List<String> mouIds = signed.select("mou_id").distinct().orderBy("mou_id").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    for (String mou : mouIds) {
      for (int window : windows) {
        Object[] row = new Object[2 + CELLS.length * 3 + 5];
        row[0] = mou;
        row[1] = window;
        DiffInDiff.Cell[] four = new DiffInDiff.Cell[CELLS.length];
        boolean suppressed = false;
        for (int i = 0; i < CELLS.length; i++) {
          long[] kn = cells.getOrDefault(mou + "|" + window + "|" + CELLS[i], new long[] {0, 0});
          four[i] = new DiffInDiff.Cell(kn[0], kn[1]);
          boolean hideCell = ProgramEffects.small(kn[1], minCell);
          boolean hideRate = hideCell || ProgramEffects.small(kn[0], minCell) || ProgramEffects.small(kn[1] - kn[0], minCell);
          suppressed |= hideRate;
          row[2 + i * 3] = hideCell ? null : kn[1];
          row[3 + i * 3] = hideRate ? null : kn[0];
          row[4 + i * 3] = hideRate || kn[1] == 0 ? null : (double) kn[0] / kn[1];
        }
        DiffInDiff.Result did = suppressed ? null : DiffInDiff.estimate(four[0], four[1], four[2], four[3]);
        int at = 2 + CELLS.length * 3;
        row[at] = did == null ? null : did.difference();
        row[at + 1] = did == null ? null : did.low();
        row[at + 2] = did == null ? null : did.high();
        row[at + 3] = did == null ? null : did.pValue();
        row[at + 4] = suppressed;
        table.add(row);
      }
    }
    return table.build(spark);
  }
}
