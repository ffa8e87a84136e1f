package id.reintegrasi.report;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What report.html shows, as plain records: the headline rows of the summary tables, read back
 * from the written Parquet so that the report shows exactly what was published (suppressed cells
 * included). Null means suppressed or not defined; the renderer never turns it into zero.
 */
public record ReportData(Meta meta, List<Effect> effects, List<SurvivalPoint> survival, List<CohortCell> cohorts,
    List<Dose> dose, List<Participation> participation, List<Quality> quality) {

  /** The run's facts that the tables do not carry. */
  public record Meta(LocalDate asOf, int headlineWindow, int waitingMonths, int minCell, boolean countArrests,
      long minTreated, int landmarkDays, List<Mou> mous) {}

  public record Mou(String id, String title, String parties, LocalDate signedDate) {}

  /** A program_effect row: the headline window and measure REOFFENCE_RATE. */
  public record Effect(String level, String subjectId, String subjectName, String phase, Long treatedN,
      Long treatedUnmatched, Long comparisonN, Double comparisonNEff, Double treatedValue, Double comparisonValue,
      Double difference, Double ciLow, Double ciHigh, Double pValue, String verdict, String statementId,
      String statementEn, Double naiveDifference, Double naiveCiLow, Double naiveCiHigh, boolean suppressed) {}

  public record SurvivalPoint(String level, String subjectId, String phase, String group, int day, Double atRisk,
      Double survival, Double ciLow, Double ciHigh, Double logrankP, boolean suppressed) {}

  /** A cohort_outcomes row of the headline window. */
  public record CohortCell(String cohort, String facilityId, String group, Long releases, Long eligible,
      Long reoffended, boolean suppressed) {}

  /** A dose_response row of the headline window. */
  public record Dose(String level, String subjectId, String phase, String dimension, String band, Long eligible,
      Long reoffended, Double rate, Double ciLow, Double ciHigh, boolean suppressed) {}

  public record Participation(String programId, String mouId, String programName, String category, String phase,
      String quarter, Long enrolled, Long completed, Long ended, Double hoursPresent, Long certificates,
      boolean suppressed) {}

  public record Quality(String dataset, String check, String rule, String column, String severity, long rowsChecked,
      long rowsFailed, String description) {}

  public static final String EFFECT = "program_effect";
  public static final String SURVIVAL = "survival";
  public static final String COHORTS = "cohort_outcomes";
  public static final String DOSE = "dose_response";
  public static final String PARTICIPATION = "program_participation";
  public static final String QUALITY = "data_quality";

  /**
   * Reads the tables the report needs from where they were written ({@code path} gives a table's
   * folder). The tables are summaries, hundreds to a few thousand rows: collecting them is cheap.
   */
  public static ReportData load(SparkSession spark, Function<String, String> path, Meta meta) {
    int w = meta.headlineWindow();
    List<Effect> effects = new ArrayList<>();
    for (Row r : rows(spark, path, EFFECT, col("window_months").equalTo(w).and(col("measure").equalTo("REOFFENCE_RATE")))) {
      effects.add(new Effect(str(r, "level"), str(r, "subject_id"), str(r, "subject_name"), str(r, "phase"),
          lng(r, "treated_n"), lng(r, "treated_unmatched"), lng(r, "comparison_n"), dbl(r, "comparison_n_eff"),
          dbl(r, "treated_value"), dbl(r, "comparison_value"), dbl(r, "difference"), dbl(r, "ci_low"),
          dbl(r, "ci_high"), dbl(r, "p_value"), str(r, "verdict"), str(r, "statement_id"), str(r, "statement_en"),
          dbl(r, "naive_difference"), dbl(r, "naive_ci_low"), dbl(r, "naive_ci_high"), bool(r, "suppressed")));
    }
    List<SurvivalPoint> survival = new ArrayList<>();
    for (Row r : rows(spark, path, SURVIVAL, null)) {
      survival.add(new SurvivalPoint(str(r, "level"), str(r, "subject_id"), str(r, "phase"), str(r, "group"),
          r.<Integer>getAs("day"), dbl(r, "at_risk"), dbl(r, "survival"), dbl(r, "ci_low"), dbl(r, "ci_high"),
          dbl(r, "logrank_p"), bool(r, "suppressed")));
    }
    List<CohortCell> cohorts = new ArrayList<>();
    for (Row r : rows(spark, path, COHORTS, col("window_months").equalTo(w))) {
      cohorts.add(new CohortCell(str(r, "cohort"), str(r, "facility_id"), str(r, "group"), lng(r, "releases"),
          lng(r, "eligible"), lng(r, "reoffended"), bool(r, "suppressed")));
    }
    List<Dose> dose = new ArrayList<>();
    for (Row r : rows(spark, path, DOSE, col("window_months").equalTo(w))) {
      dose.add(new Dose(str(r, "level"), str(r, "subject_id"), str(r, "phase"), str(r, "dimension"), str(r, "band"),
          lng(r, "eligible"), lng(r, "reoffended"), dbl(r, "rate"), dbl(r, "ci_low"), dbl(r, "ci_high"),
          bool(r, "suppressed")));
    }
    List<Participation> participation = new ArrayList<>();
    for (Row r : rows(spark, path, PARTICIPATION, null)) {
      participation.add(new Participation(str(r, "program_id"), str(r, "mou_id"), str(r, "program_name"),
          str(r, "category"), str(r, "phase"), str(r, "quarter"), lng(r, "enrolled"), lng(r, "completed"),
          lng(r, "ended"), dbl(r, "hours_present"), lng(r, "certificates"), bool(r, "suppressed")));
    }
    List<Quality> quality = new ArrayList<>();
    for (Row r : rows(spark, path, QUALITY, null)) {
      quality.add(new Quality(str(r, "dataset"), str(r, "check"), str(r, "rule"), str(r, "column"), str(r, "severity"),
          r.<Long>getAs("rows_checked"), r.<Long>getAs("rows_failed"), str(r, "description")));
    }
    return new ReportData(meta, effects, survival, cohorts, dose, participation, quality);
  }

  private static List<Row> rows(SparkSession spark, Function<String, String> path, String table,
      org.apache.spark.sql.Column filter) {
    Dataset<Row> t = spark.read().parquet(path.apply(table));
    return (filter == null ? t : t.filter(filter)).collectAsList();
  }

  private static String str(Row r, String name) {
    return r.isNullAt(r.fieldIndex(name)) ? null : r.getAs(name).toString();
  }

  private static Long lng(Row r, String name) {
    return r.isNullAt(r.fieldIndex(name)) ? null : ((Number) r.getAs(name)).longValue();
  }

  /** Doubles, and decimals such as hours_present, as double. */
  private static Double dbl(Row r, String name) {
    if (r.isNullAt(r.fieldIndex(name))) {
      return null;
    }
    Object v = r.getAs(name);
    return v instanceof BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
  }

  private static boolean bool(Row r, String name) {
    return !r.isNullAt(r.fieldIndex(name)) && r.<Boolean>getAs(name);
  }
}
