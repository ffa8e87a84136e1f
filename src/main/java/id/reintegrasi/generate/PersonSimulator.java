package id.reintegrasi.generate;

import id.reintegrasi.generate.Catalogue.Category;
import id.reintegrasi.generate.Catalogue.Facility;
import id.reintegrasi.generate.Catalogue.Offence;
import id.reintegrasi.generate.Catalogue.Phase;
import id.reintegrasi.generate.Catalogue.Program;
import id.reintegrasi.generate.Catalogue.Region;
import id.reintegrasi.generate.PersonHistory.Enrollment;
import id.reintegrasi.generate.PersonHistory.Event;
import id.reintegrasi.generate.PersonHistory.Followup;
import id.reintegrasi.generate.PersonHistory.Release;
import id.reintegrasi.generate.PersonHistory.Session;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one person's custody spells, program participation, reoffending and Bapas check-ins
 * from 2019 to the as-of date. Pure function of (person number, seed): each person gets a random
 * stream of their own, so the output does not depend on how persons are iterated. The model and
 * the true effects it builds in are described on {@link DataGenerator}.
 */
final class PersonSimulator {

  static final int FIRST_RELEASE_DAY = day(2019, 1, 1);
  private static final int COVID_FROM = day(2020, 4, 1);
  private static final int COVID_TO = day(2021, 12, 31);
  private static final double DAYS_PER_MONTH = 30.4375;
  /** Recent release years grow: the release-date density rises by this share over the period. */
  private static final double RELEASE_GROWTH = 0.5;
  /** First releases are drawn up to this many days after the as-of date: people still inside. */
  private static final int STILL_INSIDE_DAYS = 365;

  /** Reoffence model: logit of the chance of ever being reconvicted (weighed by a slow-tailed timing). */
  private static final double RISK_INTERCEPT = -0.85;
  private static final double RISK_PER_YEAR_OF_AGE = -0.035;
  private static final double RISK_PER_PRIOR = 0.28;
  private static final double RISK_WOMEN = -0.5;
  /** Time to a proven reoffence: Weibull with shape below 1, so the hazard is highest early. */
  private static final double TIME_SHAPE = 0.75;
  private static final double TIME_SCALE_MONTHS = 18;
  private static final double ARREST_ONLY_SHARE = 0.35;
  private static final double READMISSION_SHARE = 0.65;
  private static final double CONVICTION_TO_CUSTODY = 0.35;
  private static final double REPEAT_AFTER_NON_CUSTODIAL = 0.35;

  /** Selection into in-custody programs, per band (the bands METHOD.md matches on). */
  private static final double PARTICIPATION_INTERCEPT = -0.2;
  private static final double[] PARTICIPATION_AGE = {0.3, 0.2, 0.0, -0.4};
  private static final double[] PARTICIPATION_PRIORS = {0.7, 0.2, -0.5, -1.3};
  private static final double[] PARTICIPATION_SENTENCE = {-0.9, 0.0, 0.4, 0.6};
  private static final int POST_RELEASE_LANDMARK_DAYS = 90;
  private static final double[] POST_RELEASE_AGE = {0.1, 0.3, 0.3, -0.3};
  private static final double[] POST_RELEASE_PRIORS = {0.3, 0.1, -0.2, -0.6};

  private static final Offence[] OFFENCES = Offence.values();
  private static final Region[] REGIONS = Region.values();
  private static final int REGION_WEIGHT_TOTAL;
  private static final String[] YMD;
  private static final int YMD_FIRST_DAY = day(2010, 1, 1);

  static {
    int total = 0;
    for (Region r : REGIONS) {
      total += r.weight;
    }
    REGION_WEIGHT_TOTAL = total;
    YMD = new String[day(2040, 1, 1) - YMD_FIRST_DAY];
  }

  private final int asOf;
  private final List<Program> inCustodyPrograms;
  private final List<Program> postReleasePrograms;

