package id.reintegrasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.reintegrasi.job.ReintegrationJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The job run once per test JVM on the committed sample data (about 30 s), shared by the tests
 * that read its output: the end-to-end checks and the report in a browser.
 */
public final class SampleDataRun extends SparkTestBase {
  public static final String AS_OF = "2026-09-30";
  private static Path out;

  private SampleDataRun() {}

  public static Path sampleData() {
    return Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("sample-data");
  }

  /** The output folder of the shared run; the first caller runs the job. */
  public static synchronized Path output() {
    if (out == null) {
      try {
        Path tmp = Files.createTempDirectory("reintegrasi-sample-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
        Path dir = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // --min-cell 1: nothing is suppressed, so the end-to-end test can recompute every count.
        int code = ReintegrationJob.runCli(new String[] {"--input", sampleData().toString(), "--output", dir.toString(),
            "--as-of", AS_OF, "--min-cell", "1"}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8), spark());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        out = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
