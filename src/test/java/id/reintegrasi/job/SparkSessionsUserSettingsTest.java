package id.reintegrasi.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings a user may change keep the user's value: a session builder's settings override
 * spark-submit's --conf, so the project sets them only where the user has not.
 */
class SparkSessionsUserSettingsTest {

  @Test
  void withoutUserSettings_theProjectsDefaults() {
    assertEquals(Map.of(SparkSessions.CODEGEN_CACHE, SparkSessions.CODEGEN_CACHE_ENTRIES,
        SparkSessions.SCHEDULER_MODE, "FAIR"), SparkSessions.userDefaults(key -> null));
  }

  @Test
  void aUsersSchedulerMode_isNotOverridden() {
    Map<String, String> user = Map.of(SparkSessions.SCHEDULER_MODE, "FIFO");
    assertEquals(Map.of(SparkSessions.CODEGEN_CACHE, SparkSessions.CODEGEN_CACHE_ENTRIES),
        SparkSessions.userDefaults(user::get));
  }

  @Test
  void aUsersCodegenCacheSize_isNotOverridden() {
    Map<String, String> user = Map.of(SparkSessions.CODEGEN_CACHE, "100");
    assertEquals(Map.of(SparkSessions.SCHEDULER_MODE, "FAIR"), SparkSessions.userDefaults(user::get));
  }
}
