package id.reintegrasi.io;

/**
 * An input that cannot be used: a missing file or column, an unreadable file, or (in strict mode)
 * the first bad row. The message names the file, line and column where known, and the rule; it
 * never contains an identifier value. The job exits with code 2.
 */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
