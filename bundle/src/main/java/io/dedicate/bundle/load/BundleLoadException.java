package io.dedicate.bundle.load;

/**
 * A bundle cannot be served: a file is missing or does not parse, the digest does not match, or
 * model.json and catalog.json disagree. The message names the bundle, the file and what is wrong,
 * for example {@code bundle /srv/bundle: model.json: offerings[0].plans[2].kind: must be one of "cluster",
 * "child" (got "shared")}.
 */
public final class BundleLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BundleLoadException(String message) {
        super(message);
    }

    public BundleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
