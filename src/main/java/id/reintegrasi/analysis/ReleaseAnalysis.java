package id.reintegrasi.analysis;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import id.reintegrasi.schema.Enrollments;
import id.reintegrasi.schema.Followups;
import id.reintegrasi.schema.Programs;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Reoffences;
import id.reintegrasi.schema.Training;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The release-level analysis table of METHOD.md: one row per release with its covariates, its
 * program participation in the custody spell (and within the landmark after release), the hours
 * present, and per follow-up window whether it is eligible, reoffended, how many counted events
 * and the days to the first. A plain function of the clean inputs and the run parameters.
 */
public final class ReleaseAnalysis {

  /** The run parameters the table depends on. */
  public record Params(LocalDate asOf, List<Integer> windows, int waitingMonths,
      List<String> countedEventTypes, int landmarkDays) implements Serializable {}

  // Columns of the analysis table.
  public static final String RELEASE_ID = Releases.RELEASE_ID;
  public static final String PERSON_ID = Releases.PERSON_ID;
  public static final String FACILITY_ID = Releases.FACILITY_ID;
  public static final String RELEASE_DATE = Releases.RELEASE_DATE;
  public static final String FOLLOW_UP_START = "follow_up_start";
  public static final String COHORT = "cohort";
  public static final String RELEASE_YEAR = "release_year";
  public static final String AGE = "age";
  public static final String AGE_BAND = "age_band";
  public static final String SENTENCE_MONTHS_COLUMN = Releases.SENTENCE_MONTHS;
  public static final String PRIOR_CONVICTIONS_COLUMN = Releases.PRIOR_CONVICTIONS;
  public static final String SENTENCE_BAND = "sentence_band";
  public static final String PRIOR_BAND = "prior_band";
  public static final String IN_CUSTODY_PROGRAMS = "in_custody_programs";
  public static final String IN_CUSTODY_MOUS = "in_custody_mous";
  public static final String POST_RELEASE_PROGRAMS = "post_release_programs";
  public static final String POST_RELEASE_MOUS = "post_release_mous";
  public static final String GROUP = "group";
  public static final String HOURS_PRESENT = "hours_present";
  /** Per program of the phase: program_id, mou_id, phase, hours_present, sessions_present, exit_status. */
  public static final String IN_CUSTODY_DETAILS = "in_custody_details";
  public static final String POST_RELEASE_DETAILS = "post_release_details";
  /** Per phase, the subjects of the effect estimates: struct(level, subject_id). */
  public static final String IN_CUSTODY_SUBJECTS = "in_custody_subjects";
  public static final String POST_RELEASE_SUBJECTS = "post_release_subjects";
  public static final String PROGRAM_LEVEL = "PROGRAM";
  public static final String MOU_LEVEL = "MOU";
  public static final String ALL_MOU_LEVEL = "ALL_MOU";
  public static final StructType SUBJECT = DataTypes.createStructType(List.of(
      DataTypes.createStructField("level", DataTypes.StringType, false),
      DataTypes.createStructField("subject_id", DataTypes.StringType, true)));
  public static final String OUTCOMES = "outcomes";
  public static final String LANDMARK_OUTCOMES = "landmark_outcomes";
  public static final String EVENT_BEFORE_LANDMARK = "event_before_landmark";
  public static final String EMPLOYED_AT_FIRST_FOLLOWUP = "employed_at_first_followup";
  /** First counted offence after the follow-up start, within the longest window (for survival). */
  public static final String FIRST_EVENT_DATE = "first_event_date";
  public static final String LANDMARK_FIRST_EVENT_DATE = "landmark_first_event_date";
  public static final String SESSIONS_PRESENT = "sessions_present";

  // Fields of an outcome struct.
  public static final String WINDOW_MONTHS = "window_months";
  public static final String ELIGIBLE = "eligible";
  public static final String REOFFENDED = "reoffended";
  public static final String EVENTS = "events";
  public static final String DAYS_TO_FIRST = "days_to_first";

  public static final String MOU_PARTICIPANT = "MOU_PARTICIPANT";
  public static final String OTHER_PARTICIPANT = "OTHER_PARTICIPANT";
  public static final String NON_PARTICIPANT = "NON_PARTICIPANT";

  /** The covariates matched on (METHOD.md), as columns of this table. */
  public static final List<String> COVARIATES = List.of(
      Releases.SEX, AGE_BAND, Releases.OFFENCE_CATEGORY, SENTENCE_BAND, PRIOR_BAND, RELEASE_YEAR);

  private ReleaseAnalysis() {}

