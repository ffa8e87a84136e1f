package id.reintegrasi.effect;

import java.io.Serializable;

/**
 * The sufficient statistics of one side (treated or comparison) of a matching stratum, or of a
 * whole group: counts and sums of the outcome and of the continuous covariates. Everything the
 * effect tables publish is a function of these, so they can be recomputed by hand.
 */
public final class Sums implements Serializable {
  /** Positions in {@link #values}. */
  public static final int N = 0;       // releases
  public static final int Y = 1;       // reoffended (or employed): a 0/1 outcome
  public static final int E = 2;       // counted events (frequency)
  public static final int E2 = 3;
  public static final int D = 4;       // days to first event, among y = 1
  public static final int D2 = 5;
  public static final int AGE = 6;
  public static final int AGE2 = 7;
  public static final int SENT = 8;
  public static final int SENT2 = 9;
  public static final int PRIOR = 10;
  public static final int PRIOR2 = 11;
  public static final int SIZE = 12;

  /** The aggregate columns, in {@link #values} order, as Spark SQL expressions over y, e, d, age, sentence, prior. */
  public static final String[] SQL = {
    "count(1)", "sum(y)", "sum(e)", "sum(e * e)", "sum(d)", "sum(d * d)",
    "sum(age)", "sum(age * age)", "sum(sent)", "sum(sent * sent)", "sum(prior)", "sum(prior * prior)"
  };

  public final long[] values;

  public Sums() {
    this(new long[SIZE]);
  }

  public Sums(long[] values) {
    this.values = values;
  }

  public long get(int i) {
    return values[i];
  }

  public void add(Sums other) {
    for (int i = 0; i < SIZE; i++) {
      values[i] += other.values[i];
    }
  }
}
