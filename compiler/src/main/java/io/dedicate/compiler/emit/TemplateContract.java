package io.dedicate.compiler.emit;

import io.dedicate.bundle.model.TemplateVariables;
import io.dedicate.bundle.model.TemplateVariables.Credential;
import io.dedicate.bundle.model.TemplateVariables.Variable;
import java.util.List;

/**
 * The variables every bundle template may use, and nothing else: the contract between the template
 * emitters (which write Jinjava templates against it) and the runtime broker (which renders them
 * with exactly these values). {@code model.json} publishes it under {@code template_variables} so
 * the broker reads it from the bundle; the template tests render with it.
 *
 * <ul>
 *   <li>{@link #INSTANCE}: the templates of one cluster, rendered for each operation: its
 *       pipelines ({@code pipelines/SERVICE/*.yml.j2}), its BOSH manifest and its hook ops files.
 *   <li>{@link #META_PIPELINE}: {@code pipelines/meta.yml.j2}, the root meta pipeline (one shard per org)
 *       or one org's shard (one pipeline per cluster of the org), from the deployment repository.
 *   <li>{@link #CREDENTIALS}: not template variables but Concourse {@code ((name))} credentials the
 *       rendered pipelines read from the credential manager; the platform team provides them once.
 * </ul>
 */
public final class TemplateContract {

    /** Variables of a cluster's own templates (pipelines, manifest, hook ops files). */
    public static final List<Variable> INSTANCE = List.of(
            new Variable("instance.id", "string", "OSB service instance ID of the cluster"),
            new Variable("instance.name", "string", "name of the cluster instance in the platform"),
            new Variable("instance.org", "string", "name of the org that owns the cluster"),
            new Variable("instance.space", "string", "name of the space that owns the cluster"),
            new Variable("instance.org_guid", "string", "GUID of the org that owns the cluster"),
            new Variable("instance.space_guid", "string", "GUID of the space that owns the cluster"),
            new Variable("plan.id", "string", "ID of the cluster's plan (the new plan during a plan change)"),
            new Variable("plan.name", "string", "name of the cluster's plan"),
            new Variable("plan.vm_type", "string|null", "VM type of the instance groups that do not fix their own"),
            new Variable(
                    "plan.disk_mb",
                    "integer|null",
                    "persistent disk in MB of the instance groups that do not fix their own; null for none"),
            new Variable("plan.azs", "array<string>", "availability zones of the groups that do not fix their own"),
            new Variable("plan.instances", "object<integer>", "instance count per instance group name"),
            new Variable(
                    "params",
                    "object",
                    "the validated parameter values: defaults applied, byte sizes as integer bytes,"
                            + " durations as integer seconds"),
            new Variable(
                    "operation.id",
                    "string",
                    "ID of the operation the broker tracks (manifests only: pipelines read operation.json at run time)"),
            new Variable("operation.kind", "string", "deploy, update, recreate, upgrade or delete"),
            new Variable(
                    "operation.report_url",
                    "string",
                    "URL the operation's outcome is posted to; pipelines read it from operation.json at run time"),
            new Variable("git.uri", "string", "URI of the deployment repository"),
            new Variable("git.branch", "string", "branch of the deployment repository"),
            new Variable("git.path", "string", "the cluster's folder in the deployment repository"));

    /**
     * Variables of the meta pipeline, rendered in two shapes: the root ({@code org} empty, {@code orgs} every org
     * with a shard, {@code instances} empty) and one shard per org ({@code org} its GUID, {@code orgs} empty,
     * {@code instances} the org's clusters).
     */
    public static final List<Variable> META_PIPELINE = List.of(
            new Variable(
                    "org",
                    "string",
                    "empty for the root meta pipeline; the org GUID of a shard (its folder in the deployment"
                            + " repository and its instance var)"),
            new Variable(
                    "orgs",
                    "array<string>",
                    "root only (empty in a shard): the GUID of every org whose shard the root sets, each the org's"
                            + " folder and the shard's instance var"),
            new Variable(
                    "instances",
                    "array<object>",
                    "shard only (empty at the root): one {name, path} per cluster of the org: its instance ID (the"
                            + " pipeline's instance var) and its folder in the deployment repository"),
            new Variable("git.uri", "string", "URI of the deployment repository"),
            new Variable("git.branch", "string", "branch of the deployment repository"));

    /** Concourse credentials the rendered pipelines read with {@code ((name))}. */
    public static final List<Credential> CREDENTIALS = List.of(
            new Credential(
                    "report_signing_key",
                    "64 hex characters: the HMAC-SHA256 key that signs the pipelines' reports (the broker's"
                            + " dedicate.reports.signing-key-file)"),
            new Credential(
                    "git_private_key",
                    "SSH private key to read and write the deployment and shared-deployments repositories (ssh URIs)"),
            new Credential("git_username", "user for HTTPS access to those repositories (http(s) URIs)"),
            new Credential("git_password", "token or password of that user (http(s) URIs)"),
            new Credential(
                    "secret_parameters_private_key",
                    "PEM private key that decrypts the secrets.cms files the broker writes; read only by the"
                            + " pipelines of offerings with secret cluster parameters"),
            new Credential("bosh_environment", "URL of the BOSH director"),
            new Credential("bosh_client", "UAA client of the BOSH director"),
            new Credential("bosh_client_secret", "secret of that BOSH client"),
            new Credential("bosh_ca_cert", "CA certificate of the BOSH director"),
            new Credential("credhub_server", "URL of the CredHub that holds the deployments' variables"),
            new Credential("credhub_client", "UAA client of that CredHub"),
            new Credential("credhub_secret", "secret of that CredHub client"),
            new Credential("credhub_ca_cert", "CA certificate of that CredHub"),
            new Credential("cf_api", "Cloud Foundry API URL, to push the clusters' apps"),
            new Credential("cf_username", "Cloud Foundry user that pushes the apps"),
            new Credential("cf_password", "password of that Cloud Foundry user"),
            new Credential(
                    "shared_deployments_git_uri",
                    "git repository of the shared deployments (Prometheus, Shield) that hooks register in"),
            new Credential("shared_deployments_git_branch", "branch of that repository"));

    /** The whole contract, as {@code model.json} publishes it. */
    public static final TemplateVariables VARIABLES = new TemplateVariables(INSTANCE, META_PIPELINE, CREDENTIALS);

    private TemplateContract() {}
}
