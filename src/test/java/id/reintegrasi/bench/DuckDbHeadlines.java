package id.reintegrasi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The headline numbers recomputed by an independent engine, DuckDB, straight from the input files
 * with METHOD.md's definitions written afresh in SQL (no code shared with the job), and compared
 * with the job's output tables:
 *
 * <ul>
 *   <li>{@code cohort_outcomes} for one window: releases, eligible and reoffended per release
 *       cohort, facility and group;
 *   <li>per in-custody program: the treated releases (matched + unmatched) and their reoffence
 *       rate, and the comparison pool (no in-custody program at all) with its rate, which are the
 *       naive columns of {@code program_effect}.
 * </ul>
 *
 * <p>Inputs must be clean (no quarantined rows): the SQL does not repeat the job's validation.
 * Cells the job suppressed (null) are skipped; every other cell must agree exactly.
 */
public final class DuckDbHeadlines {
  /** Counts of one comparison: cells compared, cells skipped as suppressed, cells that differ. */
  public record Check(String name, long compared, long suppressed, List<String> differences) {
    public boolean ok() {
      return differences.isEmpty() && compared > 0;
    }
  }

  /** What a run of the cross-check found, and how long DuckDB took to compute the headlines. */
  public record Result(long millis, List<Check> checks) {
    public boolean ok() {
      return checks.stream().allMatch(Check::ok);
    }
  }

  private DuckDbHeadlines() {}

  /**
   * Computes the headlines from {@code input} and compares them with the job's {@code output}.
   * {@code millis} is DuckDB's time to read the inputs and compute the headlines, not the comparison.
   */
  public static Result run(Path input, Path output, LocalDate asOf, int window, int waitingMonths) {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      long start = System.nanoTime();
      for (String name : List.of("releases", "programs", "enrollments", "reoffences")) {
        st.execute("CREATE TABLE " + name + " AS SELECT * FROM " + source(input, name));
      }
      st.execute(headlineSql(asOf, window, waitingMonths));
      st.execute(programSql(asOf, window, waitingMonths));
      long millis = (System.nanoTime() - start) / 1_000_000;

      List<Check> checks = new ArrayList<>();
      checks.add(compare(st, "cohort_outcomes (" + window + " months)", """
          SELECT d.cohort, d.facility_id, d."group", d.releases AS duck_releases, j.releases,
                 d.eligible AS duck_eligible, j.eligible, d.reoffended AS duck_reoffended, j.reoffended
          FROM duck_cohort d FULL OUTER JOIN (
            SELECT * FROM read_parquet('%s') WHERE window_months = %d) j
          USING (cohort, facility_id, "group")
          """.formatted(parquet(output, "cohort_outcomes"), window)));
      checks.add(compare(st, "program reoffence rates (" + window + " months)", """
          SELECT d.program_id, d.treated AS duck_treated, j.treated_n + j.treated_unmatched AS treated,
                 d.treated_rate AS duck_treated_rate, j.naive_comparison_value + j.naive_difference AS treated_rate,
                 d.pool AS duck_pool, j.naive_comparison_n AS pool,
                 d.pool_rate AS duck_pool_rate, j.naive_comparison_value AS pool_rate
          FROM duck_program d FULL OUTER JOIN (
            SELECT subject_id AS program_id, * FROM read_parquet('%s')
            WHERE level = 'PROGRAM' AND phase = 'IN_CUSTODY' AND window_months = %d
              AND measure = 'REOFFENCE_RATE') j
          USING (program_id)
          """.formatted(parquet(output, "program_effect"), window)));
      return new Result(millis, checks);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
  }

  /** METHOD.md, "Observations and follow-up" and "Groups", for one window. */
  static String headlineSql(LocalDate asOf, int window, int waiting) {
    return """
        CREATE TABLE duck_release AS
        WITH rel AS (
          SELECT release_id, person_id, facility_id,
                 CAST(admission_date AS DATE) AS admission_date, CAST(release_date AS DATE) AS release_date
          FROM releases WHERE release_type NOT IN ('TRANSFER', 'DEATH')),
        participation AS (
          SELECT r.release_id, bool_or(p.mou_id IS NOT NULL AND p.mou_id <> '') AS mou
          FROM rel r
          JOIN enrollments e ON e.person_id = r.person_id
           AND CAST(e.enrolled_date AS DATE) BETWEEN r.admission_date AND r.release_date
          JOIN programs p ON p.program_id = e.program_id AND p.phase = 'IN_CUSTODY'
          GROUP BY r.release_id),
        reoffended AS (
          SELECT DISTINCT r.release_id
          FROM rel r JOIN reoffences o ON o.person_id = r.person_id
          WHERE o.event_type IN ('CONVICTION', 'READMISSION')
            AND CAST(o.offence_date AS DATE) > r.release_date
            AND CAST(o.offence_date AS DATE) <= r.release_date + INTERVAL %1$d MONTH
            AND (o.recorded_date IS NULL OR CAST(o.recorded_date AS DATE) <= r.release_date + INTERVAL %2$d MONTH))
        SELECT r.release_id, r.person_id, r.facility_id, r.admission_date, r.release_date,
               year(r.release_date) || '-Q' || quarter(r.release_date) AS cohort,
               CASE WHEN p.mou THEN 'MOU_PARTICIPANT' WHEN p.release_id IS NOT NULL THEN 'OTHER_PARTICIPANT'
                    ELSE 'NON_PARTICIPANT' END AS "group",
               r.release_date + INTERVAL %2$d MONTH <= DATE '%3$s' AS eligible,
               o.release_id IS NOT NULL AS reoffended
        FROM rel r LEFT JOIN participation p USING (release_id) LEFT JOIN reoffended o USING (release_id);
        CREATE TABLE duck_cohort AS
        SELECT cohort, facility_id, "group", count(*) AS releases,
               count(*) FILTER (WHERE eligible) AS eligible,
               count(*) FILTER (WHERE eligible AND reoffended) AS reoffended
        FROM duck_release GROUP BY ALL;
        """.formatted(window, window + waiting, asOf);
  }

