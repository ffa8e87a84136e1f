package id.reintegrasi.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces person identifiers by a keyed hash, HMAC-SHA256(key, id), written as the first
 * {@value #HEX_CHARS} hex digits (128 bits: a collision is not expected before about 10^19 people).
 * The same key gives the same pseudonym for the same person in every run, so people stay linked
 * over time; without the key a pseudonym cannot be turned back into the id, nor guessed from a
 * list of candidate ids (which a plain hash would allow).
 *
 * <p>The key never comes from the command line (it would show in the process list and the shell
 * history): only from the environment variable {@value #ENV} or from a file. {@link #toString()}
 * never shows it, so options and logs that print this object stay safe.
 */
public final class Pseudonymiser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The environment variable that may hold the key. */
  public static final String ENV = "REINTEGRASI_PSEUDONYM_KEY";
  /** Shorter keys are refused: 16 bytes of a random key are 128 bits. */
  public static final int MIN_KEY_BYTES = 16;
  /** Hex digits kept of the 64 of an HMAC-SHA256. */
  public static final int HEX_CHARS = 32;
  /** Every input column of this name identifies a person and is pseudonymised on read. */
  public static final String PERSON_COLUMN = "person_id";

  private static final String ALGORITHM = "HmacSHA256";

  /** Thrown when pseudonymisation is asked for but no usable key is available. */
  public static final class KeyException extends RuntimeException {
    public KeyException(String message) {
      super(message);
    }
  }

  private final byte[] key;
  private final String source;
  private transient ThreadLocal<Mac> macs;

  private Pseudonymiser(byte[] key, String source) {
    if (key.length < MIN_KEY_BYTES) {
      throw new KeyException("The pseudonymisation key from " + source + " is " + key.length
          + " bytes long; it must be at least " + MIN_KEY_BYTES + " bytes (e.g. made with"
          + " 'openssl rand -hex 32 > FILE; chmod 600 FILE').");
    }
    this.key = key.clone();
    this.source = source;
  }

  /** A pseudonymiser with the given key, e.g. for tests; {@code source} only names it in messages. */
  public static Pseudonymiser of(byte[] key, String source) {
    return new Pseudonymiser(key, source);
  }

  /** The key of the environment variable {@value #ENV} (its UTF-8 bytes, trailing line ends ignored). */
  public static Pseudonymiser fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    if (value == null || value.isEmpty()) {
      throw new KeyException("--pseudonymise needs a key: set the environment variable " + ENV
          + " or give --pseudonym-key-file FILE (never the key itself on the command line).");
    }
    return new Pseudonymiser(stripLineEnd(value.getBytes(StandardCharsets.UTF_8)), "environment variable " + ENV);
  }

  /**
   * The key held in a file: its bytes, with one trailing line end (LF or CRLF) ignored so that
   * {@code echo KEY > FILE} and the same value in {@value #ENV} give the same pseudonyms.
   */
  public static Pseudonymiser fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyException("--pseudonym-key-file " + file + " does not exist.");
    } catch (IOException | SecurityException e) {
      throw new KeyException("--pseudonym-key-file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
    return new Pseudonymiser(stripLineEnd(bytes), "--pseudonym-key-file " + file);
  }

  private static byte[] stripLineEnd(byte[] b) {
    int n = b.length;
    if (n > 0 && b[n - 1] == '\n') {
      n--;
      if (n > 0 && b[n - 1] == '\r') {
        n--;
      }
    }
    return n == b.length ? b : Arrays.copyOf(b, n);
  }

  /** The pseudonym of an id (trimmed first, as ids are read); null or blank stays null. */
  public String apply(String id) {
    if (id == null) {
      return null;
    }
    String value = id.trim();
    if (value.isEmpty()) {
      return null;
    }
    byte[] mac = mac().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac).substring(0, HEX_CHARS);
  }

  /**
   * A short fingerprint of the key, safe to publish (an HMAC of a fixed text): two runs whose
   * manifests show the same key id used the same key, so their pseudonyms link.
   */
  public String keyId() {
    byte[] mac = mac().doFinal("reintegrasi key id".getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac).substring(0, 12);
  }

  /** Where the key came from (never the key). */
  public String source() {
    return source;
  }

  private Mac mac() {
    if (macs == null) {
      // One Mac per thread: a Mac is not thread-safe, and Spark may share this object between tasks.
      macs = ThreadLocal.withInitial(() -> {
        try {
          Mac m = Mac.getInstance(ALGORITHM);
          m.init(new SecretKeySpec(key, ALGORITHM));
          return m;
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
      });
    }
    return macs.get();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pseudonymiser p && MessageDigest.isEqual(key, p.key);
  }

  @Override
  public int hashCode() {
    return keyId().hashCode();
  }

  @Override
  public String toString() {
    return "HMAC-SHA256 pseudonyms (key from " + source + ", key id " + keyId() + ")";
  }
}
