package io.dedicate.compiler.release;

/** Specs that cannot be read: missing path, not a release, malformed spec. The message says what and where. */
public final class ReleaseSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String what;

    public ReleaseSpecException(String message) {
        super(message);
        this.what = message;
    }

    public ReleaseSpecException(String message, Throwable cause) {
        super(message, cause);
        this.what = message;
    }

    /** What is wrong and where, for a diagnostic. */
    public String what() {
        return what;
    }
}
