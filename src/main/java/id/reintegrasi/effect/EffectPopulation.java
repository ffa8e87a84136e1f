package id.reintegrasi.effect;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import id.reintegrasi.analysis.ReleaseAnalysis;
import id.reintegrasi.schema.Programs;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Who is compared with whom (METHOD.md, "Effect of a program"). For one phase, every follow-up
 * start gets its matching stratum, the subjects it participated in (each program, each MoU, and
 * ALL_MOU when any MoU program) and whether it belongs to the comparison pool (no program of that
 * phase at all). Post-release programs use the landmark: follow-up starts at day L and releases
 * with a counted event before it are left out.
 */
public final class EffectPopulation {
  public static final String PROGRAM = ReleaseAnalysis.PROGRAM_LEVEL;
  public static final String MOU = ReleaseAnalysis.MOU_LEVEL;
  public static final String ALL_MOU = ReleaseAnalysis.ALL_MOU_LEVEL;
  public static final List<String> PHASES = List.of(Programs.IN_CUSTODY, Programs.POST_RELEASE);

  // Columns of a population.
  public static final String PHASE = "phase";
  public static final String STRATUM = "stratum";
  public static final String SUBJECTS = "subjects";
  public static final String COMPARISON = "comparison";
  public static final String OUTCOMES = "outcomes";
  public static final String DETAILS = "details";
  /** Survival time in days from the follow-up start, and whether it ends in an event. */
  public static final String TIME = "time";
  public static final String EVENT = "event";

  /** The run parameters a population depends on. */
  public record Params(LocalDate asOf, int waitingMonths, int longestWindow, int landmarkDays)
      implements Serializable {}

  private EffectPopulation() {}

  /** The stratum: the coarsened covariates of METHOD.md joined with '|', in COVARIATES order. */
  public static Column stratum() {
    return concat_ws("|", ReleaseAnalysis.COVARIATES.stream()
        .map(c -> col(c).cast(DataTypes.StringType)).toArray(Column[]::new));
  }

  public static Dataset<Row> of(Dataset<Row> analysis, String phase, Params p) {
    boolean inCustody = phase.equals(Programs.IN_CUSTODY);
    Column programs = col(inCustody ? ReleaseAnalysis.IN_CUSTODY_PROGRAMS : ReleaseAnalysis.POST_RELEASE_PROGRAMS);
    Column subjects = col(inCustody ? ReleaseAnalysis.IN_CUSTODY_SUBJECTS : ReleaseAnalysis.POST_RELEASE_SUBJECTS);
    Column details = col(inCustody ? ReleaseAnalysis.IN_CUSTODY_DETAILS : ReleaseAnalysis.POST_RELEASE_DETAILS);

    // Survival: time from the follow-up start to the first counted event, censored when the
    // records are complete (as-of minus the waiting period) or at the longest window.
    Column start = inCustody ? col(ReleaseAnalysis.RELEASE_DATE)
        : date_add(col(ReleaseAnalysis.RELEASE_DATE), p.landmarkDays());
    Column first = col(inCustody ? ReleaseAnalysis.FIRST_EVENT_DATE : ReleaseAnalysis.LANDMARK_FIRST_EVENT_DATE);
    Column censor = least(add_months(lit(p.asOf()), -p.waitingMonths()), add_months(start, p.longestWindow()));
    Column event = first.isNotNull().and(first.leq(censor));
    Column time = when(event, org.apache.spark.sql.functions.datediff(first, start))
        .otherwise(org.apache.spark.sql.functions.datediff(censor, start));

    Dataset<Row> starts = analysis.filter(col(ReleaseAnalysis.FOLLOW_UP_START));
    if (!inCustody) {
      starts = starts.filter(not(col(ReleaseAnalysis.EVENT_BEFORE_LANDMARK)));
    }
    return starts.select(
        col(ReleaseAnalysis.RELEASE_ID),
        lit(phase).as(PHASE),
        stratum().as(STRATUM),
        subjects.as(SUBJECTS),
        size(programs).equalTo(0).as(COMPARISON),
        col(inCustody ? ReleaseAnalysis.OUTCOMES : ReleaseAnalysis.LANDMARK_OUTCOMES).as(OUTCOMES),
        details.as(DETAILS),
        col(ReleaseAnalysis.AGE), col(ReleaseAnalysis.SENTENCE_MONTHS_COLUMN), col(ReleaseAnalysis.PRIOR_CONVICTIONS_COLUMN),
        col(ReleaseAnalysis.EMPLOYED_AT_FIRST_FOLLOWUP), col(ReleaseAnalysis.RELEASE_DATE),
        when(time.geq(0), time).as(TIME), event.as(EVENT));
  }
}
