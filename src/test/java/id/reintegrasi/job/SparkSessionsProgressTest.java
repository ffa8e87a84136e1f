package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Spark's console progress bar is on only when stderr is a terminal: the scripts tell the job
 * with a system property ([ -t 2 ]), and a launch without it falls back to System.console().
 */
class SparkSessionsProgressTest {

  @Test
  void theScriptsProperty_decides_whateverTheConsole() {
    assertEquals(true, SparkSessions.showProgress("true", false));
    assertEquals(false, SparkSessions.showProgress("false", true));
    assertEquals(false, SparkSessions.showProgress(" false ", true));
  }

  @Test
  void theFairSchedulerPools_areWrittenToAFileTheDriverCanRead() throws IOException {
    // Under spark-submit Spark cannot see the jar's fairscheduler.xml: the job points Spark at a copy.
    Path file = Path.of(java.net.URI.create(SparkSessions.fairSchedulerFile()));
    String xml = Files.readString(file);
    for (int i = 1; i <= SideBySide.POOLS; i++) {
      assertTrue(xml.contains("<pool name=\"side-" + i + "\">"), "pool side-" + i);
    }
    assertTrue(!xml.contains("<pool name=\"side-" + (SideBySide.POOLS + 1) + "\">"), "SideBySide.POOLS matches the file");
  }

  @Test
  void withoutTheProperty_theConsoleDecides() {
    assertEquals(true, SparkSessions.showProgress(null, true));
    assertEquals(false, SparkSessions.showProgress(null, false));
    assertEquals(false, SparkSessions.showProgress("", false));
  }

  /** The launch scripts that start the driver JVM themselves set the property from [ -t 2 ]. */
  @Test
  void launchScripts_passWhetherStderrIsATerminal() throws IOException {
    Path jobs = Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("jobs");
    for (String script : new String[] {"run", "submit"}) {
      String text = Files.readString(jobs.resolve(script));
      assertTrue(text.contains("if [ -t 2 ]; then progress=true; fi"), script);
      assertTrue(text.contains("-D" + SparkSessions.PROGRESS_PROPERTY + "=$progress"), script);
    }
  }

  /** Executors on a cluster get the JIT flag for Spark's large generated methods, beside the user's options. */
  @Test
  void executorJavaOptions_addTheHugeMethodsFlag_keepingTheUsers() {
    assertEquals("-XX:-DontCompileHugeMethods", SparkSessions.executorJavaOptions(null));
    assertEquals("-XX:-DontCompileHugeMethods", SparkSessions.executorJavaOptions(" "));
    assertEquals("-Dx=1 -XX:-DontCompileHugeMethods", SparkSessions.executorJavaOptions("-Dx=1 "));
    assertEquals("-XX:+DontCompileHugeMethods", SparkSessions.executorJavaOptions("-XX:+DontCompileHugeMethods"));
  }
}
