package id.reintegrasi.stats;

/** The three headline measures per follow-up window (METHOD.md, "Measures per window"). */
public enum Measure {
  /** Share of releases that reoffended within the window (a proportion in [0, 1]). */
  REOFFENCE_RATE,
  /** Counted events inside the window per release (a mean count). */
  FREQUENCY,
  /** Mean days from follow-up start to the first counted event, among those who reoffended. */
  DAYS_TO_FIRST
}
