package io.dedicate.bundle.model;

/**
 * What a parameter is, besides its type and values.
 *
 * @param required a request must give it
 * @param createOnly given at create only: an update that gives it is refused, naming it as create-only
 * @param secret never echoed, logged, or shown in {@code GET} responses; stored encrypted
 * @param builtIn a parameter the broker itself defines ({@link BuiltInParameter}), not the offering
 */
public record ParameterFlags(boolean required, boolean createOnly, boolean secret, boolean builtIn) {}
