package io.dedicate.bundle.render;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.TemplateRenderException;
import io.dedicate.bundle.UnsafeValueException;
import io.dedicate.bundle.YamlFlowEncoder;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.ParameterModel;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.Sizing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Renders one operation's files for one instance with the bundle's prepared templates: the
 * pipeline the model names for the operation kind (the one pipeline template of the offering, which
 * does not depend on the operation), the BOSH manifest, {@code vars.yml} and {@code operation.json},
 * which the pipeline reads at run time. The variables follow the bundle's template contract
 * (model.json {@code template_variables}):
 *
 * <pre>
 * instance:  {id, name, org, space, org_guid, space_guid}     unknown names are ""
 * plan:      {id, name, vm_type, disk_mb, azs, instances}     from the plan's sizing
 * params:    {innodb_buffer_pool_size: 1073741824, ...}        the context's values, over the defaults
 * operation: {id, kind, report_url}
 * git:       {uri, branch, path}
 * </pre>
 *
 * <p>{@code params} holds every cluster parameter (create and update scopes) that has a default,
 * overridden by the context's values: the templates were checked at compile time with all of them,
 * so a template reading an update-only parameter renders on create too. {@code vars.yml} holds nothing
 * secret (an empty map): reports are signed with a key only the credential manager holds.
 *
 * <p>Secret cluster parameters never reach a template: the compiled manifest holds the BOSH variable {@code
 * ((dedicate_secret_PARAM))} for each, and their values go into {@code secrets.cms}, encrypted to the recipient
 * certificate (contracts.md), which the deploy task decrypts with {@code ((secret_parameters_private_key))}.
 *
 * <p>Thread-safe; values are data (no nested interpretation: a value <code>{{ 7*7 }}</code> comes
 * out as these characters) and a value with a BOSH/Concourse {@code ((...))} sequence is refused.
 */
public final class OperationRenderer {

    /**
     * vars.yml: nothing secret and nothing per operation. Pipelines sign their reports with {@code
     * ((report_signing_key))} from Concourse's credential manager.
     */
    public static final String VARS = "# nothing secret here: reports are signed with ((report_signing_key)) from the"
            + " credential manager\n{}\n";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A YAML key that needs no quotes (a parameter name of letters, digits, dashes and underscores). */
    private static final java.util.regex.Pattern PLAIN_KEY = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final LoadedBundle bundle;
    private final @Nullable SecretParametersSealer envelope;
    private final Map<String, Map<String, Object>> defaults = new HashMap<>();
    private final Map<String, Set<String>> secretParameters = new HashMap<>();

    /** A renderer for bundles without secret cluster parameters (rendering one that has some fails). */
    public OperationRenderer(LoadedBundle bundle) {
        this(bundle, null);
    }

    /**
     * @param envelope encrypts the secret parameters of each operation to the recipient certificate ({@code
     *     secrets.cms}); null: an operation with secret values cannot be rendered
     */
    public OperationRenderer(LoadedBundle bundle, @Nullable SecretParametersSealer envelope) {
        this.bundle = bundle;
        this.envelope = envelope;
        for (OfferingModel offering : bundle.offerings()) {
            Map<String, Object> values = new LinkedHashMap<>();
            Set<String> secret = new TreeSet<>();
            for (ParameterScope scope : List.of(ParameterScope.CLUSTER_CREATE, ParameterScope.CLUSTER_UPDATE)) {
                for (ParameterModel parameter : offering.parameters(scope)) {
                    Object value = parameter.defaultValue();
                    if (value != null) {
                        values.putIfAbsent(parameter.name(), value);
                    }
                    if (parameter.flags().secret()) {
                        secret.add(parameter.name());
                    }
                }
            }
            defaults.put(offering.id(), Collections.unmodifiableMap(values));
            secretParameters.put(offering.id(), Collections.unmodifiableSet(secret));
        }
    }

