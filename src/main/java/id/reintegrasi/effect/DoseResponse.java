package id.reintegrasi.effect;

import static id.reintegrasi.summary.Disclosure.small;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.schema.Programs;
import id.reintegrasi.summary.Disclosure;
import id.reintegrasi.summary.SparkStats;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * dose_response: among the participants of a subject who are eligible for a window, the
 * reoffence rate by how much of the subject's programs they received in the custody spell:
 * hours present (bands 0, 1-19, 20-49, 50-99, 100+), sessions attended (0, 1-2, 3-5, 6-9, 10+)
 * and exit status (COMPLETED when any of the subject's enrollments completed, else DROPPED when
 * any dropped, else the status of the latest). Post-release programs have no spell hours: only
 * their exit status is shown.
 */
public final class DoseResponse {
  public static final String NAME = "dose_response";

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
    Column s = col("s");
    Dataset<Row> perSubject = population
        .select(col(EffectPopulation.PHASE).as("phase"), explode(col(EffectPopulation.SUBJECTS)).as("s"),
            col(EffectPopulation.DETAILS).as("details"), col(EffectPopulation.OUTCOMES).as("outcomes"))
        .withColumn("mine", filter(col("details"), d ->
            s.getField("level").equalTo(EffectPopulation.PROGRAM).and(d.getField("program_id").equalTo(s.getField("subject_id")))
                .or(s.getField("level").equalTo(EffectPopulation.MOU).and(d.getField("mou_id").equalTo(s.getField("subject_id"))))
                .or(s.getField("level").equalTo(EffectPopulation.ALL_MOU).and(d.getField("mou_id").isNotNull()))));
    Column hours = aggregate(transform(col("mine"), d -> d.getField("hours_present").cast(DataTypes.DoubleType)),
        lit(0.0), (acc, x) -> acc.plus(org.apache.spark.sql.functions.coalesce(x, lit(0.0))));
    Column sessions = aggregate(transform(col("mine"), d -> d.getField("sessions_present")),
        lit(0L), (acc, x) -> acc.plus(org.apache.spark.sql.functions.coalesce(x, lit(0L))));
    Column status = when(exists(col("mine"), d -> d.getField("exit_status").equalTo("COMPLETED")), lit("COMPLETED"))
        .when(exists(col("mine"), d -> d.getField("exit_status").equalTo("DROPPED")), lit("DROPPED"))
        .otherwise(array_max(transform(col("mine"), d -> d.getField("exit_status"))));
    Column inCustody = col("phase").equalTo(Programs.IN_CUSTODY);
    Column bands = filter(array(
        when(inCustody, struct(lit("HOURS").as("dimension"), hoursBand(hours).as("band"))),
        when(inCustody, struct(lit("SESSIONS").as("dimension"), sessionsBand(sessions).as("band"))),
        struct(lit("EXIT_STATUS").as("dimension"), status.as("band"))), Column::isNotNull);
    // The bands are computed once per release and subject, before the windows are exploded:
    // higher-order functions run interpreted, and four windows would run them four times.
    Dataset<Row> counts = perSubject
        .select(col("s.level").as("level"), col("s.subject_id").as("subject_id"), col("phase"),
            col("outcomes"), bands.as("bands"))
        .select(col("level"), col("subject_id"), col("phase"), explode(col("outcomes")).as("o"), col("bands"))
        .filter(col("o.eligible"))
        .select(col("level"), col("subject_id"), col("phase"), col("o"), explode(col("bands")).as("b"))
        .groupBy(col("level"), col("subject_id"), col("phase"), col("o.window_months").as("window_months"),
            col("b.dimension").as("dimension"), col("b.band").as("band"))
        .agg(count(lit(1)).as("eligible"), sum(when(col("o.reoffended"), 1L).otherwise(0L)).as("reoffended"))
        .withColumn("rate", SparkStats.rate(col("reoffended"), col("eligible")))
        .withColumn("ci_low", SparkStats.wilsonLow(col("reoffended"), col("eligible")))
        .withColumn("ci_high", SparkStats.wilsonHigh(col("reoffended"), col("eligible")));
    return Disclosure.apply(counts, List.of(
        Disclosure.Rule.of(small(col("eligible"), minCell), "eligible", "reoffended", "rate", "ci_low", "ci_high"),
        Disclosure.Rule.of(small(col("reoffended"), minCell)
            .or(small(col("eligible").minus(col("reoffended")), minCell)), "reoffended", "rate", "ci_low", "ci_high")))
        .orderBy("level", "subject_id", "phase", "window_months", "dimension", "band");
  }
}
