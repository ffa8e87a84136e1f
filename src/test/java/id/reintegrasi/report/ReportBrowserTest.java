package id.reintegrasi.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import id.reintegrasi.SampleRun;
import id.reintegrasi.SparkTestBase;
import id.reintegrasi.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of the sample-data run, opened in a real headless Chromium: it loads without a
 * console error, an exception or a network request, every chart has drawn marks, the sections
 * are there, and a full-page screenshot is saved to target/report-screenshot.png for a person
 * to look at. Without Chromium the test is skipped, unless REINTEGRASI_REQUIRE_BROWSER=1 (CI).
 */
class ReportBrowserTest extends SparkTestBase {
  private static final List<String> SECTIONS = List.of("summary", "effects", "forest", "survival", "cohorts", "dose",
      "participation", "data-quality", "how-to-read", "method");

  @TempDir
  static Path tmp;
  private static HeadlessChromium browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    if (!Files.isExecutable(HeadlessChromium.BINARY)) {
      String message = HeadlessChromium.BINARY + " is missing: install Debian's chromium (apt-get install chromium)"
          + " to run the report's browser test";
      if ("1".equals(System.getenv("REINTEGRASI_REQUIRE_BROWSER"))) {
        fail(message + " (REINTEGRASI_REQUIRE_BROWSER=1)");
      }
      Assumptions.assumeTrue(false, message + "; skipped.");
    }
    browser = HeadlessChromium.start(tmp);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  /** Page state checked by the test, gathered in the page with one expression. */
  private static final String INSPECT = """
      JSON.stringify({
        charts: [...document.querySelectorAll('svg.chart')].map(s => ({
          id: s.id,
          marks: s.querySelectorAll('path,rect,circle,line,polyline').length,
          data: s.querySelectorAll('.mark').length,
          width: s.getBoundingClientRect().width })),
        sections: [...document.querySelectorAll('main > section[id]')].map(s => s.id),
        scripts: document.scripts.length,
        external: [...document.querySelectorAll('[src], link[href], [href^="http"]')].length,
        lang: document.documentElement.lang,
        title: document.title,
        h1: document.querySelector('h1') ? document.querySelector('h1').textContent : null,
        cards: document.querySelectorAll('article.card').length,
        text: document.body.innerText.length })
      """;

  @Test
  void sampleReport_rendersInChromium_withChartsAndSections_andAScreenshot() throws Exception {
    Path report = SampleRun.output().resolve(ReportWriter.FILE);
    assertTrue(Files.isRegularFile(report), "the job wrote " + report);
    Map<String, Object> page = open(report, 1100);
    assertEquals("id", page.get("lang"));
    assertEquals(SECTIONS, page.get("sections"));
    assertPageIsSelfContained(page);
    assertEveryChartIsDrawn(page, 10);
    assertTrue(((Double) page.get("cards")) >= 10, "a card per subject: " + page.get("cards"));

    Map<String, Object> metrics = browser.call("Page.getLayoutMetrics", "{}");
    double width = ((Number) MiniJson.at(metrics, "cssContentSize", "width")).doubleValue();
    double height = ((Number) MiniJson.at(metrics, "cssContentSize", "height")).doubleValue();
    Map<String, Object> shot = browser.call("Page.captureScreenshot", "{\"format\":\"png\",\"captureBeyondViewport\":true,"
        + "\"clip\":{\"x\":0,\"y\":0,\"width\":" + width + ",\"height\":" + height + ",\"scale\":1}}");
    byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
    Path target = Path.of(System.getProperty("reintegrasi.project.dir", ".")).resolve("target/report-screenshot.png");
    Files.createDirectories(target.getParent());
    Files.write(target, png);
    assertValidPng(png, (int) width, (int) height);
  }

  /** The English report of the same tables: labels in English, and the same charts drawn. */
  @Test
  void englishReport_ofTheSameTables_rendersToo() throws Exception {
    Path out = SampleRun.output();
    ReportData data = ReportData.load(spark(), t -> out.resolve(t).toString(),
        new ReportData.Meta(java.time.LocalDate.parse(SampleRun.AS_OF), 12, 6, 1, false, 60, 90, List.of()));
    Path english = Files.writeString(tmp.resolve("report-en.html"), ReportWriter.render(data, Language.EN));
    Map<String, Object> page = open(english, 900);
    assertEquals("en", page.get("lang"));
    assertEquals(SECTIONS, page.get("sections"));
    assertTrue(((String) page.get("h1")).startsWith("Evaluation"), "English title: " + page.get("h1"));
    assertPageIsSelfContained(page);
    assertEveryChartIsDrawn(page, 10);
  }

