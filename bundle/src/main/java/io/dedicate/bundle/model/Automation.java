package io.dedicate.bundle.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an offering's pipelines deploy and run around each cluster. The broker only carries it (the
 * pipelines already hold the details); it is part of the bundle so that a reader sees the whole
 * offering.
 *
 * @param releases the BOSH releases of the deployment
 * @param stemcell the BOSH stemcell; null without a BOSH deployment
 * @param errands the errands and when they run
 * @param hooks the registrations in shared deployments (Prometheus, Shield)
 * @param apps the Cloud Foundry apps pushed for each cluster
 * @param terraform the Terraform module applied before the deployment; null for none
 */
public record Automation(
        List<Release> releases,
        @Nullable Stemcell stemcell,
        List<Errand> errands,
        List<Hook> hooks,
        List<App> apps,
        @Nullable Terraform terraform) {

    public Automation {
        releases = List.copyOf(releases);
        errands = List.copyOf(errands);
        hooks = List.copyOf(hooks);
        apps = List.copyOf(apps);
    }

    /** A BOSH release the deployment uses. */
    public record Release(
            String name,
            String version,
            @Nullable String url,
            @Nullable String sha1) {}

    /** The BOSH stemcell ({@code ubuntu-jammy} {@code 1.586}, or version {@code latest}). */
    public record Stemcell(String os, String version) {}

    /**
     * A BOSH errand and when it runs.
     *
     * @param instanceGroup the group whose instances run it; null for a lifecycle errand group of the errand's name
     */
    public record Errand(String name, @Nullable String instanceGroup, List<Trigger> triggers) {

        public Errand {
            triggers = List.copyOf(triggers);
        }
    }

    /**
     * A registration in a shared deployment: an ops file added when the cluster is deployed and removed
     * when it is deleted.
     *
     * @param opsTemplate bundle path of the ops file template
     */
    public record Hook(
            String name,
            String sharedDeployment,
            List<Trigger> register,
            List<Trigger> deregister,
            String opsTemplate) {

        public Hook {
            register = List.copyOf(register);
            deregister = List.copyOf(deregister);
        }
    }

    /** A Cloud Foundry app pushed for each cluster (its details live in the pipelines). */
    public record App(String name) {}

    /** A Terraform module applied before the deployment and destroyed after it is deleted. */
    public record Terraform(String module) {}
}