  /** Treated (participated in the program during the spell) and the pool (no in-custody program). */
  static String programSql(LocalDate asOf, int window, int waiting) {
    return """
        CREATE TABLE duck_program AS
        WITH treated AS (
          SELECT DISTINCT e.program_id, r.release_id, r.reoffended
          FROM duck_release r
          JOIN enrollments e ON e.person_id = r.person_id
           AND CAST(e.enrolled_date AS DATE) BETWEEN r.admission_date AND r.release_date
          JOIN programs p ON p.program_id = e.program_id AND p.phase = 'IN_CUSTODY'
          WHERE r.eligible),
        pool AS (
          SELECT count(*) AS pool, avg(CASE WHEN reoffended THEN 1.0 ELSE 0.0 END) AS pool_rate
          FROM duck_release WHERE eligible AND "group" = 'NON_PARTICIPANT')
        SELECT t.program_id, count(*) AS treated, avg(CASE WHEN t.reoffended THEN 1.0 ELSE 0.0 END) AS treated_rate,
               any_value(pool.pool) AS pool, any_value(pool.pool_rate) AS pool_rate
        FROM treated t CROSS JOIN pool GROUP BY t.program_id;
        """;
  }

  /**
   * Runs a query whose columns come in pairs (DuckDB's value, the job's value) after the key
   * columns; a pair where the job's value is null was suppressed and is skipped.
   */
  private static Check compare(Statement st, String name, String sql) throws SQLException {
    long compared = 0;
    long suppressed = 0;
    List<String> differences = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      int keys = 0;
      while (keys < columns && !rs.getMetaData().getColumnName(keys + 1).startsWith("duck_")) {
        keys++;
      }
      while (rs.next()) {
        StringBuilder key = new StringBuilder();
        for (int k = 1; k <= keys; k++) {
          key.append(k > 1 ? "/" : "").append(rs.getString(k));
        }
        for (int c = keys + 1; c < columns; c += 2) {
          Object duck = rs.getObject(c);
          Object job = rs.getObject(c + 1);
          String column = rs.getMetaData().getColumnName(c + 1);
          if (job == null && duck != null && ((Number) duck).doubleValue() != 0) {
            suppressed++;
            continue;
          }
          compared++;
          if (!same(duck, job)) {
            differences.add(key + " " + column + ": DuckDB " + duck + ", job " + job);
          }
        }
      }
    }
    return new Check(name, compared, suppressed, differences);
  }

  /** Counts must be equal; rates equal up to floating-point rounding. Zero and a missing row agree. */
  private static boolean same(Object duck, Object job) {
    double d = duck == null ? 0 : ((Number) duck).doubleValue();
    double j = job == null ? 0 : ((Number) job).doubleValue();
    return Math.abs(d - j) <= 1e-9 * Math.max(1, Math.abs(d));
  }

  /** A dataset's files as a DuckDB table function: NAME.csv, NAME.parquet or a folder of parts. */
  static String source(Path input, String name) {
    Path csv = input.resolve(name + ".csv");
    Path parquet = input.resolve(name + ".parquet");
    Path folder = input.resolve(name);
    if (Files.isRegularFile(csv)) {
      return csvTable("'" + csv + "'");
    }
    if (Files.exists(parquet)) {
      return "read_parquet('" + (Files.isDirectory(parquet) ? parquet + "/*.parquet" : parquet) + "')";
    }
    if (Files.isDirectory(folder)) {
      try (Stream<Path> parts = Files.list(folder)) {
        boolean anyCsv = parts.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"));
        return anyCsv ? csvTable("'" + folder + "/*.csv'") : "read_parquet('" + folder + "/*.parquet')";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalArgumentException("No " + name + " in " + input);
  }

  /** Every column as text, as the contract's CSV is; the SQL casts what it needs. */
  private static String csvTable(String glob) {
    return "read_csv(" + glob + ", header = true, all_varchar = true, delim = ',', quote = '\"')";
  }

  private static String parquet(Path output, String table) {
    return output.resolve(table) + "/*.parquet";
  }

  /** Usage: DuckDbHeadlines INPUT OUTPUT AS_OF [WINDOW [WAITING_MONTHS]]; exit 1 when a cell differs. */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("Usage: DuckDbHeadlines INPUT OUTPUT AS_OF [WINDOW [WAITING_MONTHS]]");
      System.exit(2);
    }
    int window = args.length > 3 ? Integer.parseInt(args[3]) : 12;
    int waiting = args.length > 4 ? Integer.parseInt(args[4]) : 6;
    Result r = run(Path.of(args[0]), Path.of(args[1]), LocalDate.parse(args[2]), window, waiting);
    System.out.printf(Locale.ROOT, "duckdb_seconds %.1f%n", r.millis() / 1000.0);
    for (Check c : r.checks()) {
      System.out.printf(Locale.ROOT, "check %s: %d cells equal%s, %d suppressed by the job skipped%n", c.name(),
          c.compared() - c.differences().size(), c.differences().isEmpty() ? "" : ", " + c.differences().size()
              + " DIFFER", c.suppressed());
      c.differences().stream().limit(20).forEach(d -> System.out.println("  " + d));
    }
    System.out.println(r.ok() ? "duckdb_agrees yes" : "duckdb_agrees NO");
    System.exit(r.ok() ? 0 : 1);
  }
}