  /** Navigates the page to a file, waits for load, fails on any error it reported, and inspects it. */
  private static Map<String, Object> open(Path file, int viewportWidth) throws Exception {
    browser.call("Runtime.enable", "{}");
    browser.call("Log.enable", "{}");
    browser.call("Page.enable", "{}");
    browser.call("Network.enable", "{}");
    browser.call("Emulation.setDeviceMetricsOverride", "{\"width\":" + viewportWidth
        + ",\"height\":900,\"deviceScaleFactor\":1,\"mobile\":false}");
    int seen = browser.events().size();
    String url = file.toAbsolutePath().toUri().toString();
    Map<String, Object> nav = browser.call("Page.navigate", "{\"url\":" + Json.quote(url) + "}");
    assertEquals(null, nav.get("errorText"), "navigation to " + url);
    browser.awaitEvent("Page.loadEventFired", seen);
    Map<String, Object> result = browser.call("Runtime.evaluate", "{\"expression\":" + Json.quote(INSPECT)
        + ",\"returnByValue\":true}");
    assertEquals(null, result.get("exceptionDetails"), "page inspection");
    List<String> problems = new ArrayList<>();
    List<Map<String, Object>> events = browser.events();
    for (Map<String, Object> e : events.subList(seen, events.size())) {
      String method = (String) e.get("method");
      Object params = e.get("params");
      switch (method) {
        case "Runtime.exceptionThrown" -> problems.add("exception: " + MiniJson.at(params, "exceptionDetails"));
        case "Runtime.consoleAPICalled" -> {
          if (List.of("error", "assert").contains(MiniJson.at(params, "type"))) {
            problems.add("console " + MiniJson.at(params, "type") + ": " + MiniJson.at(params, "args"));
          }
        }
        case "Log.entryAdded" -> {
          if ("error".equals(MiniJson.at(params, "entry", "level"))) {
            problems.add("log: " + MiniJson.at(params, "entry", "text") + " " + MiniJson.at(params, "entry", "url"));
          }
        }
        case "Network.requestWillBeSent" -> {
          Object requested = MiniJson.at(params, "request", "url");
          if (!url.equals(requested)) {
            problems.add("request besides the file itself: " + requested);
          }
        }
        default -> { }
      }
    }
    assertEquals(List.of(), problems, "errors or requests while loading " + file.getFileName());
    browser.call("Network.disable", "{}");
    return MiniJson.object(MiniJson.parse((String) MiniJson.at(result, "result", "value")));
  }

  private static void assertPageIsSelfContained(Map<String, Object> page) {
    assertEquals(0.0, page.get("scripts"), "no script");
    assertEquals(0.0, page.get("external"), "nothing loaded from elsewhere");
    assertTrue((Double) page.get("text") > 3000, "the page has text: " + page.get("text"));
  }

  @SuppressWarnings("unchecked")
  private static void assertEveryChartIsDrawn(Map<String, Object> page, int atLeast) {
    List<Object> charts = (List<Object>) page.get("charts");
    assertTrue(charts.size() >= atLeast, "at least " + atLeast + " charts, found " + charts.size());
    for (Object c : charts) {
      Map<String, Object> chart = MiniJson.object(c);
      assertTrue((Double) chart.get("marks") > 0, "chart " + chart.get("id") + " draws no path, rect, circle or line");
      assertTrue((Double) chart.get("data") > 0, "chart " + chart.get("id") + " draws no data mark");
      assertTrue((Double) chart.get("width") > 300, "chart " + chart.get("id") + " is laid out: " + chart.get("width"));
    }
  }

  /** A PNG signature, an IHDR with the page's size, and more bytes than a blank page would take. */
  private static void assertValidPng(byte[] png, int width, int height) throws IOException {
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8), "PNG signature");
    assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
    ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
    int w = header.getInt();
    int h = header.getInt();
    assertTrue(Math.abs(w - width) <= 2 && Math.abs(h - height) <= 2, "screenshot " + w + "x" + h + " of a page "
        + width + "x" + height);
    assertTrue(h > 3000, "the full page, not one screen: " + h);
    assertTrue(png.length > 100_000, "a screenshot with content, not a blank page: " + png.length + " bytes");
  }
}
