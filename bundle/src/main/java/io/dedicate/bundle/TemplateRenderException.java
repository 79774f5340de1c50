package io.dedicate.bundle;

/**
 * A bundle template could not be rendered: an undefined variable, a syntax error, a value that
 * cannot be inserted. The message names the template and, where known, the variable and line; it
 * never contains a variable's value (values may be secrets).
 */
public class TemplateRenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateRenderException(String message) {
        super(message);
    }

    /** Never null: every render failure says what went wrong. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
