package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.App;
import io.dedicate.compiler.model.Errand;
import io.dedicate.compiler.model.Expression;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Trigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the Concourse pipeline templates: {@code pipelines/SERVICE/{deploy,recreate,upgrade,
 * delete}.yml.j2} for each offering with cluster plans, and {@code pipelines/meta.yml.j2}, which
 * sets one pipeline per instance from the deployment repository (the way cf-ops-automation works).
 *
 * <p>Each operation's pipeline has one job, triggered by a new commit in the instance's folder. Its
 * steps run in order (for deploy: errands before, Terraform apply, {@code bosh deploy}, errands
 * after, hook registrations, app pushes) and its last step reports to the broker; job-level {@code
 * on_failure}, {@code on_error} and {@code on_abort} hooks report failures. The deploy template
 * serves both {@code operation.kind} {@code deploy} and {@code update}: steps that only one of them
 * runs are inside <code>{% if operation.kind == 'update' %}</code>.
 *
 * <p>Values reach scripts only as task params (strings, through the {@code yaml} filter), never in
 * script text; credentials are Concourse {@code ((name))} placeholders. The pipelines stay within
 * what {@code ../shared/concourse/pipeline.schema.json} accepts: job-level hooks only, string
 * params, {@code image_resource} with a name. A sample:
 *
 * <pre>
 * jobs:
 * - name: deploy
 *   serial: true
 *   plan:
 *   - get: deployment
 *     trigger: true
 *   # errand smoke-tests (offerings/mysql.offering:180:3): after deploy, update, upgrade
 *   - task: errand-smoke-tests
 *     config:
 *       ...
 *       params:
 *         BOSH_DEPLOYMENT: {{ ('mysql-' ~ instance.id) | yaml }}
 *         ERRAND_NAME: smoke-tests
 *       run:
 *         path: sh
 *         args:
 *         - -ec
 *         - |
 *           bosh -n run-errand "$ERRAND_NAME"
 *   ...
 *   on_failure:
 *     task: report-failure
 * </pre>
 */
public final class PipelineEmitter implements Emitter {

    /** The sections of an instance's pipeline, with the operation kinds each one serves. */
    private static final Map<String, List<Operation>> SECTIONS = sections();

    @Override
    public String name() {
        return "pipelines";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        for (Offering offering : offerings) {
            if (offering.plans().cluster().isEmpty()) {
                continue;
            }
            manifest.writeText(
                    BundleLayout.pipeline(offering.name(), BundleLayout.INSTANCE_PIPELINE),
                    new InstancePipeline(offering).text());
        }
        manifest.writeText(BundleLayout.META_PIPELINE, metaPipeline());
    }

    private static Map<String, List<Operation>> sections() {
        Map<String, List<Operation>> sections = new LinkedHashMap<>();
        sections.put("deploy", List.of(Operation.DEPLOY, Operation.UPDATE));
        sections.put("upgrade", List.of(Operation.UPGRADE));
        sections.put("recreate", List.of(Operation.RECREATE));
        sections.put("delete", List.of(Operation.DELETE));
        return sections;
    }

    /**
     * The source lines that authenticate a git resource: HTTPS (username and token) when the
     * deployment repository's URI is {@code http(s)://}, an SSH private key otherwise.
     */
    static void gitCredentials(TemplateText text, int indent) {
        text.tag(indent, "if git.uri is string_startingwith 'https://' or git.uri is string_startingwith 'http://'");
        text.line(indent, "username: \"((git_username))\"");
        text.line(indent, "password: \"((git_password))\"");
        text.tag(indent, "else");
        text.line(indent, "private_key: \"((git_private_key))\"");
        text.tag(indent, "endif");
    }

