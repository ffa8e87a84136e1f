package id.reintegrasi.generate;

import id.reintegrasi.generate.GeneratorOptions.Format;
import id.reintegrasi.generate.GeneratorOptions.HelpRequested;
import id.reintegrasi.generate.GeneratorOptions.UsageException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a seeded, synthetic, contract-shaped input data set (shared/CONTRACT.md) for a made-up
 * Jambi province: six facilities, ten home regions, five MoUs, sixteen programs, releases from
 * 2019-01-01 to the as-of date. Pure Java, no Spark: persons are simulated one at a time and their
 * rows streamed to the files, so memory stays flat at any size.
 *
 * <pre>
 * DataGenerator --output DIR [--releases N] [--seed S] [--format csv|parquet]
 *               [--as-of yyyy-MM-dd] [--bad-rows K] [--course-sessions F] [--help]
 * </pre>
 *
 * <p>Determinism: each person draws from a {@link SplittableRandom} seeded by (seed, person
 * number) alone; ids are counters in writing order; nothing reads the clock or iterates a hash
 * map. The same options give byte-identical CSV files, and the clean rows do not change with K.
 *
 * <h2>True effects built in (what program_effect should recover)</h2>
 * Relative risk (RR) of proven reoffending (CONVICTION or READMISSION) at every window: the
 * untreated chance of a first proven event is thinned by the program (a post-release program
 * only thins events after day 90, the METHOD.md landmark). A full course gets
 * {@code rrComplete}; a partial one {@code rrComplete^(share of sessions held)}, a dropout half of
 * that exponent. The intention-to-treat RR (participants as defined in METHOD.md, dropouts
 * included, versus matched non-participants) comes out at about {@code rrItt}:
 * <pre>
 * program              MoU                        rrComplete  rrItt  note
 * PRG-JMB-LAS          MOU-2020-DISNAKERTRANS     0.64        0.70   welding, clearly reduces
 * PRG-JMB-BARISTA      MOU-2020-DISNAKERTRANS     0.64        0.70   barista, clearly reduces
 * PRG-SPN-AGAMA        MOU-2021-KEMENAG-KERINCI   0.64        0.70   religious guidance, clearly reduces
 * PRG-JMB-KEBANGSAAN   -                          1.00        1.00   civic lectures: no effect at all
 * PRG-PB-WIRAUSAHA     MOU-2022-BAZNAS            0.83        0.85   post-release, acts from day 90; modest
 * PRG-JMB-REHAB        MOU-2019-BNNP (ended)      0.82        0.85   NARKOTIKA only, 2019-04..2023-03
 * PRG-LPP-JAHIT        MOU-2020-DISNAKERTRANS     0.82        0.85
 * PRG-MBL-MEBEL        -                          0.82        0.85
 * PRG-KTL-TANI, PRG-BKO-AGAMA, PRG-BKO-BENGKEL, PRG-PB-KERJA   0.88  0.90
 * PRG-LPP-SOSIAL       -                          0.94        0.95
 * PRG-SPN-BARISTA / -KOPI / -SOSIAL  MOU-2025-SPN 0.64/0.82/0.94   start Nov 2025 onwards: no
 *                                                 release is eligible for a 6-month window yet
 * </pre>
 * Outside programs: ARREST-only events are not affected by any program (so counting arrests
 * dilutes the effects); employment at Bapas check-ins is likelier after a completed vocational
 * (KEMANDIRIAN) course and for post-release participants (WIRAUSAHA mostly SELF_EMPLOYED).
 *
 * <h2>Selection (why a naive comparison is biased, and why matching fixes it)</h2>
 * In-custody participation depends on the facility (LPP-JAMBI and LAPAS-JAMBI keen, Bangko and
 * Kuala Tungkal less), on what runs there during the spell (a program enrols only between its
 * start and end, at most one program per spell except at Sungai Penuh from late 2025, enrolment
 * from 30 days after admission to 7 days before release), and on the age band (young more),
 * prior-convictions band (0 priors much more, 4+ much less) and sentence band (under 12 months
 * rarely, 36+ more). Reoffending depends on age, priors, offence (NARKOTIKA and PENCURIAN
 * higher, ASUSILA and KORUPSI lower) and sex, not on facility, region or release type. So
 * participants are lower-risk than non-participants (mostly through priors); a naive comparison
 * overstates most effects (the civic lectures look protective, naive RR about 0.9; the drug
 * programme, which takes only higher-risk NARKOTIKA offenders, looks weaker), while matching on
 * the METHOD.md bands recovers the table above: selection uses the covariates only through those
 * bands. Checked with an independent re-implementation of the matching at 200,000 releases:
 * LAS 0.72, BARISTA 0.71, SPN-AGAMA 0.71, KEBANGSAAN 1.00, WIRAUSAHA (landmark) 0.83; from about
 * 50,000 releases the first three come out REDUCED and the civic lectures not significant.
 * Post-release participation (7..90 days after release) is likelier for supervised releases
 * (PB, CB, CMB, ASIMILASI) and people from Kota Jambi, Muaro Jambi and Batanghari; anybody
 * with a proven reoffence before the enrolment date does not enrol (the immortal-time trap that
 * the 90-day landmark avoids).
 *
 * <h2>Outcome timing</h2>
 * Chance of ever being reconvicted = logistic(-0.85 - 0.035 (age - 30) + 0.28 priors + offence
 * + sex); time from release to the offence ~ Weibull(shape 0.75, scale 18 months), a hazard that
 * falls with time. 65% of proven events are READMISSION (recorded on the new admission, 1-45 days
 * after the offence, which starts a new custody spell), 35% CONVICTION (recorded after a
 * log-normal lag, median 75 days, about 5% beyond six months, 4% without a date; 35% of them lead
 * to custody); after a non-custodial conviction 35% offend again. ARREST-only events come to
 * 0.35 x that chance, recorded within two days (10% without a date). Offence categories: sex
 * (P) -0.5, NARKOTIKA +0.35, PENCURIAN +0.30, PENIPUAN 0, LAINNYA -0.1, KEKERASAN -0.15,
 * ASUSILA -0.7, KORUPSI -1.3. With these, about 17% of eligible releases reoffend within 12
 * months and about 14% of released persons have two or more releases. Events whose recorded
 * date is after the as-of date are not in the extract yet.
 *
 * <h2>Bad rows (--bad-rows K), in planting order</h2>
 * <ol>
 * <li>releases: admission_date and release_date swapped (release_date >= admission_date)</li>
 * <li>training: hours 30.00 (0..24)</li>
 * <li>enrollments: program_id PRG-UNKNOWN (must exist in programs)</li>
 * <li>reoffences: recorded_date 12 days before offence_date</li>
 * <li>followups: followup_date written dd/MM/yyyy, e.g. 19/10/2025 (CSV only)</li>
 * <li>releases: sex X</li>
 * <li>training: attendance SAKIT (unknown code)</li>
 * <li>enrollments: enrolled_date YYYY-02-30, an impossible date (CSV only)</li>
 * <li>releases: birth_year three years before the release, age 3 (age 12..100 at release)</li>
 * <li>training: attendance present (lower case)</li>
 * <li>releases: a second, identical row of a release_id (unique)</li>
 * <li>releases: sentence_months -6</li>
 * <li>programs: PRG-JMB-SABLON with mou_id MOU-2018-DISPERINDAG, not in mous</li>
 * <li>enrollments: exit_date 14 days before enrolled_date</li>
 * <li>reoffences: event_type TILANG</li>
 * <li>mous: MOU-2023-DINSOS-TEBO with end_date before signed_date</li>
 * </ol>
 * Parquet cannot hold the two malformed dates, so a Parquet run skips kinds 5 and 8. The run
 * prints the exact rows (file, line, key, value); see also sample-data/README.md.
 *
 * <h2>Known soft-rule cases in clean data</h2>
 * People in custody on the as-of date have enrollments and training but no release row yet
 * ("person_id should exist in releases"); their in-custody enrollments lie after their last
 * release, in the open spell.
 */
