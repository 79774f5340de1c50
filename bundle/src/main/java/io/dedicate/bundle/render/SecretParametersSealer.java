package io.dedicate.bundle.render;

/**
 * Encrypts an operation's secret parameters for the deploy task: the broker's implementation makes {@code
 * secrets.cms} (PEM CMS EnvelopedData to the recipient certificate, contracts.md), which only the holder of {@code
 * ((secret_parameters_private_key))} opens. The bundle module holds no cryptography: the renderer only hands over the
 * plain YAML map {@code {dedicate_secret_PARAM: value}}, which must never be written or logged as it is.
 */
@FunctionalInterface
public interface SecretParametersSealer {

    /** The text of {@code secrets.cms} enveloping {@code plaintext} (the YAML map of secret values). */
    String seal(String plaintext);
}