    /**
     * The meta pipeline template, in two shapes chosen by {@code org}. The root ({@code org} empty, rendered into
     * {@code meta-pipeline.yml}) sets one shard per org in {@code orgs}; a shard ({@code org} an org GUID, rendered
     * into {@code ORG_GUID/meta-pipeline.yml}) sets the pipeline of every cluster of that org in {@code instances}.
     * Both set themselves in a first job and the others in a second one that runs after it (passed), so the
     * second job's build always runs the configuration the first one just set, never the one before it.
     */
    private static String metaPipeline() {
        String meta = BundleLayout.META_PIPELINE_FILE;
        String orgMeta = "'/" + meta + "'";
        TemplateText text = new TemplateText();
        text.comment(0, "Meta pipeline, in two shapes. The root (" + meta + ", org empty) sets one shard per org");
        text.comment(
                0, "as an instance of `" + BundleLayout.ORG_PIPELINE_GROUP + "` (instance_vars: {org: ORG_GUID}).");
        text.comment(0, "A shard (ORG_GUID/" + meta + ") sets every cluster of its org as an instance of");
        text.comment(
                0,
                "`" + BundleLayout.INSTANCE_PIPELINE_GROUP + "` (instance_vars: {instance: ID}). Job update-self"
                        + " sets the pipeline from");
        text.comment(
                0, "its own file; set-pipelines runs after it (passed), with the configuration it set. A pipeline");
        text.comment(
                0, "set-pipelines set before and no longer sets is archived by Concourse after the build succeeds.");
        text.comment(0, "Rendered by the broker with `org`, `orgs` (root), `instances` (shard: name, path) and `git`.");
        text.line(0, "resources:");
        text.line(0, "- name: deployments");
        text.line(2, "type: git");
        text.line(2, "source:");
        text.line(4, "uri: {{ git.uri | yaml }}");
        text.line(4, "branch: {{ git.branch | yaml }}");
        gitCredentials(text, 4);
        text.tag(4, "if org");
        text.comment(4, "only what changes this org's pipelines: its shard file and its clusters' pipeline configs,");
        text.comment(4, "never manifests or operation files (git pathspecs: * crosses /)");
        text.line(
                4,
                "paths: [{{ (org ~ " + orgMeta + ") | yaml }}, {{ (org ~ '/*/" + BundleLayout.INSTANCE_PIPELINE_FILE
                        + "') | yaml }}]");
        text.tag(4, "else");
        text.comment(4, "only what changes the set of orgs");
        text.line(4, "paths: [" + TemplateText.literal(meta).text() + "]");
        text.tag(4, "endif");
        text.blank();
        text.line(0, "jobs:");
        text.line(0, "- name: update-self");
        text.line(2, "serial: true");
        text.line(2, "plan:");
        text.line(2, "- get: deployments");
        text.line(4, "trigger: true");
        text.line(2, "- set_pipeline: self");
        text.tag(4, "if org");
        text.line(4, "file: {{ ('deployments/' ~ org ~ " + orgMeta + ") | yaml }}");
        text.tag(4, "else");
        text.line(4, "file: " + TemplateText.literal("deployments/" + meta).text());
        text.tag(4, "endif");
        text.line(0, "- name: set-pipelines");
        text.line(2, "serial: true");
        text.line(2, "plan:");
        text.line(2, "- get: deployments");
        text.line(4, "trigger: true");
        text.line(4, "passed: [update-self]");
        text.tag(2, "for shard in orgs");
        text.line(
                2,
                "- set_pipeline: "
                        + TemplateText.literal(BundleLayout.ORG_PIPELINE_GROUP).text());
        text.line(4, "file: {{ ('deployments/' ~ shard ~ " + orgMeta + ") | yaml }}");
        text.line(4, "instance_vars:");
        text.line(6, "org: {{ shard | yaml }}");
        text.tag(2, "endfor");
        text.tag(2, "for pipeline in instances");
        text.line(
                2,
                "- set_pipeline: "
                        + TemplateText.literal(BundleLayout.INSTANCE_PIPELINE_GROUP)
                                .text());
        text.line(
                4,
                "file: {{ ('deployments/' ~ pipeline.path ~ '/" + BundleLayout.INSTANCE_PIPELINE_FILE + "') | yaml }}");
        text.line(4, "instance_vars:");
        text.line(6, "instance: {{ pipeline.name | yaml }}");
        text.tag(2, "endfor");
        return text.toString();
    }