    /** Whether some offering of the bundle has secret cluster parameters (then a recipient certificate is needed). */
    public static boolean hasSecretParameters(LoadedBundle bundle) {
        for (OfferingModel offering : bundle.offerings()) {
            for (ParameterScope scope : List.of(ParameterScope.CLUSTER_CREATE, ParameterScope.CLUSTER_UPDATE)) {
                for (ParameterModel parameter : offering.parameters(scope)) {
                    if (parameter.flags().secret()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Renders the pipeline, the manifest (when the offering has one) and vars.yml of {@code context}.
     *
     * @throws io.dedicate.bundle.UnsafeValueException a value contains {@code ((...))}: the message
     *     names the variable ({@code params.character_set}); the broker answers 400
     * @throws TemplateRenderException any other failure, such as an operation kind the offering has no
     *     pipeline for or a template reading an undefined variable (a broken bundle: 500)
     */
    public RenderedOperation render(OperationContext context) {
        OfferingModel offering = context.offering();
        String pipelinePath = offering.templates()
                .pipeline(context.operationKind())
                .orElseThrow(() -> new TemplateRenderException("offering " + offering.name()
                        + " has no pipeline for operation kind `" + context.operationKind() + "` (it has: "
                        + String.join(", ", offering.templates().pipelines().keySet()) + ")"));
        Map<String, Object> variables = variables(context);
        Map<String, Object> secrets = secretValues(offering, variables);
        String pipeline = bundle.template(pipelinePath).render(variables);
        String manifestPath = offering.templates().manifest();
        String manifest =
                manifestPath == null ? null : bundle.template(manifestPath).render(variables);
        String envelope = manifest == null ? null : envelope(offering, manifest, secrets);
        String vars = VARS;
        return new RenderedOperation(pipeline, manifest, vars, operationJson(context), envelope);
    }

    /**
     * Takes the secret cluster parameters out of {@code variables.params} (the templates never see their values: the
     * manifest holds {@code ((dedicate_secret_PARAM))}) and returns them, by parameter name.
     */
    private Map<String, Object> secretValues(OfferingModel offering, Map<String, Object> variables) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) variables.get("params");
        Map<String, Object> secrets = new TreeMap<>();
        for (String name : secretParameters.getOrDefault(offering.id(), Set.of())) {
            Object value = params == null ? null : params.remove(name);
            if (value != null) {
                secrets.put(name, value);
            }
        }
        return secrets;
    }

    /**
     * {@code secrets.cms} of an operation (contracts.md): the YAML map {@code {dedicate_secret_PARAM: value}} of every
     * secret parameter with a value, encrypted to the recipient certificate; null when there is none. Every
     * {@code ((dedicate_secret_PARAM))} of the manifest must have its value: BOSH would otherwise look it up in
     * CredHub.
     *
     * @throws io.dedicate.bundle.UnsafeValueException a value contains {@code ((...))}, which the BOSH CLI or director
     *     would interpolate (the message names {@code params.PARAM}; 400)
     */
    private @Nullable String envelope(OfferingModel offering, String manifest, Map<String, Object> secrets) {
        for (String name : secretParameters.getOrDefault(offering.id(), Set.of())) {
            String placeholder = "((" + BundleLayout.secretParameterVariable(name) + "))";
            if (!secrets.containsKey(name) && manifest.contains(placeholder)) {
                throw new TemplateRenderException("the manifest of offering " + offering.name() + " uses secret"
                        + " parameter `" + name + "`, which has no value and no default");
            }
        }
        if (secrets.isEmpty()) {
            return null;
        }
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, Object> secret : secrets.entrySet()) {
            String encoded;
            try {
                encoded = YamlFlowEncoder.encode(secret.getValue(), "secret parameter " + secret.getKey());
            } catch (UnsafeValueException e) {
                throw new UnsafeValueException("params." + secret.getKey(), e.sequence());
            }
            // the manifest may splice the variable into a string: BOSH would interpolate `((` or `))` next to it
            if (encoded.contains("((") || encoded.contains("))")) {
                throw new UnsafeValueException("params." + secret.getKey(), encoded.contains("((") ? "((" : "))");
            }
            String key = BundleLayout.secretParameterVariable(secret.getKey());
            yaml.append(PLAIN_KEY.matcher(key).matches() ? key : YamlFlowEncoder.encode(key, "a name"))
                    .append(": ")
                    .append(encoded)
                    .append('\n');
        }
        if (envelope == null) {
            throw new TemplateRenderException("offering " + offering.name() + " has secret parameters but the broker"
                    + " has no recipient certificate to encrypt them to (secrets.cms)");
        }
        return envelope.seal(yaml.toString());
    }

    /**
     * Renders the root meta pipeline, which sets one meta pipeline shard per org ({@code ORG_GUID/meta-pipeline.yml}).
     *
     * @param orgs the org GUIDs whose shards it sets, in the order it lists them
     * @throws TemplateRenderException if the template fails (a broken bundle)
     */
    public String renderRootMetaPipeline(List<String> orgs, String gitUri, String gitBranch) {
        return renderMetaPipeline("", orgs, List.of(), gitUri, gitBranch);
    }

    /**
     * Renders the meta pipeline shard of one org, which sets the pipeline of every cluster of that org from the
     * deployment repository.
     *
     * @param instances the org's instance folders, in the order the pipeline lists them (may be empty)
     * @throws TemplateRenderException if the template fails (a broken bundle)
     */
    public String renderOrgMetaPipeline(
            String org, List<MetaPipelineEntry> instances, String gitUri, String gitBranch) {
        return renderMetaPipeline(org, List.of(), instances, gitUri, gitBranch);
    }

    private String renderMetaPipeline(
            String org, List<String> orgs, List<MetaPipelineEntry> instances, String gitUri, String gitBranch) {
        List<Object> entries = new ArrayList<>(instances.size());
        for (MetaPipelineEntry entry : instances) {
            entries.add(Map.of("name", entry.name(), "path", entry.path()));
        }
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("uri", gitUri);
        git.put("branch", gitBranch);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("org", org);
        variables.put("orgs", List.copyOf(orgs));
        variables.put("instances", entries);
        variables.put("git", git);
        return bundle.template(bundle.metaPipelineTemplate()).render(variables);
    }

    /**
     * {@code operation.json} (contracts.md): {@code {"id", "kind", "plan", "report_url"}}, one line,
     * the keys in this order. The pipeline reads it at run time, so whichever pipeline config runs a
     * commit acts on and reports for the operation of that commit.
     */
    static String operationJson(OperationContext context) {
        Map<String, String> operation = new LinkedHashMap<>();
        operation.put("id", context.operationId());
        operation.put("kind", context.operationKind());
        operation.put("plan", context.plan().name());
        operation.put("report_url", context.reportUrl());
        try {
            return JSON.writeValueAsString(operation) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private Map<String, Object> variables(OperationContext context) {
        InstanceIdentity identity = context.instance();
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("id", identity.id());
        instance.put("name", orEmpty(identity.name()));
        instance.put("org", orEmpty(identity.org()));
        instance.put("space", orEmpty(identity.space()));
        instance.put("org_guid", identity.orgGuid());
        instance.put("space_guid", identity.spaceGuid());

        PlanModel plan = context.plan();
        Sizing sizing = plan.sizing();
        Map<String, @Nullable Object> planVariables = new LinkedHashMap<>();
        planVariables.put("id", plan.id());
        planVariables.put("name", plan.name());
        planVariables.put("vm_type", sizing == null ? null : sizing.vmType());
        planVariables.put("disk_mb", sizing == null ? null : sizing.diskMb());
        planVariables.put("azs", sizing == null ? List.of() : sizing.azs());
        planVariables.put("instances", sizing == null ? Map.of() : sizing.instances());

        Map<String, Object> params =
                new LinkedHashMap<>(defaults.getOrDefault(context.offering().id(), Map.of()));
        params.putAll(context.params());

        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("id", context.operationId());
        operation.put("kind", context.operationKind());
        operation.put("report_url", context.reportUrl());

        Map<String, Object> git = new LinkedHashMap<>();
        git.put("uri", context.gitUri());
        git.put("branch", context.gitBranch());
        git.put("path", context.gitPath());

        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instance", instance);
        variables.put("plan", planVariables);
        variables.put("params", params);
        variables.put("operation", operation);
        variables.put("git", git);
        return variables;
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