  /**
   * Builds the table. {@code followups} may be null (the dataset is optional).
   */
  public static Dataset<Row> build(Dataset<Row> releases, Dataset<Row> programs,
      Dataset<Row> enrollments, Dataset<Row> training, Dataset<Row> reoffences,
      Dataset<Row> followups, Params p) {
    // Step 1: covariates and the follow-up start of each release.
    Dataset<Row> base = releases.select(
        col(RELEASE_ID), col(PERSON_ID), col(FACILITY_ID), col(Releases.ADMISSION_DATE),
        col(RELEASE_DATE), col(Releases.RELEASE_TYPE),
        not(col(Releases.RELEASE_TYPE).isin(Releases.NOT_FOLLOW_UP_STARTS.toArray())).as(FOLLOW_UP_START),
        concat(year(col(RELEASE_DATE)).cast("string"), lit("-Q"), quarter(col(RELEASE_DATE)).cast("string")).as(COHORT),
        year(col(RELEASE_DATE)).as(RELEASE_YEAR),
        col(Releases.SEX),
        year(col(RELEASE_DATE)).minus(col(Releases.BIRTH_YEAR)).as(AGE),
        col(Releases.OFFENCE_CATEGORY), col(Releases.SENTENCE_MONTHS), col(Releases.PRIOR_CONVICTIONS),
        col(Releases.HOME_REGION))
        .withColumn(AGE_BAND, band(col(AGE), new int[] {25, 35, 45}, "<25", "25-34", "35-44", "45+"))
        .withColumn(SENTENCE_BAND, band(col(Releases.SENTENCE_MONTHS), new int[] {12, 36, 60}, "<12", "12-35", "36-59", "60+"))
        .withColumn(PRIOR_BAND, band(col(Releases.PRIOR_CONVICTIONS), new int[] {1, 2, 4}, "0", "1", "2-3", "4+"));

    Dataset<Row> spells = releases.select(col(RELEASE_ID), col(PERSON_ID).as("_person"),
        col(Releases.ADMISSION_DATE).as("_admission"), col(RELEASE_DATE).as("_release"));

    // Step 2: participation per release and program, with hours present in the spell.
    Dataset<Row> participation = participation(spells, programs, enrollments, training, p.landmarkDays());

    // Step 3: counted events per release and window.
    Dataset<Row> events = eventsPerRelease(releases, reoffences, p);

    // Step 4: employment at the first follow-up within 180 days after release.
    Dataset<Row> employment = followups == null ? null : employment(spells, followups);

    Dataset<Row> table = base.join(participation, RELEASE_ID, "left").join(events, RELEASE_ID, "left");
    if (employment != null) {
      table = table.join(employment, RELEASE_ID, "left");
    } else {
      table = table.withColumn(EMPLOYED_AT_FIRST_FOLLOWUP, lit(null).cast(DataTypes.BooleanType));
    }

    // Step 5: assemble the outcome arrays; releases never eligible are never non-reoffenders.
    Column landmark = date_add(col(RELEASE_DATE), p.landmarkDays());
    List<Column> outcomes = new ArrayList<>();
    List<Column> landmarkOutcomes = new ArrayList<>();
    for (int w : p.windows()) {
      outcomes.add(outcome(w, col(RELEASE_DATE), "", p));
      landmarkOutcomes.add(outcome(w, landmark, "lm_", p));
    }
    DataType strings = DataTypes.createArrayType(DataTypes.StringType, false);
    DataType subjects = DataTypes.createArrayType(SUBJECT, false);
    DataType details = table.schema().apply(IN_CUSTODY_DETAILS).dataType();
    return table.select(
        col(RELEASE_ID), col(PERSON_ID), col(FACILITY_ID), col(Releases.ADMISSION_DATE), col(RELEASE_DATE),
        col(Releases.RELEASE_TYPE), col(FOLLOW_UP_START), col(COHORT), col(RELEASE_YEAR), col(Releases.SEX),
        col(AGE), col(AGE_BAND), col(Releases.OFFENCE_CATEGORY), col(Releases.SENTENCE_MONTHS), col(SENTENCE_BAND),
        col(Releases.PRIOR_CONVICTIONS), col(PRIOR_BAND), col(Releases.HOME_REGION),
        coalesce(col(IN_CUSTODY_PROGRAMS), array().cast(strings)).as(IN_CUSTODY_PROGRAMS),
        coalesce(col(IN_CUSTODY_MOUS), array().cast(strings)).as(IN_CUSTODY_MOUS),
        coalesce(col(POST_RELEASE_PROGRAMS), array().cast(strings)).as(POST_RELEASE_PROGRAMS),
        coalesce(col(POST_RELEASE_MOUS), array().cast(strings)).as(POST_RELEASE_MOUS),
        when(size(coalesce(col(IN_CUSTODY_MOUS), array())).gt(0), lit(MOU_PARTICIPANT))
            .when(size(coalesce(col(IN_CUSTODY_PROGRAMS), array())).gt(0), lit(OTHER_PARTICIPANT))
            .otherwise(lit(NON_PARTICIPANT)).as(GROUP),
        coalesce(col(HOURS_PRESENT), lit(0).cast(DataTypes.createDecimalType(19, 2))).as(HOURS_PRESENT),
        coalesce(col(IN_CUSTODY_SUBJECTS), array().cast(subjects)).as(IN_CUSTODY_SUBJECTS),
        coalesce(col(POST_RELEASE_SUBJECTS), array().cast(subjects)).as(POST_RELEASE_SUBJECTS),
        coalesce(col(IN_CUSTODY_DETAILS), array().cast(details)).as(IN_CUSTODY_DETAILS),
        coalesce(col(POST_RELEASE_DETAILS), array().cast(details)).as(POST_RELEASE_DETAILS),
        array(outcomes.toArray(Column[]::new)).as(OUTCOMES),
        coalesce(col(EVENT_BEFORE_LANDMARK), lit(false)).as(EVENT_BEFORE_LANDMARK),
        array(landmarkOutcomes.toArray(Column[]::new)).as(LANDMARK_OUTCOMES),
        col(FIRST_EVENT_DATE), col(LANDMARK_FIRST_EVENT_DATE),
        col(EMPLOYED_AT_FIRST_FOLLOWUP));
  }

