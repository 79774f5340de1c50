package io.dedicate.compiler.model;

/**
 * Settings of the generated Concourse pipelines.
 *
 * @param taskImage the container image (repository) every task runs in; it needs sh, curl, bosh,
 *     cf, credhub and terraform (default {@code orangecloudfoundry/orange-cf-bosh-cli})
 * @param taskImageTag the image tag (default {@code latest})
 */
public record PipelineSettings(String taskImage, String taskImageTag) {

    public static final PipelineSettings DEFAULT =
            new PipelineSettings("orangecloudfoundry/orange-cf-bosh-cli", "latest");
}
