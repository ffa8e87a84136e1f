package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.job.OptionsParser.HelpRequested;
import id.reintegrasi.job.OptionsParser.Option;
import id.reintegrasi.job.OptionsParser.UsageException;
import id.reintegrasi.report.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The job's options without Spark: defaults, each option, bad values, help and the properties file. */
class OptionsParserTest {
  private static final JobOptions DEFAULTS = new JobOptions("in", "out", Optional.empty(), List.of(6, 12, 24, 36),
      6, false, 10, false, "local[*]", "yyyy-MM-dd", 0, 60, 90);

  /** Options that may appear in a properties file: all but --config and --help. */
  private static final List<Option> FILE_OPTIONS = Arrays.stream(Option.values())
      .filter(o -> o != Option.CONFIG && o != Option.HELP).toList();

  @TempDir
  Path tmp;

  private static Path propertiesFile() {
    return Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("jobs/reintegrasi.properties");
  }

  private static String[] with(String... args) {
    List<String> all = new ArrayList<>(List.of("--input", "in", "--output", "out"));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static UsageException usage(String... args) {
    return assertThrows(UsageException.class, () -> OptionsParser.parse(args), String.join(" ", args));
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
    }
  }

  @Test
  void onlyInputAndOutput_giveTheDocumentedDefaults() {
    assertEquals(DEFAULTS, OptionsParser.parse("--input", "in", "--output", "out"));
  }

  @Test
  void reportLanguage_isIndonesianByDefault_andEnglishOnRequest() {
    assertEquals(Language.ID, OptionsParser.parse(with()).lang());
    assertEquals(Language.EN, OptionsParser.parse(with("--lang", "en")).lang());
  }

  @Test
  void defaults_areTheOnesInHelp() {
    for (Option o : Option.values()) {
      if (o.defaultValue != null && !o.isFlag()) {
        assertTrue(OptionsParser.help().contains("[" + o.defaultValue + "]"), o.name);
      }
    }
  }

  @Test
  void everyOption_isParsed() {
    JobOptions parsed = OptionsParser.parse("--input", "data/in", "--output", "data/out", "--as-of", "2025-06-30",
        "--windows", "24,6", "--waiting-months", "3", "--count-arrests", "--min-cell", "5", "--strict",
        "--master", "local[3]", "--date-format", "dd/MM/yyyy", "--shuffle-partitions", "8",
        "--min-treated", "30", "--landmark-days", "60");
    assertEquals(new JobOptions("data/in", "data/out", Optional.of(LocalDate.of(2025, 6, 30)), List.of(6, 24), 3,
        true, 5, true, "local[3]", "dd/MM/yyyy", 8, 30, 60), parsed);
  }

  /** Each option alone, as {@code --key=value}, changes exactly its own field. */
  static Stream<Arguments> keyEqualsValue() {
    return Stream.of(
        Arguments.of("--as-of=2024-01-31", DEFAULTS.withAsOf(LocalDate.of(2024, 1, 31))),
        Arguments.of("--windows=12", copy(List.of(12), 6, false, 10, false, "local[*]", "yyyy-MM-dd", 0, 60, 90)),
        Arguments.of("--waiting-months=0", copy(DEFAULTS.windows(), 0, false, 10, false, "local[*]", "yyyy-MM-dd", 0, 60, 90)),
        Arguments.of("--count-arrests=true", copy(DEFAULTS.windows(), 6, true, 10, false, "local[*]", "yyyy-MM-dd", 0, 60, 90)),
        Arguments.of("--min-cell=1", copy(DEFAULTS.windows(), 6, false, 1, false, "local[*]", "yyyy-MM-dd", 0, 60, 90)),
        Arguments.of("--strict=true", copy(DEFAULTS.windows(), 6, false, 10, true, "local[*]", "yyyy-MM-dd", 0, 60, 90)),
        Arguments.of("--strict=false", DEFAULTS),
        Arguments.of("--master=spark://h:7077", copy(DEFAULTS.windows(), 6, false, 10, false, "spark://h:7077", "yyyy-MM-dd", 0, 60, 90)),
        Arguments.of("--date-format=d.M.yyyy", copy(DEFAULTS.windows(), 6, false, 10, false, "local[*]", "d.M.yyyy", 0, 60, 90)),
        Arguments.of("--shuffle-partitions=200", copy(DEFAULTS.windows(), 6, false, 10, false, "local[*]", "yyyy-MM-dd", 200, 60, 90)),
        Arguments.of("--min-treated=1", copy(DEFAULTS.windows(), 6, false, 10, false, "local[*]", "yyyy-MM-dd", 0, 1, 90)),
        Arguments.of("--landmark-days=0", copy(DEFAULTS.windows(), 6, false, 10, false, "local[*]", "yyyy-MM-dd", 0, 60, 0)),
        Arguments.of("--lang=en", new JobOptions("in", "out", Optional.empty(), DEFAULTS.windows(), 6, false, 10, false,
            "local[*]", "yyyy-MM-dd", 0, 60, 90, Optional.empty(), null, Language.EN)),
        Arguments.of("--lang=ID", DEFAULTS));
  }

