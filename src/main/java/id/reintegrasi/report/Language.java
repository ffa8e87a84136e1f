package id.reintegrasi.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The language of report.html: Indonesian for the corrections offices, English for partners. */
public enum Language {
  ID, EN;

  /** The option's spelling: {@code id} or {@code en}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code id} or {@code en} (any case); null when the value is neither. */
  public static Language parse(String value) {
    return Arrays.stream(values()).filter(l -> l.code().equalsIgnoreCase(value.trim())).findFirst().orElse(null);
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
  }
}
