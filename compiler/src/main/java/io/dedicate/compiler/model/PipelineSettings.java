package io.dedicate.compiler.model;

/**
 * Settings of the generated Concourse pipelines.
 *
 * @param taskImage the container image (repository) every task runs in; it needs sh, curl, jq, openssl, git, bosh,
 *     cf, credhub and terraform (default {@code ghcr.io/orange-cloudfoundry/orange-cf-bosh-cli})
 * @param taskImageTag the image tag, always a published version, never a moving tag such as {@code latest} (default
 *     {@code 3.2.14})
 */
public record PipelineSettings(String taskImage, String taskImageTag) {

    /**
     * Orange's CF/BOSH tools image, pinned. {@code 3.2.14} is a published tag of it: "docker pull
     * ghcr.io/orange-cloudfoundry/orange-cf-bosh-cli:3.2.14" on its registry page,
     * https://github.com/orgs/orange-cloudfoundry/packages/container/package/orange-cf-bosh-cli. The repository's
     * release workflow (.github/workflows/build-published-docker-image.yml) pushes each release tag there after its
     * tools/check-available-clis.sh ran bosh, cf, credhub, jq and terraform in the image.
     */
    public static final PipelineSettings DEFAULT =
            new PipelineSettings("ghcr.io/orange-cloudfoundry/orange-cf-bosh-cli", "3.2.14");
}