  /** @param courseSessions multiplies the sessions of every in-custody course (1: the catalogue's) */
  PersonSimulator(LocalDate asOf, double courseSessions) {
    this.asOf = (int) asOf.toEpochDay();
    this.inCustodyPrograms = Catalogue.PROGRAMS.stream().filter(p -> p.phase() == Phase.IN_CUSTODY)
        .map(p -> p.withSessionsTimes(courseSessions)).toList();
    this.postReleasePrograms = Catalogue.PROGRAMS.stream().filter(p -> p.phase() == Phase.POST_RELEASE).toList();
  }

  /** A custody episode: possibly a Rutan spell ending in an in-province transfer, then the main spell. */
  private record Episode(Facility facility, int admission, int release, String type, int sentence,
      Facility transferTo, int transferDay) {}

  /** Fixed traits of the person plus the ones that change from spell to spell. */
  private static final class Person {
    String sex;
    Region region;
    int birthYear;
    Offence offence;
    int priors;
  }

  /** What the in-custody programs of one spell did to that person. */
  private static final class SpellEffect {
    double multiplier = 1;
    boolean vocationalCompleter;
  }

  /**
   * @param personNumber   1-based; gives the pseudonymous id
   * @param rnd            this person's own random stream
   * @param releaseBudget  at most this many release rows (the run's N is exact)
   */
  PersonHistory simulate(long personNumber, SplittableRandom rnd, int releaseBudget) {
    PersonHistory h = new PersonHistory(id('P', personNumber));
    Person p = new Person();
    p.sex = rnd.nextDouble() < 0.10 ? "P" : "L";
    p.region = pickRegion(rnd);
    int age = sampleAge(rnd, p.sex);
    int firstRelease = sampleFirstReleaseDay(rnd);
    p.birthYear = year(firstRelease) - age;
    p.offence = pickOffence(rnd, p.sex);
    p.priors = samplePriors(rnd, age, p.sex);
    Episode ep = episode(rnd, p, firstRelease, true);
    int budget = releaseBudget;

    while (true) {
      if (ep.admission > asOf) {
        break;
      }
      int rowsNeeded = (ep.transferTo != null && ep.transferDay <= asOf ? 1 : 0) + (ep.release <= asOf ? 1 : 0);
      if (rowsNeeded > budget) {
        break; // only the very last person of a run: its history ends before the rows it cannot have
      }
      Facility facility = ep.facility;
      int spellStart = ep.admission;
      if (ep.transferTo != null) {
        if (ep.transferDay > asOf) {
          break; // still held in the Rutan before trial/transfer: no program, no row
        }
        if (ep.transferDay >= FIRST_RELEASE_DAY) { // the extract holds releases from 2019 on
          h.releases.add(release(p, facility, ep.admission, ep.transferDay, "TRANSFER", ep.sentence));
          budget--;
        }
        facility = ep.transferTo;
        spellStart = ep.transferDay;
      }
      SpellEffect effect = ep.type.equals("DEATH")
          ? new SpellEffect()
          : enrollInCustody(rnd, h, p, facility, spellStart, ep.release, ep.type, ep.sentence);
      if (ep.release > asOf) {
        break; // in custody on the as-of date
      }
      h.releases.add(release(p, facility, spellStart, ep.release, ep.type, ep.sentence));
      budget--;
      if (ep.type.equals("DEATH") || ep.type.equals("TRANSFER")) {
        break;
      }
      int[] next = afterRelease(rnd, h, p, ep, effect);
      int nextAdmission = next[0];
      if (nextAdmission == RowSink.NO_DATE) {
        break;
      }
      p.priors += 1 + next[1];
      ep = episode(rnd, p, nextAdmission, false);
    }
    h.enrollments.sort(Comparator.comparingInt(Enrollment::enrolled));
    h.events.sort(Comparator.comparingInt(Event::offenceDate));
    return h;
  }

  private Release release(Person p, Facility f, int admission, int release, String type, int sentence) {
    // Counts above 8 are rare and the SDP field is capped there.
    return new Release(f, admission, release, type, p.sex, p.birthYear, p.offence, sentence, Math.min(p.priors, 8),
        p.region.code);
  }

  // ---------------------------------------------------------------------------------------------
  // Custody episodes

