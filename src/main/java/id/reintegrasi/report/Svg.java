package id.reintegrasi.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small builder of inline SVG charts. Each chart carries its own hatch pattern (the mark of a
 * suppressed value) so that it stays readable when copied out of the report, and a title for
 * screen readers. Every text goes through {@link Html#esc}.
 */
final class Svg {
  static final String TREATED = "#1f5fa8";
  static final String COMPARISON = "#c8641a";
  static final String NAIVE = "#6b6b6b";
  static final String GRID = "#e3e3e3";
  static final String AXIS = "#555555";
  static final String TEXT = "#222222";

  private final StringBuilder sb = new StringBuilder();
  private final String id;
  final int width;
  final int height;

  Svg(String id, int width, int height, String label) {
    this.id = id;
    this.width = width;
    this.height = height;
    sb.append("<svg class=\"chart\" id=\"").append(Html.esc(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\"")
        .append(" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(Html.esc(label))
        .append("\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"12\">")
        .append("<title>").append(Html.esc(label)).append("</title>")
        .append("<defs><pattern id=\"").append(Html.esc(id)).append("-hatch\" width=\"6\" height=\"6\"")
        .append(" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
        .append("<rect width=\"6\" height=\"6\" fill=\"#f4f4f4\"/>")
        .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"2.2\"/>")
        .append("</pattern></defs>");
  }

  /** The fill of a suppressed mark. */
  String hatch() {
    return "url(#" + Html.esc(id) + "-hatch)";
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, String extra) {
    sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(n(strokeWidth)).append('"').append(attrs(extra)).append("/>");
    return this;
  }

  Svg rect(double x, double y, double w, double h, String fill, String extra) {
    sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
        .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"')
        .append(attrs(extra)).append("/>");
    return this;
  }

  Svg circle(double cx, double cy, double r, String fill, String extra) {
    sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
        .append("\" fill=\"").append(fill).append('"').append(attrs(extra)).append("/>");
    return this;
  }

  Svg path(String d, String fill, String stroke, double strokeWidth, String extra) {
    sb.append("<path d=\"").append(d).append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
        .append("\" stroke-width=\"").append(n(strokeWidth)).append('"').append(attrs(extra)).append("/>");
    return this;
  }

  /** A diamond centred on (x, y): the naive estimate's marker. */
  Svg diamond(double x, double y, double r, String fill, String stroke, String extra) {
    return path("M" + n(x) + "," + n(y - r) + "L" + n(x + r) + "," + n(y) + "L" + n(x) + "," + n(y + r) + "L"
        + n(x - r) + "," + n(y) + "Z", fill, stroke, 1.6, extra);
  }

  /** Text; {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String text, String anchor, String extra) {
    sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
        .append("\" fill=\"").append(TEXT).append('"').append(attrs(extra)).append('>').append(Html.esc(text))
        .append("</text>");
    return this;
  }

  /** A tooltip-free hover text would need script; a &lt;title&gt; child is the SVG way to name a mark. */
  Svg group(String cssClass, String title) {
    sb.append("<g class=\"").append(Html.esc(cssClass)).append("\">");
    if (title != null) {
      sb.append("<title>").append(Html.esc(title)).append("</title>");
    }
    return this;
  }

  Svg end() {
    sb.append("</g>");
    return this;
  }

  /** One legend entry: a swatch and its label. */
  record Key(String kind, String color, String label) {}

  /** A legend row from (x, y); swatch kinds: line, dashed, band, rect, hatch, dot, diamond. Returns its width. */
  double legend(double x, double y, List<Key> keys) {
    double at = x;
    sb.append("<g class=\"legend\">");
    for (Key k : keys) {
      switch (k.kind()) {
        case "line" -> line(at, y - 4, at + 22, y - 4, k.color(), 2.5, null);
        case "dashed" -> line(at, y - 4, at + 22, y - 4, k.color(), 2.5, "stroke-dasharray=\"6 3\"");
        case "band" -> rect(at, y - 10, 22, 12, k.color(), "fill-opacity=\"0.18\"");
        case "rect" -> rect(at, y - 10, 22, 12, k.color(), null);
        case "hatch" -> rect(at, y - 10, 22, 12, hatch(), "stroke=\"#9a9a9a\" stroke-width=\"0.8\"");
        case "dot" -> circle(at + 11, y - 4, 5, k.color(), null);
        case "diamond" -> diamond(at + 11, y - 4, 6, "#ffffff", k.color(), null);
        case "empty" -> rect(at, y - 10, 22, 12, "#ffffff", "stroke=\"#bbbbbb\" stroke-dasharray=\"2 2\"");
        default -> throw new IllegalArgumentException("legend swatch " + k.kind());
      }
      text(at + 28, y, k.label(), "start", null);
      at += 28 + textWidth(k.label(), 12) + 22;
    }
    sb.append("</g>");
    return at - x;
  }

  /** Closes the chart and returns its markup. */
  String close() {
    return sb.append("</svg>").toString();
  }

  /** Coordinates with one decimal and a dot: SVG's syntax, whatever the report's language. */
  static String n(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a coordinate: " + v);
    }
    double r = Math.round(v * 10) / 10.0;
    return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /** A rough width of a text in DejaVu Sans, enough to lay out legends and labels. */
  static double textWidth(String s, double fontSize) {
    return s.length() * fontSize * 0.6;
  }

  /** Cuts a label to fit {@code max} characters; the full text stays in the row's title. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1).trim() + "\u2026";
  }

  private static String attrs(String extra) {
    return extra == null ? "" : " " + extra;
  }

  /** A linear map from a data range onto a pixel range. */
  record Scale(double d0, double d1, double r0, double r1) {
    double at(double v) {
      return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }
  }

  /** Round tick values (1, 2 or 5 times a power of ten: whole percentages on a rate axis) covering [lo, hi], about {@code count} of them. */
  static List<Double> ticks(double lo, double hi, int count) {
    List<Double> ticks = new ArrayList<>();
    if (!(hi > lo)) {
      ticks.add(lo);
      return ticks;
    }
    double raw = (hi - lo) / Math.max(1, count);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    }
    // Whole multiples of the step, rounded, so that 3 x 0.1 is the tick 0.3 and not 0.30000000000000004.
    for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
      ticks.add(Math.round(k * step * 1e9) / 1e9 + 0.0);
    }
    return ticks;
  }
}