  private static JobOptions copy(List<Integer> windows, int waiting, boolean arrests, int minCell, boolean strict,
      String master, String dateFormat, int shuffle, int minTreated, int landmark) {
    return new JobOptions("in", "out", Optional.empty(), windows, waiting, arrests, minCell, strict, master,
        dateFormat, shuffle, minTreated, landmark);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyEqualsValue")
  void keyEqualsValueForm_setsThatOptionOnly(String arg, JobOptions expected) {
    assertEquals(expected, OptionsParser.parse(with(arg)));
  }

  @Test
  void inputAndOutput_asKeyEqualsValue() {
    assertEquals(DEFAULTS, OptionsParser.parse("--input=in", "--output=out"));
  }

  @Test
  void unknownOption_isNamed_andTheAllowedOnesListed() {
    String message = usage(with("--bogus", "1")).getMessage();
    assertMentions(message, "--bogus");
    for (Option o : Option.values()) {
      assertMentions(message, "--" + o.name);
    }
  }

  @Test
  void unknownOption_inKeyEqualsValueForm_isNamedWithoutItsValue() {
    String message = usage(with("--min_cell=5")).getMessage();
    assertMentions(message, "--min_cell", "--min-cell");
  }

  @Test
  void argumentWithoutDashes_isRefused() {
    assertMentions(usage(with("extra")).getMessage(), "'extra'", "--");
  }

  /** A malformed command line, and the parts its message must hold: which option, what is allowed. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(with("--windows", "6,x"), List.of("--windows", "6,x", "6,12,24,36")),
        Arguments.of(with("--windows", "0,12"), List.of("--windows", "1 to 240")),
        Arguments.of(with("--windows", "12,12"), List.of("--windows", "twice")),
        Arguments.of(with("--min-cell", "0"), List.of("--min-cell", "between 1 and", "not 0")),
        Arguments.of(with("--min-cell", "ten"), List.of("--min-cell", "whole number", "'ten'")),
        Arguments.of(with("--waiting-months", "61"), List.of("--waiting-months", "between 0 and 60")),
        Arguments.of(with("--as-of", "2025-02-30"), List.of("--as-of", "yyyy-MM-dd", "2025-02-30")),
        Arguments.of(with("--as-of", "31/12/2025"), List.of("--as-of", "yyyy-MM-dd", "31/12/2025")),
        Arguments.of(with("--strict=yes"), List.of("--strict", "true or false", "'yes'")),
        Arguments.of(with("--date-format", "bb"), List.of("--date-format", "'bb'", "dd/MM/yyyy")),
        Arguments.of(with("--min-cell"), List.of("--min-cell", "needs a value", "K")),
        Arguments.of(with("--as-of", "--strict"), List.of("--as-of", "needs a value", "yyyy-MM-dd")),
        Arguments.of(with("--min-cell", "5", "--min-cell", "6"), List.of("--min-cell", "twice")),
        Arguments.of(with("--lang", "jv"), List.of("--lang", "id, en", "'jv'")),
        Arguments.of(with("--strict", "--strict=false"), List.of("--strict", "twice")),
        Arguments.of(new String[] {"--output", "out"}, List.of("--input", "required", "--help")),
        Arguments.of(new String[] {"--input", "in"}, List.of("--output", "required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedValue_isRefused_sayingWhichAndWhatIsAllowed(String[] args, List<String> parts) {
    assertMentions(usage(args).getMessage(), parts.toArray(String[]::new));
  }

  @Test
  void help_isRequested_evenWithOtherOptions() {
    assertThrows(HelpRequested.class, () -> OptionsParser.parse("--help"));
    assertThrows(HelpRequested.class, () -> OptionsParser.parse(with("--min-cell", "5", "--help")));
  }

  @Test
  void help_mentionsEveryOption_withItsDescription() {
    String help = OptionsParser.help();
    assertMentions(help, "Usage:", "Exit codes");
    for (Option o : Option.values()) {
      assertMentions(help, "--" + o.name, o.description);
    }
  }

  @Test
  void outputInsideInput_isRefused() {
    Path in = tmp.resolve("in");
    assertMentions(usage("--input", in.toString(), "--output", in.resolve("out").toString()).getMessage(), "--output");
    assertMentions(usage("--input", in.toString(), "--output", in.toString()).getMessage(), "--output");
    assertMentions(usage("--input", in + "/", "--output", tmp.resolve("x/../in/out").toString()).getMessage(), "--output");
  }

  @Test
  void inputInsideOutput_isRefused_becauseTheOutputIsReplacedAsAWhole() {
    Path out = tmp.resolve("prev");
    assertMentions(usage("--input", out.resolve("in").toString(), "--output", out.toString()).getMessage(),
        "--input", "--output");
  }

  @Test
  void outputBesideInput_withTheSamePrefix_isAllowed() {
    Path in = tmp.resolve("in");
    Path out = tmp.resolve("in-out");
    assertEquals(out.toString(), OptionsParser.parse("--input", in.toString(), "--output", out.toString()).output());
  }

  @Test
  void projectPropertiesFile_givesTheDefaults() {
    assertEquals(DEFAULTS, OptionsParser.parse("--config", propertiesFile().toString(), "--input", "in", "--output", "out"));
  }

  /** jobs/reintegrasi.properties lists every option with its help line, so that a new option is not forgotten. */
  @Test
  void projectPropertiesFile_documentsEveryOption() throws IOException {
    List<String> lines = Files.readAllLines(propertiesFile(), StandardCharsets.UTF_8);
    for (Option o : FILE_OPTIONS) {
      int at = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).matches("#?" + java.util.regex.Pattern.quote(o.name) + "=.*")) {
          at = i;
        }
      }
      assertTrue(at > 0, o.name + " is missing from " + propertiesFile());
      assertEquals("# " + o.description, lines.get(at - 1), "comment above " + o.name);
      if (o.defaultValue != null) {
        assertEquals(o.name + "=" + o.defaultValue, lines.get(at), "default of " + o.name);
      } else {
        assertTrue(lines.get(at).startsWith("#"), o.name + " has no default: it is an example, commented out");
      }
    }
  }

  @Test
  void commandLine_winsOverTheConfigFile() throws IOException {
    Path config = Files.writeString(tmp.resolve("run.properties"),
        "# a comment\nmin-cell = 3\nwindows=12, 24\ncount-arrests=true\ninput=from-file\n");
    JobOptions parsed = OptionsParser.parse("--config", config.toString(), "--min-cell", "5", "--output", "out");
    assertEquals(5, parsed.minCell());
    assertEquals(List.of(12, 24), parsed.windows());
    assertTrue(parsed.countArrests());
    assertEquals("from-file", parsed.input());
  }

  @Test
  void unknownKeyInConfigFile_isRefused_namingKeyAndFile() throws IOException {
    Path config = Files.writeString(tmp.resolve("bad.properties"), "min-cell=3\nmincell=4\n");
    String message = usage(with("--config", config.toString())).getMessage();
    assertMentions(message, "'mincell'", config.toString(), "--min-cell");
  }

  @Test
  void badValueInConfigFile_isRefused() throws IOException {
    Path config = Files.writeString(tmp.resolve("bad-value.properties"), "min-cell=0\n");
    assertMentions(usage(with("--config", config.toString())).getMessage(), "--min-cell", "between 1 and");
  }

  @Test
  void missingConfigFile_isRefused_namingIt() {
    Path missing = tmp.resolve("nope.properties");
    assertMentions(usage(with("--config", missing.toString())).getMessage(), "--config", missing.toString());
  }
}
