package id.reintegrasi.inspect;

/** A bad command line or an unreadable table: the message says which; inspect exits with 2. */
public final class InspectException extends RuntimeException {
  public InspectException(String message) {
    super(message);
  }
}
