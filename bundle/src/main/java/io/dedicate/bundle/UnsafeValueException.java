package io.dedicate.bundle;

/**
 * A variable value that no escaping can make safe: it contains a BOSH/Concourse interpolation
 * sequence such as {@code ((secret))}. This is the requester's fault, not the bundle's: the broker
 * answers it with a 400 and the message, which names the variable and the offending sequence.
 */
public final class UnsafeValueException extends TemplateRenderException {

    private static final long serialVersionUID = 1L;

    private final String variable;
    private final String sequence;

    public UnsafeValueException(String variable, String sequence) {
        super("value of `" + variable + "` contains `" + sequence
                + "`, which BOSH/Concourse would interpolate; `((`...`))` is not allowed in parameter values");
        this.variable = variable;
        this.sequence = sequence;
    }

    /** The variable path, e.g. {@code params.name}, or a description when it has none. */
    public String variable() {
        return variable;
    }

    /** The interpolation sequence found, e.g. {@code ((secret))}. */
    public String sequence() {
        return sequence;
    }
}