public final class DataGenerator {

  private DataGenerator() {}

  /** Row counts per dataset and the bad rows planted. */
  public record Result(Map<InputDataset, Long> rows, long persons, List<BadRows.Planted> badRows) {}

  public static void main(String[] args) {
    GeneratorOptions options;
    try {
      options = GeneratorOptions.parse(Arrays.asList(args));
    } catch (HelpRequested help) {
      System.out.print(help.getMessage());
      return;
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println("Run with --help to see the options.");
      System.exit(2);
      return;
    }
    System.out.println("DataGenerator " + options);
    long started = System.nanoTime();
    Result result;
    try {
      result = run(options);
    } catch (IOException | RuntimeException e) {
      System.err.println("Generation failed: " + e);
      System.exit(1);
      return;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    for (Map.Entry<InputDataset, Long> e : result.rows().entrySet()) {
      System.out.printf("  %-12s %,12d rows%n", e.getKey().fileName(), e.getValue());
    }
    System.out.printf("  %d persons simulated in %.1f s%n", result.persons(), seconds);
    if (!result.badRows().isEmpty()) {
      System.out.println("Bad rows planted:");
      result.badRows().forEach(b -> System.out.println("  " + b));
    }
  }

  /** Generates the data set described by the options. */
  public static Result run(GeneratorOptions options) throws IOException {
    PersonSimulator simulator = new PersonSimulator(options.asOf(), options.courseSessions());
    BadRows bad = new BadRows(options.badRows(), options.format() == Format.CSV, options.releases());
    OutputFiles out = OutputFiles.open(options.output(), options.format());
    long persons = 0;
    try {
      // Step 1: the reference data (MoUs, program catalogue), then their bad rows.
      out.writeMous();
      out.writePrograms();
      bad.plantReference(out);

      // Step 2: persons one by one, each written as soon as simulated, until N releases exist.
      long written = 0;
      while (written < options.releases()) {
        persons++;
        SplittableRandom rnd = new SplittableRandom(personSeed(options.seed(), persons));
        int budget = (int) Math.min(Integer.MAX_VALUE, options.releases() - written);
        PersonHistory h = simulator.simulate(persons, rnd, budget);
        if (h.isEmpty()) {
          continue;
        }
        out.write(h);
        written += h.releases.size();
        bad.afterPerson(h, out, written);
      }

      // Step 3: bad rows still due (only in very small runs), then publish the files.
      bad.finish(out);
      out.close();
    } catch (IOException | RuntimeException e) {
      out.abort();
      throw e;
    }
    Map<InputDataset, Long> rows = new EnumMap<>(InputDataset.class);
    for (InputDataset d : InputDataset.values()) {
      rows.put(d, out.rows(d));
    }
    return new Result(Collections.unmodifiableMap(rows), persons, List.copyOf(bad.planted()));
  }

  /** The seed of one person's stream: a hash of (seed, person number), independent of any other person. */
  static long personSeed(long seed, long personNumber) {
    return PersonSimulator.mix64(seed * 0x9E3779B97F4A7C15L + PersonSimulator.mix64(personNumber));
  }
}