  /**
   * The sum of training hours (decimal(9,2), 0..24 once validated) as decimal(19,2), the type a
   * plain sum gives. Summed as decimal(8,2), whose sum fits a long: Spark then adds unscaled longs
   * instead of a BigInteger per row (the training rows are the biggest input by far).
   */
  public static Column sumHours(Column hours) {
    return sum(hours.cast(DataTypes.createDecimalType(8, 2))).cast(DataTypes.createDecimalType(19, 2));
  }

  /** Labels a number by the band it falls in: below bounds[0] is labels[0], and so on. */
  static Column band(Column value, int[] bounds, String... labels) {
    Column c = when(value.lt(bounds[0]), lit(labels[0]));
    for (int i = 1; i < bounds.length; i++) {
      c = c.when(value.lt(bounds[i]), lit(labels[i]));
    }
    return c.when(value.isNotNull(), lit(labels[bounds.length]));
  }

  private static Column outcome(int w, Column start, String prefix, Params p) {
    Column eligible = col(FOLLOW_UP_START)
        .and(add_months(start, w + p.waitingMonths()).leq(lit(p.asOf())));
    Column events = coalesce(col(prefix + "events_" + w), lit(0L)).cast(DataTypes.IntegerType);
    return struct(
        lit(w).as(WINDOW_MONTHS),
        eligible.as(ELIGIBLE),
        when(eligible, events.gt(0)).as(REOFFENDED),
        when(eligible, events).as(EVENTS),
        when(eligible, datediff(col(prefix + "first_" + w), start)).as(DAYS_TO_FIRST));
  }