    /** The pipeline template of one offering's clusters: one job that serves every operation kind. */
    private static final class InstancePipeline {
        private final Offering offering;
        private final ExpressionTemplates expressions;
        private final boolean deploys;
        private final TemplateText text = new TemplateText();
        /** The section being written: its name prefixes its task names (but deploy's). */
        private String section = "deploy";
        /** The operation kinds of the section being written. */
        private List<Operation> kinds = List.of();
        /** The operation kinds the steps being written run for. */
        private List<Operation> runsFor = List.of();

        InstancePipeline(Offering offering) {
            this.offering = offering;
            this.expressions = new ExpressionTemplates(offering);
            this.deploys = ManifestEmitter.hasDeployment(offering);
        }

        private boolean deleting() {
            return kinds.contains(Operation.DELETE);
        }

        private boolean recreating() {
            return kinds.contains(Operation.RECREATE);
        }

        private boolean hasTerraform() {
            return offering.automation().terraform() != null;
        }

        private boolean usesTerraform() {
            return hasTerraform() && !recreating();
        }

        /**
         * Whether the offering has {@code secret} cluster parameters: only then does the deploy task read
         * {@code ((secret_parameters_private_key))} (Concourse fails a build that references a credential the
         * credential manager lacks) and decrypt {@code secrets.cms}.
         */
        private boolean hasSecretParameters() {
            return !ExpressionTemplates.secretClusterParameters(offering).isEmpty();
        }

        private boolean hasHooks() {
            return !offering.automation().hooks().isEmpty();
        }

