package io.dedicate.compiler.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the generated pipelines deploy and run for one cluster: the BOSH deployment with its
 * releases and stemcell, the errands, hooks and apps around it, the Terraform step, and the
 * settings of the pipelines themselves. Built with {@link #deploying(Deployment)}.
 *
 * @param deployment the BOSH deployment; it has no instance groups when the offering deploys none
 * @param releases the BOSH releases, in source order
 * @param stemcell the BOSH stemcell; null only when the offering has no deployment
 * @param terraform the optional Terraform step
 */
public record Automation(
        Deployment deployment,
        List<Release> releases,
        @Nullable Stemcell stemcell,
        List<Errand> errands,
        List<Hook> hooks,
        List<App> apps,
        @Nullable Terraform terraform,
        PipelineSettings pipeline) {

    public Automation {
        releases = List.copyOf(releases);
        errands = List.copyOf(errands);
        hooks = List.copyOf(hooks);
        apps = List.copyOf(apps);
    }

    /**
     * The operations the broker runs for a cluster, each by rendering the one instance pipeline with its kind:
     * recreate and upgrade act on a BOSH deployment, so they exist only when there is one.
     */
    public List<Operation> operations() {
        boolean bosh = !deployment.instanceGroups().isEmpty();
        return Arrays.stream(Operation.values())
                .filter(operation -> bosh || (operation != Operation.RECREATE && operation != Operation.UPGRADE))
                .toList();
    }

    /** The automation of {@code deployment}; everything else starts empty, pipelines as default. */
    public static Builder deploying(Deployment deployment) {
        return new Builder(deployment);
    }

    /** An {@link Automation} under construction; {@link #build()} copies its lists. */
    public static final class Builder {
        private final Deployment deployment;
        private final List<Release> releases = new ArrayList<>();
        private @Nullable Stemcell stemcell;
        private final List<Errand> errands = new ArrayList<>();
        private final List<Hook> hooks = new ArrayList<>();
        private final List<App> apps = new ArrayList<>();
        private @Nullable Terraform terraform;
        private PipelineSettings pipeline = PipelineSettings.DEFAULT;

        private Builder(Deployment deployment) {
            this.deployment = Objects.requireNonNull(deployment, "deployment");
        }

        public Builder releases(List<Release> more) {
            releases.addAll(more);
            return this;
        }

        public Builder stemcell(@Nullable Stemcell value) {
            this.stemcell = value;
            return this;
        }

        public Builder errands(List<Errand> more) {
            errands.addAll(more);
            return this;
        }

        public Builder hooks(List<Hook> more) {
            hooks.addAll(more);
            return this;
        }

        public Builder apps(List<App> more) {
            apps.addAll(more);
            return this;
        }

        public Builder terraform(@Nullable Terraform value) {
            this.terraform = value;
            return this;
        }

        public Builder pipeline(PipelineSettings value) {
            this.pipeline = Objects.requireNonNull(value, "pipeline");
            return this;
        }

        public Automation build() {
            return new Automation(deployment, releases, stemcell, errands, hooks, apps, terraform, pipeline);
        }
    }
}
