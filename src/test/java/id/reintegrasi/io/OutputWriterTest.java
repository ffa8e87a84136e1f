package id.reintegrasi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.reintegrasi.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All-or-nothing output: the lock against concurrent runs, and recovery after killed runs. */
class OutputWriterTest extends SparkTestBase {
  @TempDir
  Path tmp;

  private OutputWriter writer(Path out, String runId) {
    return new OutputWriter(spark(), out.toString(), runId);
  }

  private static void commitWithManifest(OutputWriter w, String content) {
    w.text(OutputWriter.MANIFEST, content);
    w.commit();
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void secondRunOnTheSameOutput_stopsAtOnce_namingTheHolder_andTheFirstStillCommits() throws IOException {
    Path out = tmp.resolve("out");
    OutputWriter first = writer(out, "20260101T000000-1");
    InputException e = assertThrows(InputException.class, () -> writer(out, "20260101T000001-2"));
    assertTrue(e.getMessage().startsWith("Another run is writing to --output " + out), e.getMessage());
    assertTrue(e.getMessage().contains("pid=" + ProcessHandle.current().pid()), e.getMessage());
    // The refused run removed nothing of the first one's.
    commitWithManifest(first, "{\"run\":1}");
    assertEquals("{\"run\":1}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    // Once the first has finished, the next run may go.
    commitWithManifest(writer(out, "20260101T000002-3"), "{\"run\":3}");
    assertEquals("{\"run\":3}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    assertEquals(List.of(".out.lock", "out"), siblings());
  }

  @Test
  void anAbortedRun_releasesTheLock_andLeavesThePreviousOutput() throws IOException {
    Path out = tmp.resolve("out");
    commitWithManifest(writer(out, "20260101T000000-1"), "{\"run\":1}");
    OutputWriter failed = writer(out, "20260101T000001-2");
    failed.text("half-written", "x");
    failed.abort();
    assertEquals("{\"run\":1}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    assertFalse(Files.exists(out.resolve("half-written")));
    commitWithManifest(writer(out, "20260101T000002-3"), "{\"run\":3}");
    assertEquals(List.of(".out.lock", "out"), siblings());
  }

  @Test
  void aLockHeldByAnotherProcess_refuses_andIsFreeOnceThatProcessIsKilled() throws Exception {
    Path out = tmp.resolve("out");
    Path lockFile = tmp.resolve(".out.lock");
    // Another JVM takes the lock the way a run does (an OS file lock), then waits to be killed.
    Path holder = tmp.resolve("Hold.java");
    Files.writeString(holder, """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Hold {
          public static void main(String[] a) throws Exception {
            FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            c.lock();
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
          }
        }
        """);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        holder.toString(), lockFile.toString()).redirectErrorStream(true).start();
    try {
      byte[] line = p.getInputStream().readNBytes("locked".length());
      assertEquals("locked", new String(line, StandardCharsets.UTF_8));
      InputException e = assertThrows(InputException.class, () -> writer(out, "20260101T000000-1"));
      assertTrue(e.getMessage().startsWith("Another run is writing to --output"), e.getMessage());
      // kill -9: the kernel drops the lock with the process.
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      commitWithManifest(writer(out, "20260101T000001-2"), "{\"run\":2}");
      assertEquals("{\"run\":2}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void runKilledBetweenTheTwoRenamesOfItsCommit_nextRunPutsThePreviousOutputBack() throws IOException {
    Path out = tmp.resolve("out");
    commitWithManifest(writer(out, "20260101T000000-1"), "{\"run\":1}");
    // What a run killed after "output -> previous" and before "staging -> output" leaves behind.
    Files.move(out, tmp.resolve(".out.previous-20260101T000001-2"));
    Files.createDirectories(tmp.resolve(".out.staging-20260101T000001-2/cohort_outcomes"));
    Files.writeString(tmp.resolve(".out.staging-20260101T000001-2/_manifest.json"), "{\"run\":2}");

    OutputWriter next = writer(out, "20260101T000002-3");
    // Before the next run has written anything, the last complete output is back in place.
    assertEquals("{\"run\":1}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    assertEquals(List.of(".out.lock", ".out.staging-20260101T000002-3", "out"), siblings());
    commitWithManifest(next, "{\"run\":3}");
    assertEquals("{\"run\":3}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    assertEquals(List.of(".out.lock", "out"), siblings());
  }

  @Test
  void runKilledAfterItsCommitRenames_nextRunRemovesTheLeftovers_keepsTheNewOutput() throws IOException {
    Path out = tmp.resolve("out");
    commitWithManifest(writer(out, "20260101T000000-1"), "{\"run\":1}");
    Files.createDirectories(tmp.resolve(".out.previous-20260101T000000-1/survival"));
    Files.createDirectories(tmp.resolve(".out.staging-20251231T000000-9/_work/analysis"));
    OutputWriter next = writer(out, "20260101T000002-3");
    assertEquals("{\"run\":1}", Files.readString(out.resolve(OutputWriter.MANIFEST)));
    assertEquals(List.of(".out.lock", ".out.staging-20260101T000002-3", "out"), siblings());
    next.abort();
  }

  @Test
  void aSharedFileSystemLock_isStaleOnlyWhenItsOwnerIsDeadOrItIsOld() throws IOException {
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    long alive = ProcessHandle.current().pid();
    assertFalse(OutputLock.isStale("host=" + host + " pid=" + alive + " since=x", now, now));
    Process dead = new ProcessBuilder("true").start();
    try {
      dead.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertTrue(OutputLock.isStale("host=" + host + " pid=" + dead.pid() + " since=x", now, now));
    // Another host's process cannot be checked from here: only age makes its lock stale.
    assertFalse(OutputLock.isStale("host=elsewhere pid=1 since=x", now.minus(Duration.ofHours(23)), now));
    assertTrue(OutputLock.isStale("host=elsewhere pid=1 since=x", now.minus(Duration.ofHours(25)), now));
  }
}
