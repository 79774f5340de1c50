package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleDigest;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.App;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Errand;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.Limits;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import io.dedicate.compiler.model.Plan;
import io.dedicate.compiler.model.Release;
import io.dedicate.compiler.model.Sizing;
import io.dedicate.compiler.model.Stemcell;
import io.dedicate.compiler.model.Terraform;
import io.dedicate.compiler.model.Trigger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code model.json}: everything the runtime broker needs that OSB's catalog cannot carry.
 * The broker reads the bundle, never the offering language, so this file is its whole view of an
 * offering besides the catalog, the schemas and the templates. It runs last: it digests every
 * other file of the bundle.
 *
 * <h2>Format 1</h2>
 *
 * <p>JSON written by {@link JsonWriter} (UTF-8, two-space indent, fields in the order below). Every
 * field listed is always present; a value that does not apply is {@code null} (never left out), so
 * a reader can map the file onto fixed types. Sizes and durations are normalised: MB, bytes and
 * seconds, as the field names say.
 *
 * <ul>
 *   <li>{@code format}: {@code 1}. A reader refuses a format it does not know.
 *   <li>{@code digest}: {@code sha256:HEX} over every other bundle file, as {@link BundleDigest}
 *       specifies (paths sorted by UTF-8 bytes; per file: path, a 0 byte, the hex SHA-256 of the
 *       content, a newline).
 *   <li>{@code meta_pipeline}: bundle path of the meta pipeline template.
 *   <li>{@code template_variables}: the {@link TemplateContract}: {@code instance} and {@code
 *       meta_pipeline} (lists of {@code {name, type, description}}) and {@code credentials} (list of
 *       {@code {name, description}}, the Concourse {@code ((name))} credentials).
 *   <li>{@code offerings}: one object per offering, sorted by name:
 *       <ul>
 *         <li>{@code name}, {@code id} (the catalog's service name and ID), {@code version}, {@code
 *             maintenance_info} {@code {version, description}} (what the cluster plans advertise;
 *             an instance on another version can be upgraded).
 *         <li>{@code plans}, in catalog order: {@code name}, {@code id}, {@code kind} ({@code
 *             cluster} or {@code child}), then for a cluster plan {@code sizing} {@code {instances:
 *             {GROUP: COUNT}, vm_type, disk_mb, azs}}, for a child plan {@code driver} {@code {name,
 *             settings}} (settings normalised: byte sizes in bytes); then {@code
 *             max_polling_seconds}, {@code upgrades_to} (names of the plans an instance of this
 *             plan may change to; any other plan change is refused) and {@code schemas} (OSB request
 *             to bundle path of its schema).
 *         <li>{@code parameters}: {@code cluster_create}, {@code cluster_update}, {@code
 *             child_create}, {@code binding_create}, each a list, in declaration order, of {@code
 *             {name, type, required, create_only, secret, built_in, when_absent, default, minimum,
 *             maximum, min_length, max_length, pattern, enum}}. {@code type} is {@code string},
 *             {@code integer}, {@code number}, {@code boolean}, {@code enum}, {@code bytes},
 *             {@code duration} or {@code grants} (only the built-in {@code grants} cluster
 *             parameter, present when the offering shares clusters: an array of {@code {org?,
 *             space}} objects, names or GUIDs). {@code default} is as written in the offering ({@code "1GB"}),
 *             normalised like a request value. {@code minimum}/{@code maximum} are in bytes for
 *             {@code bytes} and seconds for {@code duration}; for those two types {@code pattern} is
 *             the accepted string form ({@link ParameterSchema#BYTES_PATTERN}, {@link
 *             ParameterSchema#DURATION_PATTERN}) and the broker must check the range after
 *             normalising (the schema can bound only the integer form). {@code when_absent} says
 *             what a request that omits the parameter means: {@code default} (apply {@code default}
 *             if any) or {@code keep} (an update of a parameter the cluster already has: keep its
 *             current value). {@code secret} values are never echoed, logged, or shown in {@code
 *             GET} responses. A {@code create_only} parameter is absent from {@code cluster_update}:
 *             a broker receiving it on update answers 400 naming it as create-only.
 *         <li>{@code templates}: {@code pipelines} (operation kind to template path: {@code update}
 *             uses the deploy template; {@code recreate} and {@code upgrade} appear only when the
 *             offering has a BOSH deployment), {@code manifest} (null without a BOSH deployment),
 *             {@code hook_ops} (hook name to ops template path). Paths follow {@link BundleLayout}.
 *         <li>{@code releases} ({@code {name, version, url, sha1}}), {@code stemcell} ({@code {os,
 *             version}} or null).
 *         <li>{@code errands}: {@code {name, instance_group, triggers}}; a trigger is {@code "after
 *             deploy"}, {@code "before delete"}, ...; {@code instance_group} is null for a lifecycle
 *             errand group of the errand's name.
 *         <li>{@code hooks}: {@code {name, shared_deployment, register, deregister, ops_template}}.
 *         <li>{@code apps}: {@code {name}} of each app pushed per cluster (their details live in the
 *             pipelines).
 *         <li>{@code terraform}: {@code {module}} or null.
 *         <li>{@code outputs}: {@code {name, type, secret, description}}, what the pipeline reports
 *             when an operation ends; secret outputs are stored encrypted and never shown.
 *         <li>{@code sharing}: {@code {scope, requires_grant}}, scope {@code none}, {@code spaces}
 *             or {@code orgs}.
 *         <li>{@code limits}: {@code {clusters_per_org, children_per_cluster}}, null when unlimited.
 *       </ul>
 * </ul>
 *
 * <p>Sample (shortened: "..." elides, and small arrays and objects are folded onto one line, which
 * the real file does not do):
 *
 * <pre>
 * {
 *   "format": 1,
 *   "digest": "sha256:6f1d...",
 *   "meta_pipeline": "pipelines/meta.yml.j2",
 *   "template_variables": {
 *     "instance": [
 *       {
 *         "name": "instance.id",
 *         "type": "string",
 *         "description": "OSB service instance ID of the cluster"
 *       }
 *     ],
 *     "meta_pipeline": [ ... ],
 *     "credentials": [
 *       {
 *         "name": "report_token",
 *         "description": "token that authenticates the pipeline's report to the broker"
 *       }
 *     ]
 *   },
 *   "offerings": [
 *     {
 *       "name": "mysql-on-demand",
 *       "id": "...",
 *       "version": "1.4.0",
 *       "maintenance_info": { "version": "...", "description": "..." },
 *       "plans": [
 *         {
 *           "name": "cluster-small",
 *           "id": "...",
 *           "kind": "cluster",
 *           "sizing": {
 *             "instances": { "mysql": 3, "proxy": 1 },
 *             "vm_type": "small",
 *             "disk_mb": 10240,
 *             "azs": [ "z1", "z2", "z3" ]
 *           },
 *           "max_polling_seconds": 7200,
 *           "upgrades_to": [ "cluster-large" ],
 *           "schemas": {
 *             "service_instance.create": "schemas/mysql-on-demand/cluster-small/service_instance.create.json",
 *             "service_instance.update": "schemas/mysql-on-demand/cluster-small/service_instance.update.json"
 *           }
 *         },
 *         {
 *           "name": "100mb",
 *           "id": "...",
 *           "kind": "child",
 *           "driver": { "name": "mysql", "settings": { "quota": 104857600 } },
 *           "max_polling_seconds": null,
 *           "upgrades_to": [],
 *           "schemas": { ... }
 *         }
 *       ],
 *       "parameters": {
 *         "cluster_create": [
 *           {
 *             "name": "innodb_buffer_pool_size",
 *             "type": "bytes",
 *             "required": false,
 *             "create_only": false,
 *             "secret": false,
 *             "built_in": false,
 *             "when_absent": "default",
 *             "default": "1GB",
 *             "minimum": 134217728,
 *             "maximum": 68719476736,
 *             "min_length": null,
 *             "max_length": null,
 *             "pattern": "^[0-9]+(\\.[0-9]+)? ?[KkMmGgTt]?[Bb]$",
 *             "enum": null
 *           }
 *         ],
 *         "cluster_update": [ ... ],
 *         "child_create": [ ... ],
 *         "binding_create": [ ... ]
 *       },
 *       "templates": {
 *         "pipelines": { "deploy": "pipelines/mysql-on-demand/deploy.yml.j2", "update": "pipelines/mysql-on-demand/deploy.yml.j2", ... },
 *         "manifest": "manifests/mysql-on-demand/manifest.yml.j2",
 *         "hook_ops": { "prometheus": "manifests/mysql-on-demand/hooks/prometheus.yml.j2" }
 *       },
 *       "releases": [ { "name": "cf-mysql", "version": "36.19.0", "url": "...", "sha1": "..." } ],
 *       "stemcell": { "os": "ubuntu-jammy", "version": "1.586" },
 *       "errands": [ { "name": "bootstrap", "instance_group": "mysql", "triggers": [ "after deploy", "after recreate" ] } ],
 *       "hooks": [ { "name": "prometheus", "shared_deployment": "prometheus", "register": [ "after deploy" ], "deregister": [ "before delete" ], "ops_template": "..." } ],
 *       "apps": [ { "name": "phpmyadmin" } ],
 *       "terraform": { "module": "git::https://..." },
 *       "outputs": [ { "name": "host", "type": "string", "secret": false, "description": "..." } ],
 *       "sharing": { "scope": "orgs", "requires_grant": true },
 *       "limits": { "clusters_per_org": 5, "children_per_cluster": 50 }
 *     }
 *   ]
 * }
 * </pre>
 */
public final class ModelEmitter implements Emitter {

    /** The version of this format; bumped on any change a reader of the previous one would misread. */
    public static final int FORMAT = 1;

    @Override
    public String name() {
        return "model";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        String digest = BundleDigest.of(manifest.files());
        manifest.writeFile(BundleLayout.MODEL, JsonWriter.writeBytes(model(offerings, digest)));
    }

    static Map<String, Object> model(List<Offering> offerings, String digest) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("format", FORMAT);
        model.put("digest", digest);
        model.put("meta_pipeline", BundleLayout.META_PIPELINE);
        model.put("template_variables", templateVariables());
        List<Object> json = new ArrayList<>();
        for (Offering offering : offerings) {
            json.add(offering(offering));
        }
        model.put("offerings", json);
        return model;
    }

    private static Map<String, Object> templateVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instance", variables(TemplateContract.INSTANCE));
        variables.put("meta_pipeline", variables(TemplateContract.META_PIPELINE));
        List<Object> credentials = new ArrayList<>();
        for (TemplateContract.Credential credential : TemplateContract.CREDENTIALS) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", credential.name());
            json.put("description", credential.description());
            credentials.add(json);
        }
        variables.put("credentials", credentials);
        return variables;
    }

    private static List<Object> variables(List<TemplateContract.Variable> variables) {
        List<Object> json = new ArrayList<>();
        for (TemplateContract.Variable variable : variables) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", variable.name());
            entry.put("type", variable.type());
            entry.put("description", variable.description());
            json.add(entry);
        }
        return json;
    }

    private static Map<String, Object> offering(Offering offering) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", offering.name());
        json.put("id", offering.id());
        json.put("version", offering.version());
        json.put("maintenance_info", CatalogEmitter.maintenanceInfo(offering.maintenanceInfo()));
        List<Object> plans = new ArrayList<>();
        for (Plan plan : offering.plans()) {
            plans.add(plan(offering, plan));
        }
        json.put("plans", plans);
        json.put("parameters", parameters(offering));
        json.put("templates", templates(offering));
        json.put("releases", map(offering.releases(), ModelEmitter::release));
        json.put("stemcell", offering.stemcell() == null ? null : stemcell(offering.stemcell()));
        json.put("errands", map(offering.errands(), ModelEmitter::errand));
        json.put("hooks", map(offering.hooks(), hook -> hook(offering, hook)));
        json.put("apps", map(offering.apps(), ModelEmitter::app));
        json.put("terraform", offering.terraform() == null ? null : terraform(offering.terraform()));
        json.put("outputs", map(offering.outputs(), ModelEmitter::output));
        Map<String, Object> sharing = new LinkedHashMap<>();
        sharing.put("scope", lower(offering.sharing().scope().name()));
        sharing.put("requires_grant", offering.sharing().requiresGrant());
        json.put("sharing", sharing);
        json.put("limits", limits(offering.limits()));
        return json;
    }

    private static Map<String, Object> plan(Offering offering, Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", plan.name());
        json.put("id", plan.id());
        if (plan instanceof ClusterPlan cluster) {
            json.put("kind", "cluster");
            json.put("sizing", sizing(cluster.sizing()));
        } else if (plan instanceof ChildPlan child) {
            json.put("kind", "child");
            Map<String, Object> driver = new LinkedHashMap<>();
            driver.put("name", child.driver().name());
            driver.put("settings", child.driver().settings());
            json.put("driver", driver);
        }
        json.put("max_polling_seconds", plan.maxPollingSeconds());
        json.put("upgrades_to", offering.upgradeTargets(plan.name()));
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (PlanSchema schema : PlanSchema.of(offering, plan)) {
            schemas.put(schema.request(), schema.path());
        }
        json.put("schemas", schemas);
        return json;
    }

    private static Map<String, Object> sizing(Sizing sizing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instances", sizing.instances());
        json.put("vm_type", sizing.vmType());
        json.put("disk_mb", sizing.diskMb());
        json.put("azs", sizing.azs());
        return json;
    }

    private static Map<String, Object> parameters(Offering offering) {
        Set<String> clusterParameters = new LinkedHashSet<>();
        offering.parameters().clusterCreate().forEach(p -> clusterParameters.add(p.name()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cluster_create", map(offering.parameters().clusterCreate(), p -> parameter(p, false)));
        json.put(
                "cluster_update",
                map(offering.parameters().clusterUpdate(), p -> parameter(p, clusterParameters.contains(p.name()))));
        json.put("child_create", map(offering.parameters().childCreate(), p -> parameter(p, false)));
        json.put("binding_create", map(offering.parameters().bindingCreate(), p -> parameter(p, false)));
        return json;
    }

    private static Map<String, Object> parameter(Parameter parameter, boolean keepWhenAbsent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", parameter.name());
        json.put("type", lower(parameter.type().name()));
        json.put("required", parameter.required() && !keepWhenAbsent);
        json.put("create_only", parameter.createOnly());
        json.put("secret", parameter.secret());
        json.put("built_in", parameter.builtIn());
        json.put("when_absent", keepWhenAbsent ? "keep" : "default");
        json.put("default", parameter.defaultValue());
        json.put("minimum", bound(parameter.minimum()));
        json.put("maximum", bound(parameter.maximum()));
        json.put("min_length", parameter.minLength());
        json.put("max_length", parameter.maxLength());
        json.put("pattern", pattern(parameter));
        json.put("enum", parameter.type() == ParameterType.ENUM ? parameter.enumValues() : null);
        return json;
    }

    private static @Nullable Object bound(@Nullable BigDecimal bound) {
        return bound == null ? null : ParameterSchema.number(bound);
    }

    private static @Nullable String pattern(Parameter parameter) {
        return switch (parameter.type()) {
            case BYTES -> ParameterSchema.BYTES_PATTERN;
            case DURATION -> ParameterSchema.DURATION_PATTERN;
            default -> parameter.pattern();
        };
    }

    /**
     * Template paths by operation. {@code update} renders the deploy template; recreate and upgrade
     * act on a BOSH deployment, so they exist only when there is one, as does the manifest.
     */
    private static Map<String, Object> templates(Offering offering) {
        boolean bosh = !offering.deployment().instanceGroups().isEmpty();
        Map<String, Object> pipelines = new LinkedHashMap<>();
        for (Operation operation : Operation.values()) {
            if (!bosh && (operation == Operation.RECREATE || operation == Operation.UPGRADE)) {
                continue;
            }
            String template = operation == Operation.UPDATE ? Operation.DEPLOY.label() : operation.label();
            pipelines.put(operation.label(), BundleLayout.pipeline(offering.name(), template));
        }
        Map<String, Object> hookOps = new LinkedHashMap<>();
        for (Hook hook : offering.hooks()) {
            hookOps.put(hook.name(), BundleLayout.hookOps(offering.name(), hook.name()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pipelines", pipelines);
        json.put("manifest", bosh ? BundleLayout.manifest(offering.name()) : null);
        json.put("hook_ops", hookOps);
        return json;
    }

    private static Map<String, Object> release(Release release) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", release.name());
        json.put("version", release.version());
        json.put("url", release.url());
        json.put("sha1", release.sha1());
        return json;
    }

    private static Map<String, Object> stemcell(Stemcell stemcell) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("os", stemcell.os());
        json.put("version", stemcell.version());
        return json;
    }

    private static Map<String, Object> errand(Errand errand) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", errand.name());
        json.put("instance_group", errand.instanceGroup());
        json.put("triggers", triggers(errand.triggers()));
        return json;
    }

    private static Map<String, Object> hook(Offering offering, Hook hook) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", hook.name());
        json.put("shared_deployment", hook.sharedDeployment());
        json.put("register", triggers(hook.register()));
        json.put("deregister", triggers(hook.deregister()));
        json.put("ops_template", BundleLayout.hookOps(offering.name(), hook.name()));
        return json;
    }

    private static List<Object> triggers(List<Trigger> triggers) {
        return map(triggers, Trigger::toString);
    }

    private static Map<String, Object> app(App app) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", app.name());
        return json;
    }

    private static Map<String, Object> terraform(Terraform terraform) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("module", terraform.moduleSource());
        return json;
    }

    private static Map<String, Object> output(Output output) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", output.name());
        json.put("type", lower(output.type().name()));
        json.put("secret", output.secret());
        json.put("description", output.description());
        return json;
    }

    private static Map<String, Object> limits(Limits limits) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clusters_per_org", limits.clustersPerOrg());
        json.put("children_per_cluster", limits.childrenPerCluster());
        return json;
    }

    private static <T> List<Object> map(List<T> items, java.util.function.Function<T, Object> toJson) {
        List<Object> json = new ArrayList<>(items.size());
        for (T item : items) {
            json.add(toJson.apply(item));
        }
        return json;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
