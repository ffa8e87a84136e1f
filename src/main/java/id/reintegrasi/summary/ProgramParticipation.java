package id.reintegrasi.summary;

import static id.reintegrasi.summary.Disclosure.small;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Training;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * program_participation: per program and calendar quarter, the enrollments that started in the
 * quarter and how they ended, and the training delivered in the quarter.
 * <ul>
 *   <li>enrolled: enrollments with enrolled_date in the quarter; completed / dropped / ongoing:
 *       those of them with that exit_status; ended = enrolled - ongoing;</li>
 *   <li>completion_rate = completed / ended (enrollments still running are not failures yet),
 *       with a Wilson interval;</li>
 *   <li>hours_present: hours of sessions in the quarter attended (PRESENT); attendees: distinct
 *       persons present at least once; mean_hours = hours_present / attendees;</li>
 *   <li>certificates: sessions in the quarter that awarded a competency certificate.</li>
 * </ul>
 */
public final class ProgramParticipation {
  public static final String NAME = "program_participation";
  public static final List<String> KEY = List.of("program_id", "quarter");

  private ProgramParticipation() {}

  static Column quarterOf(Column date) {
    return quarterLabel(quarterKey(date));
  }

  /** A date's quarter as a number, year * 10 + quarter: cheap to group tens of millions of rows by. */
  static Column quarterKey(Column date) {
    return year(date).multiply(10).plus(quarter(date));
  }

  /** "2025-Q4" from the key 20254 of {@link #quarterKey}. */
  static Column quarterLabel(Column key) {
    return concat(floor(key.divide(10)).cast("string"), lit("-Q"), pmod(key, lit(10)).cast("string"));
  }

  public static Dataset<Row> compute(Dataset<Row> programs, Dataset<Row> enrollments,
      Dataset<Row> training, int minCell) {
    Column status = col(Enrollments.EXIT_STATUS);
    Dataset<Row> enrolled = enrollments
        .groupBy(col(Enrollments.PROGRAM_ID).as("program_id"),
            quarterOf(col(Enrollments.ENROLLED_DATE)).as("quarter"))
        .agg(count(lit(1)).as("enrolled"),
            sum(when(status.equalTo(Enrollments.COMPLETED), 1L).otherwise(0L)).as("completed"),
            sum(when(status.equalTo(Enrollments.DROPPED), 1L).otherwise(0L)).as("dropped"),
            sum(when(status.equalTo(Enrollments.ONGOING), 1L).otherwise(0L)).as("ongoing"));
    Column present = col(Training.ATTENDANCE).equalTo(Training.PRESENT);
    // Per person first, then per program and quarter: the attendees are the persons with a
    // PRESENT session. Two plain aggregations; a count_distinct beside sums would make Spark
    // copy every training row once per kind of aggregate (Expand) before aggregating.
    // The quarter is a number until the rows are few: formatting it on every training row would
    // build tens of millions of strings.
    Dataset<Row> perPerson = training
        .groupBy(col(Training.PROGRAM_ID).as("program_id"),
            quarterKey(col(Training.SESSION_DATE)).as("_quarter"), col(Training.PERSON_ID).as("_person"))
        .agg(ReleaseAnalysis.sumHours(when(present, col(Training.HOURS))).as("hours_present"),
            max(present).as("_present"),
            sum(when(col(Training.CERTIFICATE), 1L).otherwise(0L)).as("certificates"));
    DataType hours = perPerson.schema().apply("hours_present").dataType();
    Dataset<Row> delivered = perPerson
        .groupBy(col("program_id"), col("_quarter"))
        .agg(sum(col("hours_present")).cast(hours).as("hours_present"),
            count(when(col("_present").and(col("_person").isNotNull()), lit(1))).as("attendees"),
            sum(col("certificates")).as("certificates"))
        .select(col("program_id"), quarterLabel(col("_quarter")).as("quarter"), col("hours_present"),
            col("attendees"), col("certificates"));
    Dataset<Row> catalogue = programs.select(col(Programs.PROGRAM_ID).as("program_id"),
        col(Programs.MOU_ID).as("mou_id"), col(Programs.PROGRAM_NAME).as("program_name"),
        col(Programs.CATEGORY).as("category"), col(Programs.PHASE).as("phase"));

    Column zero = lit(0L);
    Column ended = col("enrolled").minus(col("ongoing"));
    Dataset<Row> table = enrolled.join(delivered, new String[] {"program_id", "quarter"}, "full_outer")
        .join(broadcast(catalogue), "program_id")
        .select(col("program_id"), col("mou_id"), col("program_name"), col("category"), col("phase"),
            col("quarter"),
            coalesce(col("enrolled"), zero).as("enrolled"),
            coalesce(col("completed"), zero).as("completed"),
            coalesce(col("dropped"), zero).as("dropped"),
            coalesce(col("ongoing"), zero).as("ongoing"),
            coalesce(col("attendees"), zero).as("attendees"),
            coalesce(col("hours_present"), lit(0).cast(DataTypes.createDecimalType(19, 2))).as("hours_present"),
            coalesce(col("certificates"), zero).as("certificates"))
        .withColumn("ended", ended)
        .withColumn("completion_rate", SparkStats.rate(col("completed"), col("ended")))
        .withColumn("completion_ci_low", SparkStats.wilsonLow(col("completed"), col("ended")))
        .withColumn("completion_ci_high", SparkStats.wilsonHigh(col("completed"), col("ended")))
        .withColumn("mean_hours", when(col("attendees").gt(0),
            col("hours_present").cast(DataTypes.DoubleType).divide(col("attendees"))));
    Column completed = col("completed");
    return Disclosure.apply(table, List.of(
        Disclosure.Rule.of(small(col("enrolled"), minCell), "enrolled", "completed", "dropped",
            "ongoing", "ended", "completion_rate", "completion_ci_low", "completion_ci_high"),
        // ended = enrolled - ongoing, both ways: a withheld ended count takes ongoing with it.
        Disclosure.Rule.of(small(col("ended"), minCell), "ended", "ongoing", "completed", "completion_rate",
            "completion_ci_low", "completion_ci_high"),
        Disclosure.Rule.of(small(completed, minCell).or(small(col("ended").minus(completed), minCell)),
            "completed", "completion_rate", "completion_ci_low", "completion_ci_high"),
        Disclosure.Rule.of(small(col("dropped"), minCell), "dropped"),
        // ... and a withheld ongoing count takes ended with it.
        Disclosure.Rule.of(small(col("ongoing"), minCell), "ongoing", "ended", "completion_rate",
            "completion_ci_low", "completion_ci_high"),
        Disclosure.Rule.of(small(col("attendees"), minCell), "attendees", "hours_present", "mean_hours"),
        Disclosure.Rule.of(small(col("certificates"), minCell), "certificates")))
        .orderBy(col("program_id"), col("quarter"));
  }
}