  /** An episode that ends at {@code anchor} (the first) or starts at it (after a readmission). */
  private Episode episode(SplittableRandom rnd, Person p, int anchor, boolean anchoredAtRelease) {
    int sentence = sampleSentence(rnd, p.offence);
    Facility facility = assignFacility(rnd, p.region, p.sex);
    int approxRelease = anchoredAtRelease ? anchor : anchor + (int) (sentence * DAYS_PER_MONTH * 0.75);
    int age = year(approxRelease) - p.birthYear;
    boolean restricted = (p.offence == Offence.NARKOTIKA && sentence >= 60) || p.offence == Offence.KORUPSI;
    String type;
    double fraction;
    int servedDays = -1;
    if (rnd.nextDouble() < (age >= 55 ? 0.012 : 0.003)) {
      type = "DEATH";
      fraction = uniform(rnd, 0.05, 1.0);
    } else if (rnd.nextDouble() < 0.015) {
      type = "TRANSFER"; // to a facility outside the province
      fraction = uniform(rnd, 0.2, 0.7);
    } else if (approxRelease >= COVID_FROM && approxRelease <= COVID_TO && sentence <= 72 && !restricted
        && rnd.nextDouble() < 0.45) {
      type = "ASIMILASI"; // the 2020-2021 COVID-19 assimilation-at-home releases
      fraction = uniform(rnd, 0.5, 0.67);
    } else {
      double pb = sentence >= 12 ? (restricted ? 0.2 : 0.42) : 0;
      double cb = sentence <= 36 ? 0.18 : 0.02;
      double v = rnd.nextDouble();
      if (v < pb) {
        type = "PB";
        fraction = uniform(rnd, 0.67, 0.78);
      } else if (v < pb + cb) {
        type = "CB";
        fraction = uniform(rnd, 0.7, 0.85);
      } else if (v < pb + cb + 0.05) {
        type = "ASIMILASI";
        fraction = uniform(rnd, 0.6, 0.75);
      } else if (v < pb + cb + 0.08) {
        type = "CMB";
        fraction = uniform(rnd, 0.75, 0.9);
      } else if (v < pb + cb + 0.10) {
        type = "OTHER";
        fraction = uniform(rnd, 0.3, 1.0);
        if (rnd.nextDouble() < 0.4) {
          sentence = 0; // acquitted or released by law after remand
          servedDays = 20 + rnd.nextInt(220);
        }
      } else {
        type = "BEBAS";
        fraction = uniform(rnd, 0.8, 0.95); // remissions
      }
    }
    if (servedDays < 0) {
      servedDays = Math.max(7, (int) Math.round(sentence * DAYS_PER_MONTH * fraction));
    }
    int admission = anchoredAtRelease ? anchor - servedDays : anchor;
    int release = admission + servedDays;
    Facility transferTo = null;
    int transferDay = RowSink.NO_DATE;
    if (facility.rutan && sentence >= 48 && !type.equals("DEATH") && !type.equals("TRANSFER")
        && rnd.nextDouble() < 0.5) {
      // Long sentences move from the Rutan to a Lapas after trial.
      transferTo = p.sex.equals("P") ? Facility.LPP_JAMBI
          : facility == Facility.RUTAN_BANGKO && rnd.nextBoolean() ? Facility.LAPAS_MUARA_BULIAN
          : Facility.LAPAS_JAMBI;
      transferDay = admission + (int) (servedDays * uniform(rnd, 0.15, 0.4));
    }
    return new Episode(facility, admission, release, type, sentence, transferTo, transferDay);
  }

