package io.dedicate.bundle.model;

/**
 * A {@code model.json} that {@link ModelReader} refuses. The message names the file (as the caller
 * described it), the field's JSON path and what is wrong: {@code bundle /srv/bundle: model.json:
 * offerings[0].plans[2].kind: must be one of "cluster", "child" (got "shared")}.
 */
public final class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }
}
