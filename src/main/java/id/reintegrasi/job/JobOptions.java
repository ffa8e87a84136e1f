package id.reintegrasi.job;

import id.reintegrasi.io.Pseudonymiser;
import id.reintegrasi.report.Language;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run depends on besides its input files, parsed and validated once by
 * {@link OptionsParser}. The same inputs and the same options give the same numbers.
 *
 * @param asOf the data extraction date; empty means "the latest event date found in the inputs"
 * @param windows follow-up windows in months, ascending
 * @param headlineWindow the window shown first in reports (12 months when configured)
 * @param shufflePartitions 0 means: chosen from the input size
 * @param columns the --columns mapping file of export column names, if any
 * @param pseudonymiser replaces person ids on read; null when --pseudonymise is off. Its key
 *     never shows in {@link #toString()}.
 * @param lang the language of report.html
 */
public record JobOptions(
    String input,
    String output,
    Optional<LocalDate> asOf,
    List<Integer> windows,
    int waitingMonths,
    boolean countArrests,
    int minCell,
    boolean strict,
    String master,
    String dateFormat,
    int shufflePartitions,
    int minTreated,
    int landmarkDays,
    Optional<String> columns,
    Pseudonymiser pseudonymiser,
    Language lang) implements Serializable {

  /** Options without a column mapping or pseudonymisation, with the report in Indonesian. */
  public JobOptions(String input, String output, Optional<LocalDate> asOf, List<Integer> windows, int waitingMonths,
      boolean countArrests, int minCell, boolean strict, String master, String dateFormat, int shufflePartitions,
      int minTreated, int landmarkDays) {
    this(input, output, asOf, windows, waitingMonths, countArrests, minCell, strict, master, dateFormat,
        shufflePartitions, minTreated, landmarkDays, Optional.empty(), null, Language.ID);
  }

  public int headlineWindow() {
    return windows.contains(12) ? 12 : windows.get(0);
  }

  public int longestWindow() {
    return windows.get(windows.size() - 1);
  }

  /** The event types that count as reoffending: proven reoffending, plus arrests on request. */
  public List<String> countedEventTypes() {
    return countArrests
        ? List.of("ARREST", "CONVICTION", "READMISSION")
        : List.of("CONVICTION", "READMISSION");
  }

  public JobOptions withAsOf(LocalDate date) {
    return new JobOptions(input, output, Optional.of(date), windows, waitingMonths, countArrests,
        minCell, strict, master, dateFormat, shufflePartitions, minTreated, landmarkDays, columns, pseudonymiser,
        lang);
  }
}