  private static Dataset<Row> participation(Dataset<Row> spells, Dataset<Row> programs,
      Dataset<Row> enrollments, Dataset<Row> training, int landmarkDays) {
    Dataset<Row> catalogue = broadcast(programs.select(col(Programs.PROGRAM_ID).as("_program"),
        col(Programs.MOU_ID).as("_mou"), col(Programs.PHASE).as("_phase")));
    Dataset<Row> enrolled = enrollments
        .select(col(Enrollments.PERSON_ID).as("_eperson"), col(Enrollments.PROGRAM_ID).as("_program"),
            col(Enrollments.ENROLLMENT_ID), col(Enrollments.ENROLLED_DATE), col(Enrollments.EXIT_STATUS))
        .join(catalogue, "_program");
    Column enrolledDate = col(Enrollments.ENROLLED_DATE);
    Column inSpell = col("_phase").equalTo(Programs.IN_CUSTODY)
        .and(enrolledDate.geq(col("_admission"))).and(enrolledDate.leq(col("_release")));
    Column afterRelease = col("_phase").equalTo(Programs.POST_RELEASE)
        .and(enrolledDate.geq(col("_release")))
        .and(enrolledDate.leq(date_add(col("_release"), landmarkDays)));
    // Intention to treat: any enrollment in the spell counts; the latest one's exit status is kept.
    Dataset<Row> perProgram = spells
        .join(enrolled, col("_person").equalTo(col("_eperson")).and(inSpell.or(afterRelease)))
        .groupBy(col(RELEASE_ID), col("_program"), col("_mou"), col("_phase"))
        .agg(max_by(col(Enrollments.EXIT_STATUS),
            struct(enrolledDate, col(Enrollments.ENROLLMENT_ID))).as(Enrollments.EXIT_STATUS));

    Dataset<Row> inCustodyPrograms = broadcast(programs.filter(col(Programs.PHASE).equalTo(Programs.IN_CUSTODY))
        .select(col(Programs.PROGRAM_ID).as("_tprogram")));
    Column session = col(Training.SESSION_DATE);
    Dataset<Row> hours = training
        .filter(col(Training.ATTENDANCE).equalTo(Training.PRESENT))
        .select(col(Training.PERSON_ID).as("_tperson"), col(Training.PROGRAM_ID).as("_tprogram"),
            session, col(Training.HOURS))
        .join(inCustodyPrograms, "_tprogram")
        .join(spells, col("_person").equalTo(col("_tperson"))
            .and(session.geq(col("_admission"))).and(session.leq(col("_release"))))
        .groupBy(col(RELEASE_ID), col("_tprogram").as("_program"))
        .agg(sumHours(col(Training.HOURS)).as(HOURS_PRESENT), count(lit(1)).as(SESSIONS_PRESENT));

    Column inCustody = col("_phase").equalTo(Programs.IN_CUSTODY);
    Column postRelease = col("_phase").equalTo(Programs.POST_RELEASE);
    Column detail = struct(col("_program").as("program_id"), col("_mou").as("mou_id"),
        col("_phase").as("phase"), col(HOURS_PRESENT).as("hours_present"),
        col(SESSIONS_PRESENT).as("sessions_present"), col(Enrollments.EXIT_STATUS).as("exit_status"));
    // Two collected lists per release, one per phase, and everything else derived from them:
    // every collected aggregate costs a buffer per release (and Spark 4.2 looks up its SQL
    // configuration for each), so ten of them made this the dearest step of the table.
    Dataset<Row> perRelease = perProgram.join(hours, new String[] {RELEASE_ID, "_program"}, "left")
        .withColumn(HOURS_PRESENT, when(inCustody, coalesce(col(HOURS_PRESENT),
            lit(0).cast(DataTypes.createDecimalType(19, 2)))))
        .withColumn(SESSIONS_PRESENT, when(inCustody, coalesce(col(SESSIONS_PRESENT), lit(0L))))
        .groupBy(RELEASE_ID)
        .agg(
            sum(when(inCustody, col(HOURS_PRESENT))).as(HOURS_PRESENT),
            // Sorted by program_id, the first field: one row per (release, program) came in.
            sort_array(collect_list(when(inCustody, detail))).as(IN_CUSTODY_DETAILS),
            sort_array(collect_list(when(postRelease, detail))).as(POST_RELEASE_DETAILS));
    Column inCustodyDetails = col(IN_CUSTODY_DETAILS);
    Column postReleaseDetails = col(POST_RELEASE_DETAILS);
    return perRelease.select(col(RELEASE_ID), col(HOURS_PRESENT), inCustodyDetails, postReleaseDetails)
        .withColumn(IN_CUSTODY_PROGRAMS, inCustodyDetails.getField("program_id"))
        .withColumn(IN_CUSTODY_MOUS, mous(inCustodyDetails))
        .withColumn(POST_RELEASE_PROGRAMS, postReleaseDetails.getField("program_id"))
        .withColumn(POST_RELEASE_MOUS, mous(postReleaseDetails))
        .withColumn(IN_CUSTODY_SUBJECTS, subjects(col(IN_CUSTODY_PROGRAMS), col(IN_CUSTODY_MOUS)))
        .withColumn(POST_RELEASE_SUBJECTS, subjects(col(POST_RELEASE_PROGRAMS), col(POST_RELEASE_MOUS)));
  }

  /** The distinct MoUs of a phase's program details, sorted, without the programs under none. */
  private static Column mous(Column details) {
    return sort_array(array_except(details.getField("mou_id"), array(lit(null).cast(DataTypes.StringType))));
  }

