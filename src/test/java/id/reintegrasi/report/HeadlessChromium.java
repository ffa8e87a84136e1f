package id.reintegrasi.report;

import id.reintegrasi.io.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium driven through the DevTools protocol over Java's own WebSocket: one
 * page (a flattened session of the browser connection), its events kept for the test to inspect.
 * {@link #close()} kills the browser and every process it started.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private String session;

  private HeadlessChromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Starts Chromium with a fresh profile in {@code dir} and opens one blank page. */
  static HeadlessChromium start(Path dir) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(dir.resolve("profile"));
    ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile,
        "about:blank")
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile());
    // Chromium's own temporary files go to the test's folder too, so nothing is left in /tmp.
    builder.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
    Process process = builder.start();
    try {
      // Chromium writes the port it chose, and the browser target's path, once it listens.
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<String> lines = List.of();
      while (lines.size() < 2) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Chromium exited with " + process.exitValue() + ": "
              + Files.readString(dir.resolve("chromium.log")));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Chromium wrote no DevToolsActivePort within " + TIMEOUT);
        }
        Thread.sleep(100);
        lines = Files.exists(portFile) ? Files.readAllLines(portFile, StandardCharsets.UTF_8) : List.of();
      }
      URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
      Listener listener = new Listener();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
          .buildAsync(uri, listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HeadlessChromium browser = new HeadlessChromium(process, socket);
      listener.browser = browser;
      String target = (String) browser.call("Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId");
      browser.session = (String) browser.call("Target.attachToTarget",
          "{\"targetId\":" + Json.quote(target) + ",\"flatten\":true}").get("sessionId");
      return browser;
    } catch (IOException | InterruptedException | RuntimeException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      kill(process);
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("Cannot start Chromium: " + e, e);
    }
  }

  /** Sends a command to the page (or, before the page exists, to the browser) and waits for its result. */
  Map<String, Object> call(String method, String paramsJson) {
    int id = ids.incrementAndGet();
    CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
    pending.put(id, reply);
    String message = "{\"id\":" + id + ",\"method\":" + Json.quote(method) + ",\"params\":" + paramsJson
        + (session == null ? "" : ",\"sessionId\":" + Json.quote(session)) + "}";
    try {
      socket.sendText(message, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<String, Object> r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.containsKey("error")) {
        throw new IllegalStateException(method + " failed: " + r.get("error"));
      }
      Object result = r.get("result");
      return result == null ? Map.of() : MiniJson.object(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(method + " got no reply within " + TIMEOUT + ": " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  /** Every event received so far, in order. */
  List<Map<String, Object>> events() {
    return List.copyOf(events);
  }

  /** Waits until an event with this method has arrived after the first {@code seen} events (an earlier page's load does not count). */
  void awaitEvent(String method, int seen) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (events().stream().skip(seen).noneMatch(e -> method.equals(e.get("method")))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + method + " within " + TIMEOUT);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      kill(process);
    }
  }

  /** Kills Chromium's helpers (renderer, GPU, zygote) and then the browser itself, and waits for them. */
  private static void kill(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // A helper that outlives ten seconds after SIGKILL is beyond our reach; the test result stands.
    }
  }

  /** Joins partial frames into messages; replies complete their call, everything else is an event. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    volatile HeadlessChromium browser;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        Map<String, Object> message = MiniJson.object(MiniJson.parse(buffer.toString()));
        buffer.setLength(0);
        HeadlessChromium b = browser;
        if (b != null) {
          Object id = message.get("id");
          if (id instanceof Double d) {
            CompletableFuture<Map<String, Object>> reply = b.pending.get(d.intValue());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            b.events.add(message);
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
