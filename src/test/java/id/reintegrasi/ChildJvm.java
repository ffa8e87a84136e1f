package id.reintegrasi;

/** JVM options of the job runs that tests start in child processes. */
public final class ChildJvm {
  /**
   * Short runs on two cores shared with the test JVM: the quick JIT (with the code cache the
   * full JIT would get: the quick JIT's 48 MB can fill up in a full run) and the serial collector
   * need far less CPU than a run tuned for big inputs. The serial collector replaces the parallel
   * one of target/jvm-options.txt: the JVM takes only one.
   */
  public static final String QUICK_OPTIONS =
      "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m -XX:-UseParallelGC -XX:+UseSerialGC";

  /**
   * Spark's interpreted evaluation instead of generated code: for child runs whose results are
   * not compared (same rows either way, less CPU on inputs as small as the sample).
   */
  public static final String NO_CODEGEN_OPTIONS =
      "-Dspark.sql.codegen.wholeStage=false -Dspark.sql.codegen.factoryMode=NO_CODEGEN";

  private ChildJvm() {}
}