        private List<Operation> allKinds() {
            return SECTIONS.entrySet().stream()
                    .filter(e -> deploys
                            || !(e.getKey().equals("upgrade") || e.getKey().equals("recreate")))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        String text() {
            text.comment(
                    0,
                    "Concourse pipeline of one " + offering.name() + " cluster (offering " + offering.name() + " "
                            + offering.version() + ", " + TemplateText.source(offering.span()) + ").");
            text.comment(
                    0,
                    "Generated by dedicate and rendered by the broker: values are task params inserted"
                            + " through the `yaml` filter; ((name)) are Concourse credentials.");
            text.comment(
                    0,
                    "Nothing here depends on the operation: every task reads the operation (id, kind, plan, report_url)"
                            + " from the");
            text.comment(
                    0,
                    BundleLayout.OPERATION_FILE + " of the commit the build fetched and does nothing unless its"
                            + " RUNS_FOR lists that kind; without " + BundleLayout.OPERATION_FILE
                            + " the build does nothing and succeeds.");
            resources();
            text.blank();
            text.line(0, "jobs:");
            text.line(0, "- name: operate");
            text.line(2, "serial: true");
            text.line(2, "plan:");
            text.line(2, "- get: deployment");
            text.line(4, "trigger: true");
            if (hasHooks()) {
                text.line(2, "- get: shared-deployments");
            }
            if (hasTerraform()) {
                text.line(2, "- get: terraform-state");
            }
            SECTIONS.forEach((name, sectionKinds) -> {
                if (!deploys && (name.equals("upgrade") || name.equals("recreate"))) {
                    return;
                }
                section = name;
                kinds = sectionKinds;
                runsFor = sectionKinds;
                text.comment(
                        2,
                        "---- operation kind "
                                + sectionKinds.stream().map(Operation::label).collect(Collectors.joining(", ")));
                if (deleting()) {
                    deleteSteps();
                } else {
                    lifecycleSteps();
                }
            });
            section = "deploy";
            kinds = allKinds();
            runsFor = kinds;
            text.comment(2, "the last step: report success and the outputs to the broker");
            task(2, true, reportTask("report-success", "succeeded", "succeeded", true));
            reportHook("on_failure", "report-failure", "failed");
            reportHook("on_error", "report-error", "errored");
            reportHook("on_abort", "report-abort", "was aborted");
            return text.toString();
        }

        private void resources() {
            text.line(0, "resources:");
            text.comment(
                    0,
                    "the instance's folder in the deployment repository: pipeline.yml, manifest.yml, operation.json");
            gitResource("deployment", "{{ git.uri | yaml }}", "{{ git.branch | yaml }}");
            text.line(4, "paths: [{{ git.path | yaml }}]");
            if (hasTerraform()) {
                text.line(4, "ignore_paths: [{{ (git.path ~ '/terraform') | yaml }}]");
                text.comment(0, "the Terraform state of the instance, committed next to its manifest");
                gitResource("terraform-state", "{{ git.uri | yaml }}", "{{ git.branch | yaml }}");
                text.line(4, "paths: [{{ (git.path ~ '/terraform') | yaml }}]");
            }
            if (hasHooks()) {
                text.comment(
                        0,
                        "the repository of the shared deployments (prometheus, shield...) that hooks add ops files to;"
                                + " same credentials as the deployment repository");
                gitResource(
                        "shared-deployments",
                        "\"((shared_deployments_git_uri))\"",
                        "\"((shared_deployments_git_branch))\"");
            }
        }

        /** A git resource of the repository at {@code uri}; the caller may add source lines. */
        private void gitResource(String name, String uri, String branch) {
            text.line(0, "- name: " + name);
            text.line(2, "type: git");
            text.line(2, "source:");
            text.line(4, "uri: " + uri);
            text.line(4, "branch: " + branch);
            gitCredentials(text, 4);
        }

        private void lifecycleSteps() {
            phase(Trigger.When.BEFORE);
            if (usesTerraform()) {
                terraform(false);
            }
            if (deploys) {
                boolean recreate = recreating();
                text.comment(2, recreate ? "recreate every VM of the deployment" : "deploy the committed manifest");
                Map<String, TemplateValue.Flow> extra = new LinkedHashMap<>();
                if (!recreate) {
                    extra.put("RELEASES", releases());
                    extra.put("STEMCELL_OS", stemcellParam(true));
                    extra.put("STEMCELL_VERSION", stemcellParam(false));
                    if (hasSecretParameters()) {
                        extra.put("SECRET_PARAMETERS_PRIVATE_KEY", credential("secret_parameters_private_key"));
                    }
                }
                task(
                        2,
                        true,
                        boshTask(
                                recreate ? "bosh-recreate" : "bosh-deploy",
                                recreate
                                        ? TaskScripts.BOSH_RECREATE
                                        : hasSecretParameters()
                                                ? TaskScripts.BOSH_DEPLOY_WITH_SECRETS
                                                : TaskScripts.BOSH_DEPLOY,
                                extra));
            }
            phase(Trigger.When.AFTER);
            if (!recreating()) {
                for (App app : offering.automation().apps()) {
                    text.comment(2, "app " + app.name() + " (" + TemplateText.where(app.span()) + ")");
                    task(2, true, appTask(app, true));
                }
            }
        }

        /** The offering's releases as a JSON list of {name, version, url, sha1} (url and sha1 may be ""). */
        private TemplateValue.Flow releases() {
            String json = offering.automation().releases().stream()
                    .map(r -> "{\"name\":" + jsonString(r.name()) + ",\"version\":" + jsonString(r.version())
                            + ",\"url\":" + jsonString(r.url() == null ? "" : r.url()) + ",\"sha1\":"
                            + jsonString(r.sha1() == null ? "" : r.sha1()) + "}")
                    .collect(Collectors.joining(",", "[", "]"));
            return TemplateText.literal(json);
        }

        private TemplateValue.Flow stemcellParam(boolean os) {
            var stemcell = offering.automation().stemcell();
            if (stemcell == null) {
                return TemplateText.literal("");
            }
            return TemplateText.literal(os ? stemcell.os() : stemcell.version());
        }

        private static String jsonString(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        private void deleteSteps() {
            phase(Trigger.When.BEFORE);
            for (App app : offering.automation().apps()) {
                text.comment(2, "app " + app.name() + " (" + TemplateText.where(app.span()) + ")");
                task(2, true, appTask(app, false));
            }
            if (deploys) {
                text.comment(2, "delete the deployment");
                task(2, true, boshTask("bosh-delete-deployment", TaskScripts.BOSH_DELETE, Map.of()));
            }
            if (usesTerraform()) {
                terraform(true);
            }
            phase(Trigger.When.AFTER);
        }

        /** Errands and hook (de)registrations that run {@code when} the operation runs. */
        private void phase(Trigger.When when) {
            if (deploys && !(deleting() && when == Trigger.When.AFTER)) {
                for (Errand errand : offering.automation().errands()) {
                    List<Operation> runs = kinds.stream()
                            .filter(kind -> errand.runs(when, kind))
                            .toList();
                    guarded(runs, () -> {
                        text.comment(
                                2,
                                "errand " + errand.name() + " (" + TemplateText.where(errand.span()) + "): "
                                        + triggers(errand.triggers()));
                        task(2, true, errandTask(errand));
                    });
                }
            }
            for (Hook hook : offering.automation().hooks()) {
                List<Operation> registers = kinds.stream()
                        .filter(kind -> hook.register().contains(new Trigger(when, kind)))
                        .toList();
                guarded(registers, () -> hookSteps(hook, true));
                List<Operation> deregisters = kinds.stream()
                        .filter(kind -> hook.deregister().contains(new Trigger(when, kind)))
                        .toList();
                guarded(deregisters, () -> hookSteps(hook, false));
            }
        }

        /** Writes steps that run only for some operation kinds: their tasks check the kind at run time. */
        private void guarded(List<Operation> runs, Runnable steps) {
            if (runs.isEmpty()) {
                return;
            }
            List<Operation> before = runsFor;
            runsFor = runs;
            steps.run();
            runsFor = before;
        }

        private void hookSteps(Hook hook, boolean register) {
            text.comment(
                    2,
                    "hook " + hook.name() + " (" + TemplateText.where(hook.span()) + "): "
                            + (register ? "register " : "deregister ")
                            + triggers(register ? hook.register() : hook.deregister()));
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put("SHARED_DEPLOYMENT", TemplateText.literal(hook.sharedDeployment()));
            params.put(
                    "OPS_FILE_NAME",
                    flow("(" + expressions.deploymentName() + " ~ "
                            + TemplateText.jinjaString("-" + hook.name() + "-operators.yml") + ")"));
            if (register) {
                params.put("OPS_FILE", new TemplateValue.Flow("{{ " + opsCode(hook) + " | json | yaml }}"));
            }
            params.put(
                    "COMMIT_MESSAGE",
                    flow("("
                            + TemplateText.jinjaString(
                                    (register ? "register " : "deregister ") + "hook " + hook.name() + " of ")
                            + " ~ " + expressions.deploymentName() + ")"));
            task(
                    2,
                    true,
                    new Task(
                            (register ? "register-" : "deregister-") + hook.name(),
                            List.of("shared-deployments"),
                            List.of("shared-deployments-updated"),
                            params,
                            register ? TaskScripts.HOOK_REGISTER : TaskScripts.HOOK_DEREGISTER));
            put("shared-deployments", "shared-deployments-updated");
        }

        /** The hook's ops file as a Jinja list literal (JSON is YAML, so the file is its JSON). */
        private String opsCode(Hook hook) {
            return "["
                    + hook.ops().stream()
                            .map(entry -> {
                                if (!expressions.knownAtRender(entry.value())) {
                                    throw new IllegalArgumentException(entry.span() + ": hook " + hook.name()
                                            + " uses a CredHub value; hooks can only use values known at render time");
                                }
                                return ExpressionTemplates.dict(List.of(
                                        "'type': 'replace'",
                                        "'path': " + TemplateText.jinjaString(entry.path()),
                                        "'value': " + expressions.code(entry.value())));
                            })
                            .collect(Collectors.joining(", "))
                    + "]";
        }

        private void terraform(boolean destroy) {
            var terraform =
                    java.util.Objects.requireNonNull(offering.automation().terraform());
            text.comment(
                    2, "terraform (" + TemplateText.where(terraform.span()) + "): " + (destroy ? "destroy" : "apply"));
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put("TF_MODULE_SOURCE", TemplateText.literal(terraform.moduleSource()));
            params.put("TF_STATE_PATH", flow("(git.path ~ '/terraform/terraform.tfstate')"));
            params.put("TF_IN_AUTOMATION", TemplateText.literal("true"));
            params.put(
                    "COMMIT_MESSAGE",
                    flow("(" + TemplateText.jinjaString("terraform " + (destroy ? "destroy" : "apply") + " of ") + " ~ "
                            + expressions.deploymentName() + ")"));
            terraform
                    .vars()
                    .forEach((name, value) ->
                            params.put("TF_VAR_" + name, renderTimeParam(value, "terraform var " + name)));
            task(
                    2,
                    true,
                    new Task(
                            destroy ? "terraform-destroy" : "terraform-apply",
                            List.of("terraform-state"),
                            List.of("terraform-state-updated"),
                            params,
                            destroy ? TaskScripts.TERRAFORM_DESTROY : TaskScripts.TERRAFORM_APPLY));
            put("terraform-state", "terraform-state-updated");
        }

        private void put(String resource, String repository) {
            text.line(2, "- put: " + resource);
            text.line(4, "params:");
            text.line(6, "repository: " + repository);
            text.line(6, "rebase: true");
        }

        private Task errandTask(Errand errand) {
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put("ERRAND_NAME", TemplateText.literal(errand.name()));
            if (errand.instanceGroup() != null) {
                params.put("ERRAND_INSTANCE_GROUP", TemplateText.literal(errand.instanceGroup()));
            }
            return boshTask(
                    "errand-" + errand.name(),
                    errand.instanceGroup() != null ? TaskScripts.COLOCATED_ERRAND : TaskScripts.ERRAND,
                    params);
        }

        private Task boshTask(String name, String script, Map<String, TemplateValue.Flow> extra) {
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>(boshCredentials());
            params.putAll(extra);
            return new Task(name, List.of("deployment"), List.of(), params, script);
        }

        private Map<String, TemplateValue.Flow> boshCredentials() {
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put("BOSH_ENVIRONMENT", credential("bosh_environment"));
            params.put("BOSH_CLIENT", credential("bosh_client"));
            params.put("BOSH_CLIENT_SECRET", credential("bosh_client_secret"));
            params.put("BOSH_CA_CERT", credential("bosh_ca_cert"));
            params.put("BOSH_DEPLOYMENT", flow(expressions.deploymentName()));
            return params;
        }

        private Map<String, TemplateValue.Flow> credhubCredentials() {
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>(boshCredentials());
            params.put("CREDHUB_SERVER", credential("credhub_server"));
            params.put("CREDHUB_CLIENT", credential("credhub_client"));
            params.put("CREDHUB_SECRET", credential("credhub_secret"));
            params.put("CREDHUB_CA_CERT", credential("credhub_ca_cert"));
            return params;
        }

        private Task appTask(App app, boolean push) {
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put("CF_API", credential("cf_api"));
            params.put("CF_USERNAME", credential("cf_username"));
            params.put("CF_PASSWORD", credential("cf_password"));
            params.put(
                    "APP_NAME",
                    flow("(" + expressions.deploymentName() + " ~ " + TemplateText.jinjaString("-" + app.name())
                            + ")"));
            params.put("APP_ORG", renderTimeParam(app.org(), "app " + app.name() + " org"));
            params.put("APP_SPACE", renderTimeParam(app.space(), "app " + app.name() + " space"));
            if (!push) {
                return new Task("delete-app-" + app.name(), List.of(), List.of(), params, TaskScripts.APP_DELETE);
            }
            Map<String, Expression> known = new LinkedHashMap<>();
            Map<String, String> credhub = new LinkedHashMap<>();
            app.env()
                    .forEach((name, value) -> split(name, value, known, credhub, "app " + app.name() + " env " + name));
            params.put("APP_SOURCE", TemplateText.literal(app.source()));
            params.put("APP_BUILDPACK", TemplateText.literal(app.buildpack() == null ? "" : app.buildpack()));
            params.put("APP_MEMORY", TemplateText.literal(app.memoryMb() == null ? "" : app.memoryMb() + "M"));
            params.put("APP_DISK", TemplateText.literal(app.diskMb() == null ? "" : app.diskMb() + "M"));
            params.put("APP_INSTANCES", TemplateText.literal(String.valueOf(app.instances())));
            params.put(
                    "APP_ROUTE",
                    app.route() == null
                            ? TemplateText.literal("")
                            : renderTimeParam(app.route(), "app " + app.name() + " route"));
            params.put("APP_ENV", jsonObject(known, true));
            params.put("APP_CREDHUB_ENV", credhubObject(credhub));
            if (!credhub.isEmpty()) {
                params.putAll(credhubCredentials());
            }
            return new Task("push-app-" + app.name(), List.of(), List.of(), params, TaskScripts.APP_PUSH);
        }

        private Task reportTask(String name, String state, String outcome, boolean withOutputs) {
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put("INSTANCE_NAME", flow("instance.name"));
            params.put("REPORT_STATE", TemplateText.literal(state));
            params.put("REPORT_OUTCOME", TemplateText.literal(outcome));
            params.put("REPORT_SIGNING_KEY", credential("report_signing_key"));
            Map<String, Expression> known = new LinkedHashMap<>();
            Map<String, String> credhub = new LinkedHashMap<>();
            if (withOutputs) {
                for (Output output : offering.outputs()) {
                    split(output.name(), output.value(), known, credhub, "output " + output.name());
                }
            }
            params.put("OUTPUTS", jsonObject(known, false));
            params.put("CREDHUB_OUTPUTS", credhubObject(credhub));
            if (!credhub.isEmpty()) {
                params.putAll(credhubCredentials());
            }
            return new Task(name, List.of(), List.of(), params, TaskScripts.REPORT);
        }

        private void reportHook(String hook, String name, String outcome) {
            text.line(2, hook + ":");
            task(4, false, reportTask(name, "failed", outcome, false));
        }

        /** Sorts a value into render-time values and CredHub references (read by the task). */
        private void split(
                String name,
                Expression value,
                Map<String, Expression> known,
                Map<String, String> credhub,
                String where) {
            if (expressions.knownAtRender(value)) {
                known.put(name, value);
                return;
            }
            Optional<String> reference = expressions.credhubName(value);
            if (reference.isEmpty()) {
                throw new IllegalArgumentException(
                        value.span() + ": " + where
                                + " mixes a CredHub value with other text; it must be either known at render time or one CredHub value");
            }
            credhub.put(name, reference.get());
        }

        private TemplateValue.Flow jsonObject(Map<String, Expression> values, boolean asText) {
            if (values.isEmpty()) {
                return TemplateText.literal("{}");
            }
            return flow(
                    ExpressionTemplates.dict(values.entrySet().stream()
                            .map(e -> TemplateText.jinjaString(e.getKey()) + ": "
                                    + (asText
                                            ? "(" + expressions.code(e.getValue()) + " | text)"
                                            : expressions.code(e.getValue())))
                            .toList()),
                    "json");
        }

        private static TemplateValue.Flow credhubObject(Map<String, String> names) {
            if (names.isEmpty()) {
                return TemplateText.literal("{}");
            }
            return flow(
                    ExpressionTemplates.dict(names.entrySet().stream()
                            .map(e -> TemplateText.jinjaString(e.getKey()) + ": " + e.getValue())
                            .toList()),
                    "json");
        }

        private TemplateValue.Flow renderTimeParam(Expression value, String where) {
            if (!expressions.knownAtRender(value)) {
                throw new IllegalArgumentException(
                        value.span() + ": " + where + " uses a CredHub value, which is only known at run time");
            }
            return expressions.param(value);
        }

        private static TemplateValue.Flow flow(String code) {
            return flow(code, "text");
        }

        private static TemplateValue.Flow flow(String code, String filter) {
            return new TemplateValue.Flow("{{ " + code + " | " + filter + " | yaml }}");
        }

        private static TemplateValue.Flow credential(String name) {
            return new TemplateValue.Flow("\"((" + name + "))\"");
        }

        private void task(int indent, boolean item, Task step) {
            PipelineSettingsText image = new PipelineSettingsText(offering);
            int body = item ? indent + 2 : indent;
            List<String> inputs = new java.util.ArrayList<>();
            inputs.add("deployment");
            step.inputs().stream().filter(input -> !inputs.contains(input)).forEach(inputs::add);
            Map<String, TemplateValue.Flow> params = new LinkedHashMap<>();
            params.put(
                    "RUNS_FOR",
                    TemplateText.literal(runsFor.stream().map(Operation::label).collect(Collectors.joining(" "))));
            params.put("INSTANCE_PATH", new TemplateValue.Flow("{{ git.path | yaml }}"));
            params.putAll(step.params());
            Task task = new Task(
                    section.equals("deploy") ? step.name() : section + "-" + step.name(),
                    inputs,
                    step.outputs(),
                    params,
                    TaskScripts.guard(step.outputs()) + step.script());
            text.line(indent, (item ? "- " : "") + "task: " + task.name());
            text.line(body, "config:");
            text.line(body + 2, "platform: linux");
            text.line(body + 2, "image_resource:");
            text.line(body + 4, "name: task-image");
            text.line(body + 4, "type: registry-image");
            text.line(body + 4, "source:");
            text.line(body + 6, "repository: " + image.repository());
            text.line(body + 6, "tag: " + image.tag());
            if (!task.inputs().isEmpty()) {
                text.line(body + 2, "inputs:");
                task.inputs().forEach(input -> text.line(body + 2, "- name: " + input));
            }
            if (!task.outputs().isEmpty()) {
                text.line(body + 2, "outputs:");
                task.outputs().forEach(output -> text.line(body + 2, "- name: " + output));
            }
            if (!task.params().isEmpty()) {
                text.line(body + 2, "params:");
                task.params().forEach((key, value) -> text.line(body + 4, key + ": " + value.text()));
            }
            text.line(body + 2, "run:");
            text.line(body + 4, "path: sh");
            text.line(body + 4, "args:");
            text.line(body + 4, "- -ec");
            text.line(body + 4, "- |");
            text.lineBlock(body + 6, task.script());
        }

        private static String triggers(List<Trigger> triggers) {
            return triggers.stream().map(Trigger::toString).collect(Collectors.joining(", "));
        }
    }

    /** One task step: fixed script, values as params. */
    private record Task(
            String name,
            List<String> inputs,
            List<String> outputs,
            Map<String, TemplateValue.Flow> params,
            String script) {
        Task {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** The task image of an offering, as template text. */
    private record PipelineSettingsText(String repository, String tag) {
        PipelineSettingsText(Offering offering) {
            this(
                    TemplateText.literal(offering.automation().pipeline().taskImage())
                            .text(),
                    TemplateText.literal(offering.automation().pipeline().taskImageTag())
                            .text());
        }
    }
}