  /**
   * The subjects a release took part in within a phase: each program, each MoU, then ALL_MOU when
   * any program was under an MoU. Built from the sorted, distinct programs and MoUs, so sorted
   * by level and id as the estimates expect.
   */
  private static Column subjects(Column programs, Column mous) {
    return concat(
        transform(programs, program -> subject(lit(PROGRAM_LEVEL), program)),
        transform(mous, mou -> subject(lit(MOU_LEVEL), mou)),
        when(size(mous).gt(0), array(subject(lit(ALL_MOU_LEVEL), lit(ALL_MOU_LEVEL))))
            .otherwise(array().cast(DataTypes.createArrayType(SUBJECT, false))));
  }

  private static Column subject(Column level, Column id) {
    return struct(level.as("level"), id.as("subject_id"));
  }

  private static Dataset<Row> eventsPerRelease(Dataset<Row> releases, Dataset<Row> reoffences, Params p) {
    int longest = p.windows().get(p.windows().size() - 1);
    Dataset<Row> starts = releases
        .filter(not(col(Releases.RELEASE_TYPE).isin(Releases.NOT_FOLLOW_UP_STARTS.toArray())))
        .select(col(RELEASE_ID), col(PERSON_ID).as("_person"), col(RELEASE_DATE).as("_release"));
    Dataset<Row> counted = reoffences
        .filter(col(Reoffences.EVENT_TYPE).isin(p.countedEventTypes().toArray()))
        .select(col(Reoffences.PERSON_ID).as("_eperson"), col(Reoffences.OFFENCE_DATE).as("_offence"),
            col(Reoffences.RECORDED_DATE).as("_recorded"));
    Column release = col("_release");
    Column landmark = date_add(release, p.landmarkDays());
    Column offence = col("_offence");
    Column recorded = col("_recorded");
    Dataset<Row> pairs = starts.join(counted, col("_person").equalTo(col("_eperson"))
        .and(offence.gt(release)).and(offence.leq(add_months(landmark, longest))));

    List<Column> aggs = new ArrayList<>();
    for (int w : p.windows()) {
      Column inWindow = offence.leq(add_months(release, w))
          .and(recorded.isNull().or(recorded.leq(add_months(release, w + p.waitingMonths()))));
      Column inLandmarkWindow = offence.gt(landmark).and(offence.leq(add_months(landmark, w)))
          .and(recorded.isNull().or(recorded.leq(add_months(landmark, w + p.waitingMonths()))));
      aggs.add(sum(when(inWindow, 1L).otherwise(0L)).as("events_" + w));
      aggs.add(min(when(inWindow, offence)).as("first_" + w));
      aggs.add(sum(when(inLandmarkWindow, 1L).otherwise(0L)).as("lm_events_" + w));
      aggs.add(min(when(inLandmarkWindow, offence)).as("lm_first_" + w));
    }
    aggs.add(max(offence.leq(landmark)).as(EVENT_BEFORE_LANDMARK));
    aggs.add(min(when(offence.leq(add_months(release, longest)), offence)).as(FIRST_EVENT_DATE));
    aggs.add(min(when(offence.gt(landmark), offence)).as(LANDMARK_FIRST_EVENT_DATE));
    return pairs.groupBy(RELEASE_ID).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /**
   * The status of the first follow-up within 180 days after release (the earliest date; on one
   * day, the first status alphabetically), as the minimum of one number per follow-up: its date's
   * day number times the number of statuses plus the status's rank. A minimum of numbers Spark
   * takes in a hash table; min_by ordered by (date, status) made it sort every pair.
   */
  private static Dataset<Row> employment(Dataset<Row> spells, Dataset<Row> followups) {
    Column date = col(Followups.FOLLOWUP_DATE);
    CodeRanks statuses = CodeRanks.of(Followups.SPEC, Followups.EMPLOYMENT_STATUS);
    Column n = lit((long) statuses.size());
    Column key = unix_date(date).cast(DataTypes.LongType).multiply(n)
        .plus(statuses.rank(col(Followups.EMPLOYMENT_STATUS)));
    Column first = statuses.code(pmod(col("_first"), n).cast(DataTypes.IntegerType));
    return spells.join(followups.select(col(Followups.PERSON_ID).as("_fperson"), date,
            col(Followups.EMPLOYMENT_STATUS)),
            col("_person").equalTo(col("_fperson"))
                .and(date.geq(col("_release"))).and(date.leq(date_add(col("_release"), 180))))
        .groupBy(RELEASE_ID)
        .agg(min(key).as("_first"))
        .select(col(RELEASE_ID), first.isin("EMPLOYED", "SELF_EMPLOYED").as(EMPLOYED_AT_FIRST_FOLLOWUP));
  }
}
