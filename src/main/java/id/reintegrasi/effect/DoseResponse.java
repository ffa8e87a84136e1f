package id.reintegrasi.effect;

import static id.reintegrasi.summary.Disclosure.small;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.analysis.CodeRanks;
import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.summary.Disclosure;
import id.reintegrasi.summary.SparkStats;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * dose_response: among the participants of a subject who are eligible for a window, the
 * reoffence rate by how much of the subject's programs they received in the custody spell:
 * hours present (bands 0, 1-19, 20-49, 50-99, 100+), sessions attended (0, 1-2, 3-5, 6-9, 10+)
 * and exit status (COMPLETED when any of the subject's programs was completed, else DROPPED when
 * any was dropped, else the other status, or with several the last of them alphabetically). Each
 * program's status is that of its latest enrollment in the spell. Post-release programs have no spell hours: only
 * their exit status is shown.
 */
public final class DoseResponse {
  public static final String NAME = "dose_response";

  /** Exit statuses as numbers, so that the greatest is a maximum Spark takes in a hash table. */
  private static final CodeRanks STATUSES = CodeRanks.of(Enrollments.SPEC, Enrollments.EXIT_STATUS);

  private DoseResponse() {}

  static Column hoursBand(Column hours) {
    return when(hours.leq(0), lit("0")).when(hours.lt(20), lit("1-19")).when(hours.lt(50), lit("20-49"))
        .when(hours.lt(100), lit("50-99")).otherwise(lit("100+"));
  }

  static Column sessionsBand(Column sessions) {
    return when(sessions.leq(0), lit("0")).when(sessions.leq(2), lit("1-2")).when(sessions.leq(5), lit("3-5"))
        .when(sessions.leq(9), lit("6-9")).otherwise(lit("10+"));
  }

  public static Dataset<Row> compute(Dataset<Row> population, int minCell) {
    // Step 1: per release, phase and subject, what the release received of the subject's programs:
    // each program's details count for the program, and under an MoU also for the MoU and ALL_MOU.
    // Plain explode and aggregate (compiled code), no lambdas over arrays (which run interpreted).
    Column d = col("d");
    Column s = col("s");
    Column status = d.getField("exit_status");
    Column underMou = d.getField("mou_id").isNotNull();
    Dataset<Row> received = population
        .filter(size(col(EffectPopulation.DETAILS)).gt(0))
        .select(col(ReleaseAnalysis.RELEASE_ID), col(EffectPopulation.PHASE).as("phase"),
            col(EffectPopulation.OUTCOMES).as("outcomes"), explode(col(EffectPopulation.DETAILS)).as("d"))
        .select(col(ReleaseAnalysis.RELEASE_ID), col("phase"), col("outcomes"), d, explode(array(
            subject(lit(EffectPopulation.PROGRAM), d.getField("program_id")),
            when(underMou, subject(lit(EffectPopulation.MOU), d.getField("mou_id"))),
            when(underMou, subject(lit(EffectPopulation.ALL_MOU), lit(EffectPopulation.ALL_MOU))))).as("s"))
        .filter(s.isNotNull())
        // The outcomes are the release's: in the key they ride along without a join.
        .groupBy(col(ReleaseAnalysis.RELEASE_ID), col("phase"), s.getField("level").as("level"),
            s.getField("subject_id").as("subject_id"), col("outcomes"))
        .agg(sum(coalesce(d.getField("hours_present"), lit(0))).as("hours"),
            sum(coalesce(d.getField("sessions_present"), lit(0L))).as("sessions"),
            max(status.equalTo("COMPLETED")).as("any_completed"),
            max(status.equalTo("DROPPED")).as("any_dropped"),
            max(STATUSES.rank(status)).as("greatest_status_rank"));

    // Step 2: the bands, then one row per eligible window and band.
    Column inCustody = col("phase").equalTo(Programs.IN_CUSTODY);
    Column exit = when(col("any_completed"), lit("COMPLETED")).when(col("any_dropped"), lit("DROPPED"))
        .otherwise(STATUSES.code(col("greatest_status_rank")));
    Column bands = array(
        when(inCustody, struct(lit("HOURS").as("dimension"), hoursBand(col("hours")).as("band"))),
        when(inCustody, struct(lit("SESSIONS").as("dimension"), sessionsBand(col("sessions")).as("band"))),
        struct(lit("EXIT_STATUS").as("dimension"), exit.as("band")));
    Dataset<Row> counts = received
        .select(col("level"), col("subject_id"), col("phase"), explode(col("outcomes")).as("o"), bands.as("bands"))
        .filter(col("o.eligible"))
        .select(col("level"), col("subject_id"), col("phase"), col("o"), explode(col("bands")).as("b"))
        .filter(col("b").isNotNull())
        .groupBy(col("level"), col("subject_id"), col("phase"), col("o.window_months").as("window_months"),
            col("b.dimension").as("dimension"), col("b.band").as("band"))
        .agg(count(lit(1)).as("eligible"), sum(when(col("o.reoffended"), 1L).otherwise(0L)).as("reoffended"))
        .withColumn("rate", SparkStats.rate(col("reoffended"), col("eligible")))
        .withColumn("ci_low", SparkStats.wilsonLow(col("reoffended"), col("eligible")))
        .withColumn("ci_high", SparkStats.wilsonHigh(col("reoffended"), col("eligible")));
    return suppress(counts, minCell).orderBy("level", "subject_id", "phase", "window_months", "dimension", "band");
  }

  /**
   * Disclosure control of the counts per band: a small eligible count withholds the band's
   * values; a small number of reoffenders or of non-reoffenders withholds the reoffenders and
   * what is derived from them.
   */
  static Dataset<Row> suppress(Dataset<Row> counts, int minCell) {
    // The bands of each dimension add up to the same participants (and their reoffenders), so a
    // lone withheld band of a dimension could be recovered by subtraction from another dimension:
    // it takes the next smallest band of its dimension with it.
    WindowSpec dimension = Window.partitionBy("level", "subject_id", "phase", "window_months", "dimension");
    Column eligibleHidden = withSecond(small(col("eligible"), minCell), col("eligible"), dimension);
    Dataset<Row> marked = counts.withColumn("_hide_eligible", eligibleHidden);
    Column reoffendedHidden = withSecond(col("_hide_eligible").or(small(col("reoffended"), minCell))
        .or(small(col("eligible").minus(col("reoffended")), minCell)), col("reoffended"), dimension);
    marked = marked.withColumn("_hide_reoffended", reoffendedHidden);
    return Disclosure.apply(marked, List.of(
            Disclosure.Rule.of(col("_hide_eligible"), "eligible", "reoffended", "rate", "ci_low", "ci_high"),
            Disclosure.Rule.of(col("_hide_reoffended"), "reoffended", "rate", "ci_low", "ci_high")))
        .drop("_hide_eligible", "_hide_reoffended");
  }

  /**
   * {@code hidden}, and where it holds for exactly one row of a partition, also the row with the
   * smallest {@code count} among the others (ties by band), so that no withheld value is the
   * partition's total minus the published ones.
   */
  static Column withSecond(Column hidden, Column count, WindowSpec partition) {
    Column hiddenRows = sum(when(hidden, 1).otherwise(0)).over(partition);
    Column order = row_number().over(partition.orderBy(hidden.asc(), count.asc(), col("band").asc()));
    return hidden.or(hiddenRows.equalTo(1).and(not(hidden)).and(order.equalTo(1)));
  }

  private static Column subject(Column level, Column id) {
    return struct(level.as("level"), id.as("subject_id"));
  }
}
