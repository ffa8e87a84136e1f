package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.reintegrasi.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * Sessions keep far more compiled classes than Spark's default of 100: a run generates about
 * 400, and a session that runs the job again must not compile them all again (measured when the
 * setting came: 415 compiles per sample run in one JVM with 100, about 10 after the first with
 * 2000; a test that fills the cache takes half a minute, so only the setting is checked).
 */
class SparkSessionsCodegenCacheTest extends SparkTestBase {

  @Test
  void theSession_keepsTheProjectsCodegenCacheSize() {
    assertEquals(SparkSessions.CODEGEN_CACHE_ENTRIES, spark().conf().get(SparkSessions.CODEGEN_CACHE));
  }
}
