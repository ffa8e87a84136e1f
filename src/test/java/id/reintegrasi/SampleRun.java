package id.reintegrasi;

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
 * The job's run on the committed sample data, made once per test JVM and shared: a run costs
 * half a minute or more, and several test classes (end to end, inspect, the README's data
 * dictionary) only read its output. Tests must not change the output folder.
 */
public final class SampleRun extends SparkTestBase {
  public static final String AS_OF = "2026-09-30";
  private static Path output;

  private SampleRun() {}

  /** The project's sample-data folder. */
  public static Path sampleData() {
    return Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("sample-data");
  }

  /**
   * The output folder of the run (as of {@link #AS_OF}, min-cell 1 so that every value is
   * published), made on the first call. Its parent folder holds nothing else.
   */
  public static synchronized Path output() {
    if (output == null) {
      try {
        Path dir = Files.createTempDirectory("reintegrasi-sample-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Path out = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReintegrationJob.runCli(new String[] {"--input", sampleData().toString(), "--output",
            out.toString(), "--as-of", AS_OF, "--min-cell", "1"}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8), spark());
        if (code != 0) {
          throw new IllegalStateException("The sample run failed with exit code " + code + ": "
              + err.toString(StandardCharsets.UTF_8));
        }
        output = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return output;
  }

  /** A copy of the sample data's CSV files in {@code to}, for runs that name it by a relative path. */
  public static Path copyInput(Path to) {
    try {
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(sampleData())) {
        for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
          Files.copy(f, to.resolve(f.getFileName().toString()));
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
