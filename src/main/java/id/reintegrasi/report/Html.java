package id.reintegrasi.report;

/** Escaping for text and attribute values: names and sentences come from input files. */
public final class Html {
  private Html() {}

  /** Escapes {@code & < > " '} so that any text is safe both between tags and inside quoted attributes. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // Control characters are not allowed in HTML text; a stray one from a CSV would only confuse.
          if (c < 0x20 && c != '\n' && c != '\t') {
            sb.append(' ');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
