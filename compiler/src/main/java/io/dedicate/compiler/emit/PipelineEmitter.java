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

    /** The pipeline templates of each offering, with the operations each one serves. */
    private static final Map<String, List<Operation>> TEMPLATES = templates();

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
            TEMPLATES.forEach((template, kinds) -> manifest.writeText(
                    BundleLayout.pipeline(offering.name(), template),
                    new OperationPipeline(offering, template, kinds).text()));
        }
        manifest.writeText(BundleLayout.META_PIPELINE, metaPipeline());
    }

    private static Map<String, List<Operation>> templates() {
        Map<String, List<Operation>> templates = new LinkedHashMap<>();
        templates.put("deploy", List.of(Operation.DEPLOY, Operation.UPDATE));
        templates.put("recreate", List.of(Operation.RECREATE));
        templates.put("upgrade", List.of(Operation.UPGRADE));
        templates.put("delete", List.of(Operation.DELETE));
        return templates;
    }

    private static String metaPipeline() {
        TemplateText text = new TemplateText();
        text.comment(0, "Meta pipeline: sets the pipeline of every dedicated cluster from the deployment repository");
        text.comment(0, "(one folder per instance: pipeline.yml, manifest.yml, vars.yml). Rendered by the broker with");
        text.comment(0, "`instances` (name, path) and `git` (uri, branch).");
        text.line(0, "resources:");
        text.line(0, "- name: deployments");
        text.line(2, "type: git");
        text.line(2, "source:");
        text.line(4, "uri: {{ git.uri | yaml }}");
        text.line(4, "branch: {{ git.branch | yaml }}");
        text.line(4, "private_key: \"((git_private_key))\"");
        text.blank();
        text.line(0, "jobs:");
        text.line(0, "- name: set-instance-pipelines");
        text.line(2, "serial: true");
        text.line(2, "plan:");
        text.line(2, "- get: deployments");
        text.line(4, "trigger: true");
        text.tag(2, "for pipeline in instances");
        text.line(2, "- set_pipeline: {{ pipeline.name | yaml }}");
        text.line(4, "file: {{ ('deployments/' ~ pipeline.path ~ '/pipeline.yml') | yaml }}");
        text.line(4, "var_files:");
        text.line(4, "- {{ ('deployments/' ~ pipeline.path ~ '/vars.yml') | yaml }}");
        text.tag(2, "endfor");
        return text.toString();
    }

    /** The pipeline template of one operation of one offering. */
    private static final class OperationPipeline {
        private final Offering offering;
        private final String template;
        private final List<Operation> kinds;
        private final ExpressionTemplates expressions;
        private final boolean deploys;
        private final TemplateText text = new TemplateText();

        OperationPipeline(Offering offering, String template, List<Operation> kinds) {
            this.offering = offering;
            this.template = template;
            this.kinds = kinds;
            this.expressions = new ExpressionTemplates(offering);
            this.deploys = ManifestEmitter.hasDeployment(offering);
        }

        private boolean deleting() {
            return kinds.contains(Operation.DELETE);
        }

        private boolean recreating() {
            return kinds.contains(Operation.RECREATE);
        }

        private boolean usesTerraform() {
            return offering.automation().terraform() != null && !recreating();
        }

        private boolean usesHooks() {
            return offering.automation().hooks().stream()
                    .anyMatch(hook -> kinds.stream()
                            .anyMatch(kind -> hook.register().stream().anyMatch(t -> t.operation() == kind)
                                    || hook.deregister().stream().anyMatch(t -> t.operation() == kind)));
        }

        String text() {
            text.comment(
                    0,
                    "Concourse pipeline `" + template + "` of one " + offering.name() + " cluster (offering "
                            + offering.name() + " " + offering.version() + ", "
                            + TemplateText.source(offering.span()) + "), for "
                            + kinds.stream()
                                    .map(k -> "operation.kind " + k.label())
                                    .collect(Collectors.joining(" and "))
                            + ".");
            text.comment(
                    0,
                    "Generated by dedicate and rendered by the broker: values are task params inserted"
                            + " through the `yaml` filter; ((name)) are Concourse credentials.");
            resources();
            text.blank();
            text.line(0, "jobs:");
            text.line(0, "- name: " + template);
            text.line(2, "serial: true");
            text.line(2, "plan:");
            text.line(2, "- get: deployment");
            text.line(4, "trigger: true");
            if (usesHooks()) {
                text.line(2, "- get: shared-deployments");
            }
            if (usesTerraform()) {
                text.line(2, "- get: terraform-state");
            }
            if (deleting()) {
                deleteSteps();
            } else {
                lifecycleSteps();
            }
            text.comment(2, "the last step: report success and the outputs to the broker");
            task(2, true, reportTask("report-success", "succeeded", "succeeded", true));
            reportHook("on_failure", "report-failure", "failed");
            reportHook("on_error", "report-error", "errored");
            reportHook("on_abort", "report-abort", "was aborted");
            return text.toString();
        }

        private void resources() {
            text.line(0, "resources:");
            text.comment(0, "the instance's folder in the deployment repository: pipeline.yml, manifest.yml, vars.yml");
            gitResource("deployment", "{{ git.uri | yaml }}");
            text.line(4, "paths: [{{ git.path | yaml }}]");
            if (offering.automation().terraform() != null) {
                text.line(4, "ignore_paths: [{{ (git.path ~ '/terraform') | yaml }}]");
            }
            if (usesTerraform()) {
                text.comment(0, "the Terraform state of the instance, committed next to its manifest");
                gitResource("terraform-state", "{{ git.uri | yaml }}");
                text.line(4, "paths: [{{ (git.path ~ '/terraform') | yaml }}]");
            }
            if (usesHooks()) {
                text.comment(
                        0,
                        "the repository of the shared deployments (prometheus, shield...) that hooks add ops files to");
                gitResource("shared-deployments", "\"((shared_deployments_git_uri))\"");
            }
        }

        /** A git resource of the repository at {@code uri}; the caller may add source lines. */
        private void gitResource(String name, String uri) {
            text.line(0, "- name: " + name);
            text.line(2, "type: git");
            text.line(2, "source:");
            text.line(4, "uri: " + uri);
            text.line(4, "branch: {{ git.branch | yaml }}");
            text.line(4, "private_key: \"((git_private_key))\"");
        }

        private void lifecycleSteps() {
            phase(Trigger.When.BEFORE);
            if (usesTerraform()) {
                terraform(false);
            }
            if (deploys) {
                Operation operation = kinds.get(0);
                boolean recreate = operation == Operation.RECREATE;
                text.comment(2, recreate ? "recreate every VM of the deployment" : "deploy the committed manifest");
                task(
                        2,
                        true,
                        boshTask(
                                recreate ? "bosh-recreate" : "bosh-deploy",
                                recreate ? TaskScripts.BOSH_RECREATE : TaskScripts.BOSH_DEPLOY,
                                Map.of()));
            }
            phase(Trigger.When.AFTER);
            if (!recreating()) {
                for (App app : offering.automation().apps()) {
                    text.comment(2, "app " + app.name() + " (" + TemplateText.where(app.span()) + ")");
                    task(2, true, appTask(app, true));
                }
            }
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

        /** Writes steps that run only for some operation kinds inside a Jinja condition. */
        private void guarded(List<Operation> runs, Runnable steps) {
            if (runs.isEmpty()) {
                return;
            }
            if (runs.size() == kinds.size()) {
                steps.run();
                return;
            }
            String condition = runs.size() == 1
                    ? "operation.kind == "
                            + TemplateText.jinjaString(runs.get(0).label())
                    : "operation.kind in ["
                            + runs.stream()
                                    .map(r -> TemplateText.jinjaString(r.label()))
                                    .collect(Collectors.joining(", "))
                            + "]";
            text.tag(2, "if " + condition);
            steps.run();
            text.tag(2, "endif");
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
            params.put("INSTANCE_PATH", new TemplateValue.Flow("{{ git.path | yaml }}"));
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
            params.put("REPORT_URL", new TemplateValue.Flow("{{ operation.report_url | yaml }}"));
            params.put("REPORT_TOKEN", credential("report_token"));
            params.put("REPORT_STATE", TemplateText.literal(state));
            params.put(
                    "REPORT_DESCRIPTION",
                    flow("(operation.kind ~ ' of ' ~ instance.name ~ " + TemplateText.jinjaString(" " + outcome)
                            + ")"));
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

        private void task(int indent, boolean item, Task task) {
            PipelineSettingsText image = new PipelineSettingsText(offering);
            int body = item ? indent + 2 : indent;
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