  private static Facility assignFacility(SplittableRandom rnd, Region region, String sex) {
    if (sex.equals("P") && rnd.nextDouble() < 0.75) {
      return Facility.LPP_JAMBI;
    }
    if (rnd.nextDouble() < 0.06) { // arrested away from home
      Facility[] men = {Facility.RUTAN_SUNGAI_PENUH, Facility.LAPAS_JAMBI, Facility.LAPAS_MUARA_BULIAN,
          Facility.RUTAN_BANGKO, Facility.LAPAS_KUALA_TUNGKAL};
      return men[rnd.nextInt(men.length)];
    }
    return switch (region) {
      case KOTA_SUNGAI_PENUH, KERINCI -> Facility.RUTAN_SUNGAI_PENUH;
      case KOTA_JAMBI, MUARO_JAMBI -> Facility.LAPAS_JAMBI;
      case MERANGIN -> Facility.RUTAN_BANGKO;
      case BUNGO -> rnd.nextDouble() < 0.6 ? Facility.RUTAN_BANGKO : Facility.LAPAS_MUARA_BULIAN;
      case TEBO -> rnd.nextDouble() < 0.6 ? Facility.LAPAS_MUARA_BULIAN : Facility.RUTAN_BANGKO;
      case BATANGHARI -> Facility.LAPAS_MUARA_BULIAN;
      case TANJUNG_JABUNG_BARAT -> Facility.LAPAS_KUALA_TUNGKAL;
      case TANJUNG_JABUNG_TIMUR -> rnd.nextDouble() < 0.6 ? Facility.LAPAS_KUALA_TUNGKAL : Facility.LAPAS_JAMBI;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // In-custody programs

  private SpellEffect enrollInCustody(SplittableRandom rnd, PersonHistory h, Person p, Facility facility,
      int spellStart, int spellEnd, String releaseType, int sentence) {
    SpellEffect effect = new SpellEffect();
    int age = year(spellEnd) - p.birthYear;
    int ageBand = ageBand(age);
    List<Program> open = new ArrayList<>(4);
    List<int[]> windows = new ArrayList<>(4);
    double[] pulls = new double[8];
    double bestAvailability = 0;
    double totalPull = 0;
    for (Program prog : inCustodyPrograms) {
      if (prog.facility() != facility) {
        continue;
      }
      double eligibility = eligibility(prog, p, ageBand);
      int lo = Math.max(spellStart + 30, day(prog.start()));
      int hi = spellEnd - 7;
      if (prog.end() != null) {
        hi = Math.min(hi, day(prog.end()) - prog.courseDays());
      }
      if (eligibility <= 0 || hi < lo) {
        continue;
      }
      double availability = Math.min(1.0, (hi - lo + 1) / 90.0);
      pulls[open.size()] = prog.weight() * eligibility * availability;
      totalPull += pulls[open.size()];
      open.add(prog);
      windows.add(new int[] {lo, hi});
      bestAvailability = Math.max(bestAvailability, availability);
    }
    if (open.isEmpty()) {
      return effect;
    }
    double logit = PARTICIPATION_INTERCEPT + facility.participationLogit + PARTICIPATION_AGE[ageBand]
        + PARTICIPATION_PRIORS[priorsBand(p.priors)] + PARTICIPATION_SENTENCE[sentenceBand(sentence)];
    if (rnd.nextDouble() >= sigmoid(logit) * bestAvailability) {
      return effect;
    }
    int chosen = pick(rnd, pulls, open.size(), totalPull);
    Program first = open.get(chosen);
    int[] w = windows.get(chosen);
    enroll(rnd, h, p, first, w[0], w[1], spellEnd, releaseType, effect, true);
    if (first.combinable() && rnd.nextDouble() < 0.3) {
      // Programs that may be combined (Sungai Penuh after the 2025 MoU): a second one of another kind.
      List<Integer> others = new ArrayList<>();
      for (int i = 0; i < open.size(); i++) {
        if (open.get(i).combinable() && open.get(i).category() != first.category()) {
          others.add(i);
        }
      }
      if (!others.isEmpty()) {
        int i = others.get(rnd.nextInt(others.size()));
        enroll(rnd, h, p, open.get(i), windows.get(i)[0], windows.get(i)[1], spellEnd, releaseType, effect, true);
      }
    }
    return effect;
  }

  private static double eligibility(Program prog, Person p, int ageBand) {
    if (prog.menOnly() && p.sex.equals("P")) {
      return 0;
    }
    if (prog.offenceOnly() != null && prog.offenceOnly() != p.offence) {
      return 0;
    }
    return ageBand == 0 ? prog.under25() : ageBand == 3 ? prog.over45() : 1.0;
  }

  /** One enrollment of the person in an in-custody program, its sessions, and its effect. */
  private void enroll(SplittableRandom rnd, PersonHistory h, Person p, Program prog, int lo, int hi,
      int spellEnd, String releaseType, SpellEffect effect, boolean mayReenroll) {
    int enrolled = lo + rnd.nextInt(hi - lo + 1);
    if (enrolled > asOf) {
      return; // would enrol after the extract was taken
    }
    int n = prog.sessions();
    int[] dates = new int[n];
    int d = enrolled;
    for (int i = 0; i < n; i++) {
      d = nextSessionDay(prog, d);
      dates[i] = d;
      d++;
    }
    int age = year(spellEnd) - p.birthYear;
    double dropChance = sigmoid(-2.0 + (age < 25 ? 0.6 : 0) + 0.25 * Math.min(p.priors, 4)
        - (p.sex.equals("P") ? 0.4 : 0));
    boolean dropout = rnd.nextDouble() < dropChance;
    String status = "COMPLETED";
    int attended = n;
    if (dropout) {
      status = "DROPPED";
      attended = 1 + rnd.nextInt(Math.max(1, n - 2));
    } else if (rnd.nextDouble() < 0.02) {
      status = "TRANSFERRED"; // moved to another block or a work assignment
      attended = 2 + rnd.nextInt(Math.max(1, n - 3));
    }
    int exit = dates[attended - 1];
    int held = 0;
    while (held < attended && dates[held] < spellEnd) {
      held++;
    }
    if (held < attended) {
      attended = held;
      status = releaseType.equals("TRANSFER") ? "TRANSFERRED" : "RELEASED";
      exit = spellEnd;
      dropout = false;
    }
    double exponent = switch (status) {
      case "COMPLETED" -> 1.0;
      case "DROPPED" -> 0.5 * attended / n;
      default -> (double) attended / n;
    };
    if (exit > asOf) {
      status = "ONGOING";
      exit = RowSink.NO_DATE;
    }
    h.enrollments.add(new Enrollment(prog, enrolled, exit, status));
    effect.multiplier *= Math.pow(prog.rrComplete(), exponent);
    boolean vocational = prog.category() == Category.KEMANDIRIAN;
    if (vocational && status.equals("COMPLETED")) {
      effect.vocationalCompleter = true;
    }
    boolean certificate = vocational && status.equals("COMPLETED") && rnd.nextDouble() < 0.7;
    for (int i = 0; i < attended && dates[i] <= asOf; i++) {
      boolean last = i == attended - 1;
      String attendance;
      double u = rnd.nextDouble();
      if (certificate && last) {
        attendance = "PRESENT";
      } else if (dropout) {
        attendance = u < 0.62 ? "PRESENT" : u < 0.72 ? "EXCUSED" : "UNEXCUSED";
      } else {
        attendance = u < 0.88 ? "PRESENT" : u < 0.95 ? "EXCUSED" : "UNEXCUSED";
      }
      h.sessions.add(new Session(sessionId(prog, dates[i]), prog, dates[i], sessionHours(prog, dates[i]),
          attendance, certificate && last));
    }
    if (mayReenroll && status.equals("DROPPED") && rnd.nextDouble() < 0.3 && exit + 30 <= hi) {
      enroll(rnd, h, p, prog, exit + 30, hi, spellEnd, releaseType, effect, false);
    }
  }

  static String sessionId(Program prog, int day) {
    return prog.sessionCode() + "-" + ymd(day);
  }

  /** Every participant of a session shares its length; a few sessions run short. */
  static int sessionHours(Program prog, int day) {
    long hash = mix64(((long) prog.sessionCode().hashCode() << 32) ^ day);
    int bucket = (int) Math.floorMod(hash, 100L);
    return bucket < 4 ? prog.hours() - 100 : bucket < 14 ? prog.hours() - 50 : prog.hours();
  }

  private static int nextSessionDay(Program prog, int from) {
    for (int d = from; ; d++) {
      DayOfWeek dow = DayOfWeek.of(Math.floorMod(d + 3, 7) + 1);
      if (prog.weekdays().contains(dow)) {
        return d;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // After release: post-release program, reoffending, check-ins

  /** Returns {next admission day or NO_DATE, non-custodial convictions before it}. */
  private int[] afterRelease(SplittableRandom rnd, PersonHistory h, Person p, Episode ep, SpellEffect effect) {
    int rel = ep.release;
    int age = year(rel) - p.birthYear;
    int ageBand = ageBand(age);
    double risk = sigmoid(RISK_INTERCEPT + RISK_PER_YEAR_OF_AGE * (age - 30) + RISK_PER_PRIOR * Math.min(p.priors, 8)
        + p.offence.riskLogit + (p.sex.equals("P") ? RISK_WOMEN : 0));
    boolean supervised = switch (ep.type) {
      case "PB", "CB", "CMB", "ASIMILASI" -> true;
      default -> false;
    };

    // Step 1: does the person join a post-release program (enrolment 7..90 days after release)?
    Program post = null;
    int postDay = rel + 7 + rnd.nextInt(84);
    boolean postDropout = rnd.nextDouble() < 0.2;
    int postExit = postDropout ? postDay + 14 + rnd.nextInt(60) : RowSink.NO_DATE;
    double postLogit = -3.0 + (supervised ? 0.9 : 0)
        + (p.region == Region.KOTA_JAMBI || p.region == Region.MUARO_JAMBI || p.region == Region.BATANGHARI ? 0.6 : 0)
        + POST_RELEASE_AGE[ageBand] + POST_RELEASE_PRIORS[priorsBand(p.priors)];
    for (Program prog : postReleasePrograms) {
      if (postDay >= day(prog.start()) && postDay <= asOf
          && rnd.nextDouble() < sigmoid(postLogit + Math.log(prog.weight()))) {
        post = prog;
        break;
      }
    }
    if (post != null && !postDropout) {
      postExit = postDay + post.durationDays();
    }
    double postMultiplier = post == null ? 1 : Math.pow(post.rrComplete(), postDropout ? 0.5 : 1.0);

    // Step 2: an arrest that never led to a conviction (unaffected by programs).
    int arrestDay = RowSink.NO_DATE;
    if (rnd.nextDouble() < ARREST_ONLY_SHARE * risk) {
      arrestDay = rel + Math.max(1, weibullDays(rnd));
    }

    // Step 3: proven reoffending. Programs thin the first event: kept with the relative risk.
    // A post-release program acts from day 90 on (the METHOD.md landmark), once the business or
    // job is under way; someone who reoffends before the enrolment date does not enrol.
    int nextAdmission = RowSink.NO_DATE;
    int nonCustodial = 0;
    Offence nextOffence = p.offence;
    if (rnd.nextDouble() < risk) {
      int d = rel + Math.max(1, weibullDays(rnd));
      double keep = effect.multiplier * (post != null && d > rel + POST_RELEASE_LANDMARK_DAYS ? postMultiplier : 1);
      if (post != null && d <= postDay) {
        post = null; // reoffended before the program could start
      }
      if (rnd.nextDouble() < keep) {
        while (true) {
          Offence offence = rnd.nextDouble() < 0.65 ? p.offence : pickOffence(rnd, p.sex);
          int admission = RowSink.NO_DATE;
          int recorded;
          String type;
          if (rnd.nextDouble() < READMISSION_SHARE) {
            type = "READMISSION";
            admission = d + 1 + rnd.nextInt(45);
            recorded = rnd.nextDouble() < 0.02 ? RowSink.NO_DATE : admission;
          } else {
            type = "CONVICTION";
            int lag = (int) Math.round(75 * Math.exp(0.55 * rnd.nextGaussian()));
            recorded = rnd.nextDouble() < 0.04 ? RowSink.NO_DATE : d + Math.max(7, lag);
            if (rnd.nextDouble() < CONVICTION_TO_CUSTODY) {
              admission = d + 1 + rnd.nextInt(30);
            }
          }
          if (d <= asOf && (recorded == RowSink.NO_DATE || recorded <= asOf)) {
            h.events.add(new Event(d, recorded, type, offence));
          }
          if (admission != RowSink.NO_DATE) {
            nextAdmission = admission;
            nextOffence = offence;
            break;
          }
          nonCustodial++;
          if (d > asOf || rnd.nextDouble() >= REPEAT_AFTER_NON_CUSTODIAL) {
            break;
          }
          d += Math.max(14, weibullDays(rnd));
        }
      }
    }
    if (arrestDay != RowSink.NO_DATE && arrestDay + 2 <= asOf
        && (nextAdmission == RowSink.NO_DATE || arrestDay < nextAdmission)) {
      int recorded = rnd.nextDouble() < 0.1 ? RowSink.NO_DATE : arrestDay + rnd.nextInt(3);
      Offence offence = rnd.nextBoolean() ? p.offence : pickOffence(rnd, p.sex);
      h.events.add(new Event(arrestDay, recorded, "ARREST", offence));
    }

    // Step 4: the post-release enrollment as recorded.
    if (post != null) {
      String status = postDropout ? "DROPPED" : "COMPLETED";
      if (nextAdmission != RowSink.NO_DATE && nextAdmission < postExit) {
        status = "DROPPED";
        postExit = Math.max(postDay, nextAdmission);
      }
      if (postExit > asOf) {
        status = "ONGOING";
        postExit = RowSink.NO_DATE;
      }
      h.enrollments.add(new Enrollment(post, postDay, postExit, status));
    }

    // Step 5: Bapas check-ins in the first year, for people under supervision or in a program.
    if (supervised || post != null) {
      int count = ep.type.equals("PB") ? 2 + rnd.nextInt(3) : supervised ? 1 + rnd.nextInt(3) : 1 + rnd.nextInt(2);
      int d = rel + 14 + rnd.nextInt(60);
      String previous = null;
      double selfShare = post != null && post.id().equals(Catalogue.PRG_WIRAUSAHA) ? 0.8 : 0.4;
      for (int k = 0; k < count; k++) {
        if (d > rel + 365 || d > asOf || (nextAdmission != RowSink.NO_DATE && d >= nextAdmission)) {
          break;
        }
        String status;
        if (rnd.nextDouble() < 0.06) {
          status = "UNKNOWN";
        } else if (previous != null && !previous.equals("UNEMPLOYED") && !previous.equals("UNKNOWN")
            && rnd.nextDouble() < 0.85) {
          status = previous;
        } else {
          double employ = sigmoid(-0.9 + (effect.vocationalCompleter ? 1.0 : 0) + (post != null ? 0.8 : 0)
              + 0.3 * k - (age >= 45 ? 0.5 : 0) - 0.12 * Math.min(p.priors, 4) + (p.sex.equals("L") ? 0.3 : 0));
          status = rnd.nextDouble() >= employ ? "UNEMPLOYED"
              : rnd.nextDouble() < selfShare ? "SELF_EMPLOYED" : "EMPLOYED";
        }
        h.followups.add(new Followup(d, status));
        previous = status;
        d += 45 + rnd.nextInt(90);
      }
    }
    p.offence = nextOffence;
    return new int[] {nextAdmission, nonCustodial};
  }

  // ---------------------------------------------------------------------------------------------
  // Draws

  private static Region pickRegion(SplittableRandom rnd) {
    int u = rnd.nextInt(REGION_WEIGHT_TOTAL);
    for (Region r : REGIONS) {
      u -= r.weight;
      if (u < 0) {
        return r;
      }
    }
    return Region.KOTA_JAMBI;
  }

  private static Offence pickOffence(SplittableRandom rnd, String sex) {
    boolean women = sex.equals("P");
    int total = 0;
    for (Offence o : OFFENCES) {
      total += women ? o.womenWeight : o.menWeight;
    }
    int u = rnd.nextInt(total);
    for (Offence o : OFFENCES) {
      u -= women ? o.womenWeight : o.menWeight;
      if (u < 0) {
        return o;
      }
    }
    return Offence.LAINNYA;
  }

  /** Age at the first release: 18 + Gamma(2, 7.5), i.e. mostly in the twenties and thirties, at most 70. */
  private static int sampleAge(SplittableRandom rnd, String sex) {
    while (true) {
      double years = -7.5 * Math.log((1 - rnd.nextDouble()) * (1 - rnd.nextDouble()));
      int age = 18 + (int) years + (sex.equals("P") ? 3 : 0);
      if (age <= 70) {
        return age;
      }
    }
  }

  private static int samplePriors(SplittableRandom rnd, int age, String sex) {
    double more = Math.min(0.55, 0.30 + 0.006 * (age - 18)) * (sex.equals("P") ? 0.7 : 1.0);
    int k = 0;
    while (k < 8 && rnd.nextDouble() < more) {
      k++;
    }
    return k;
  }

  private static int sampleSentence(SplittableRandom rnd, Offence offence) {
    double median = offence.sentenceMedian;
    double sigma = offence.sentenceSigma;
    int min = offence.sentenceMin;
    int max = offence.sentenceMax;
    if (offence == Offence.NARKOTIKA) {
      // Users (Pasal 127) and possession/dealing (Pasal 112/114, four years minimum).
      if (rnd.nextBoolean()) {
        median = 24;
        sigma = 0.4;
        max = 60;
      } else {
        median = 72;
        sigma = 0.4;
        min = 48;
      }
    }
    long months = Math.round(median * Math.exp(sigma * rnd.nextGaussian()));
    return (int) Math.max(min, Math.min(max, months));
  }

  /** First-release day: rising a little over the years, up to a year past the as-of date. */
  private int sampleFirstReleaseDay(SplittableRandom rnd) {
    double span = asOf + STILL_INSIDE_DAYS - FIRST_RELEASE_DAY;
    double u = rnd.nextDouble();
    double a = RELEASE_GROWTH;
    double x = span / a * (Math.sqrt(1 + 2 * a * u * (1 + a / 2)) - 1);
    return FIRST_RELEASE_DAY + (int) Math.min(span - 1, x);
  }

  private static int weibullDays(SplittableRandom rnd) {
    double months = TIME_SCALE_MONTHS * Math.pow(-Math.log(1 - rnd.nextDouble()), 1 / TIME_SHAPE);
    return (int) Math.round(Math.min(months, 240) * DAYS_PER_MONTH);
  }

  private static int pick(SplittableRandom rnd, double[] weights, int n, double total) {
    double u = rnd.nextDouble() * total;
    for (int i = 0; i < n; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return n - 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Bands (as METHOD.md's matching) and small helpers

  static int ageBand(int age) {
    return age < 25 ? 0 : age < 35 ? 1 : age < 45 ? 2 : 3;
  }

  static int priorsBand(int priors) {
    return priors == 0 ? 0 : priors == 1 ? 1 : priors <= 3 ? 2 : 3;
  }

  static int sentenceBand(int months) {
    return months < 12 ? 0 : months < 36 ? 1 : months < 60 ? 2 : 3;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double uniform(SplittableRandom rnd, double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  static int day(int year, int month, int dayOfMonth) {
    return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
  }

  static int day(LocalDate date) {
    return (int) date.toEpochDay();
  }

  static int year(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).getYear();
  }

  private static String ymd(int day) {
    int i = day - YMD_FIRST_DAY;
    if (i < 0 || i >= YMD.length) {
      return LocalDate.ofEpochDay(day).toString().replace("-", "");
    }
    String s = YMD[i];
    if (s == null) {
      s = LocalDate.ofEpochDay(day).toString().replace("-", "");
      YMD[i] = s;
    }
    return s;
  }

  /** {@code P0000123}: a letter and a zero-padded number (7 digits, more when needed). */
  static String id(char prefix, long number) {
    String digits = Long.toString(number);
    StringBuilder sb = new StringBuilder(8).append(prefix);
    for (int i = digits.length(); i < 7; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  /** Stafford's variant 13 of the SplitMix64 finaliser: a good 64-bit hash. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
