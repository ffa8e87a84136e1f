package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.InputFixture;
import id.reintegrasi.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line entry point: exit codes, and which stream a message goes to. */
class ReintegrationJobCliTest extends SparkTestBase {
  @TempDir
  Path tmp;

  /** The exit code and what the run printed on out and err. */
  record Cli(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
  }

  private static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReintegrationJob.runCli(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), spark());
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownOption_exits2_withTheMessageOnErr() {
    Cli cli = run("--input", "in", "--output", "out", "--bogus");
    assertEquals(2, cli.code(), cli.toString());
    assertTrue(cli.err().contains("--bogus"), cli.toString());
    assertTrue(cli.err().contains("Allowed:"), cli.toString());
    assertEquals("", cli.out(), cli.toString());
  }

  @Test
  void help_exits0_withTheUsageOnOut() {
    Cli cli = run("--help");
    assertEquals(0, cli.code(), cli.toString());
    assertTrue(cli.out().startsWith("Usage:"), cli.toString());
    for (OptionsParser.Option o : OptionsParser.Option.values()) {
      assertTrue(cli.out().contains("--" + o.name), o.name + "\n" + cli);
    }
    assertEquals("", cli.err(), cli.toString());
  }

  @Test
  void missingInputFolder_exits2_namingIt_andWritesNothing() {
    Path missing = tmp.resolve("no-such-input");
    Path out = tmp.resolve("out");
    Cli cli = run("--input", missing.toString(), "--output", out.toString(), "--as-of", "2025-12-31");
    assertEquals(2, cli.code(), cli.toString());
    assertTrue(cli.err().contains("no-such-input"), cli.toString());
    assertFalse(Files.exists(out), "no output folder after a refused run");
  }

  @Test
  void withoutAsOf_theLatestEventDateNotAfterToday_isTheAsOf() throws Exception {
    // Event dates in the inputs: admissions 2020-01-01, 2021-01-01; releases 2021-01-15, 2022-03-01;
    // enrolled 2020-03-01, exit 2020-06-01; session 2020-03-02; offences 2021-07-15 and 2099-01-01
    // (after today: not an extraction date), recorded 2021-08-01; follow-up 2024-03-15.
    // Latest not after today: 2024-03-15, from the follow-ups.
    Path in = InputFixture.withCatalogue()
        .release("release_id", "R1", "person_id", "P1")
        .release("release_id", "R2", "person_id", "P2", "admission_date", "2021-01-01", "release_date", "2022-03-01")
        .enrollment("enrollment_id", "E1", "person_id", "P1")
        .session("session_id", "S1", "person_id", "P1")
        .event("event_id", "V1", "person_id", "P1")
        .event("event_id", "V2", "person_id", "P2", "offence_date", "2099-01-01", "recorded_date", "")
        .followup("person_id", "P1", "followup_date", "2024-03-15")
        .writeCsv(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    Cli cli = run("--input", in.toString(), "--output", out.toString());
    assertEquals(0, cli.code(), cli.toString());
    String manifest = Files.readString(out.resolve("_manifest.json"));
    assertTrue(manifest.contains("\"as_of\": \"2024-03-15\""), manifest);
    assertTrue(manifest.contains("\"as_of_source\": \"latest event date in the inputs\""), manifest);
  }
}
