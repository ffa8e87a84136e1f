package id.reintegrasi.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;

/** The one place a SparkSession is configured, for the job and for the tests. */
public final class SparkSessions {
  /**
   * Set by jobs/run and jobs/submit to whether stderr is a terminal ({@code [ -t 2 ]}): only the
   * shell can tell, and stderr is where Spark draws its progress bar.
   */
  public static final String PROGRESS_PROPERTY = "reintegrasi.progress";

  private SparkSessions() {}

  /**
   * Whether to show Spark's console progress bar. It redraws one line with carriage returns:
   * useful on a terminal, noise in a log file. The scripts' property decides; without it (a
   * plain java or spark-submit launch) a console on stdin and stdout is the best guess.
   */
  public static boolean showProgress(String property, boolean console) {
    return property == null || property.isBlank() ? console : Boolean.parseBoolean(property.trim());
  }

  /**
   * A session for the job. Under spark-submit the master comes from spark-submit and
   * {@code master} is ignored; otherwise {@code master} is used (local[*] by default).
   */
  public static SparkSession create(String master, boolean interactive) {
    SparkSession.Builder builder = SparkSession.builder().appName("reintegrasi");
    if (System.getProperty("spark.master") == null) {
      builder.master(master);
    }
    if (System.getProperty(ALLOCATION_FILE) == null) {
      builder.config(ALLOCATION_FILE, fairSchedulerFile());
    }
    return configure(builder)
        .config("spark.ui.showConsoleProgress", Boolean.toString(interactive))
        .config(EXECUTOR_JAVA_OPTIONS, executorJavaOptions(System.getProperty(EXECUTOR_JAVA_OPTIONS)))
        .getOrCreate();
  }

  static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
  static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
  static final String FAIR_SCHEDULER_XML = "fairscheduler.xml";
  static final String COMPILE_HUGE_METHODS = "-XX:-DontCompileHugeMethods";

  /**
   * The executors' JVM options on a cluster: the user's (from spark-submit --conf), plus the
   * flag that lets the JIT compile Spark's larger generated methods (see pom.xml, where the
   * driver and local mode get it), unless the user already set that flag either way.
   */
  static String executorJavaOptions(String given) {
    if (given == null || given.isBlank()) {
      return COMPILE_HUGE_METHODS;
    }
    return given.contains("DontCompileHugeMethods") ? given : given.trim() + " " + COMPILE_HUGE_METHODS;
  }

  /**
   * The pools of the job's side-by-side steps (fairscheduler.xml in the jar) as a file of the
   * driver. Spark finds the file on its own class path, which under spark-submit does not
   * include the application jar; without it every pool would be made on first use, with a
   * warning each, to the same settings.
   */
  static String fairSchedulerFile() {
    try (InputStream in = SparkSessions.class.getClassLoader().getResourceAsStream(FAIR_SCHEDULER_XML)) {
      if (in == null) {
        throw new IllegalStateException(FAIR_SCHEDULER_XML + " is not on the class path");
      }
      Path file = Files.createTempFile("reintegrasi-", "-" + FAIR_SCHEDULER_XML);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file.toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FAIR_SCHEDULER_XML + " to a temporary file", e);
    }
  }

  static final String CODEGEN_CACHE = "spark.sql.codegen.cache.maxEntries";

  /**
   * Compiled generated classes kept per JVM. A run generates about 400 distinct classes (each
   * step's queries over its own schemas); with Spark's default of 100, those evicted are compiled
   * again when a later query needs them, and a session that runs the job again (the tests, a
   * notebook) compiles nearly all of them again: about a third of a warm run on the sample data.
   */
  static final String CODEGEN_CACHE_ENTRIES = "2000";

  /** Settings every session of this project needs, whatever launches it. */
  public static SparkSession.Builder configure(SparkSession.Builder builder) {
    userDefaults(System::getProperty).forEach(builder::config);
    return builder
        // Dates are calendar dates: no time zone may shift them.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.ansi.enabled", "true");
  }

  static final String SCHEDULER_MODE = "spark.scheduler.mode";

  /**
   * The project's settings that a user may override (with spark-submit --conf, or -D on the
   * java command line, both of which arrive as system properties): the ones given as
   * {@code userSetting} are left out, since a session builder's settings win over the user's.
   * The others above are not for the user to change: the numbers depend on them.
   */
  static Map<String, String> userDefaults(UnaryOperator<String> userSetting) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(CODEGEN_CACHE, CODEGEN_CACHE_ENTRIES);
    // Steps of the job run side by side, each in a pool of fairscheduler.xml (job/SideBySide);
    // under FIFO they still run, one job's tasks after another's.
    defaults.put(SCHEDULER_MODE, "FAIR");
    defaults.keySet().removeIf(key -> userSetting.apply(key) != null);
    return defaults;
  }
}
