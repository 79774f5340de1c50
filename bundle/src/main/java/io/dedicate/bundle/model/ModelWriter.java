package io.dedicate.bundle.model;

import io.dedicate.bundle.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code model.json} with {@link JsonWriter}: every field of the format in its order, a
 * value that does not apply written as {@code null}. {@link ModelReader} reads back what this writes.
 */
public final class ModelWriter {

    private ModelWriter() {}

    /** The bytes of {@code model.json} (UTF-8, two-space indent, trailing newline). */
    public static byte[] write(BundleModel model) {
        return JsonWriter.writeBytes(tree(model));
    }

    /** {@code model} as the plain JSON values {@link JsonWriter} writes. */
    static Map<String, Object> tree(BundleModel model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", BundleModel.FORMAT);
        json.put("digest", model.digest());
        json.put("meta_pipeline", model.metaPipeline());
        json.put("template_variables", templateVariables(model.templateVariables()));
        json.put("offerings", map(model.offerings(), ModelWriter::offering));
        return json;
    }

    private static Map<String, Object> templateVariables(TemplateVariables variables) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instance", map(variables.instance(), ModelWriter::variable));
        json.put("meta_pipeline", map(variables.metaPipeline(), ModelWriter::variable));
        json.put("credentials", map(variables.credentials(), credential -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", credential.name());
            entry.put("description", credential.description());
            return entry;
        }));
        return json;
    }

    private static Map<String, Object> variable(TemplateVariables.Variable variable) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", variable.name());
        json.put("type", variable.type());
        json.put("description", variable.description());
        return json;
    }

    private static Map<String, Object> offering(OfferingModel offering) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", offering.name());
        json.put("id", offering.id());
        json.put("version", offering.version());
        Map<String, Object> maintenance = new LinkedHashMap<>();
        maintenance.put("version", offering.maintenanceInfo().version());
        maintenance.put("description", offering.maintenanceInfo().description());
        json.put("maintenance_info", maintenance);
        json.put("plans", map(offering.plans(), ModelWriter::plan));
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (ParameterScope scope : ParameterScope.values()) {
            parameters.put(scope.modelKey(), map(offering.parameters(scope), ModelWriter::parameter));
        }
        json.put("parameters", parameters);
        json.put("templates", templates(offering.templates()));
        Automation automation = offering.automation();
        json.put("releases", map(automation.releases(), ModelWriter::release));
        json.put("stemcell", nullable(automation.stemcell(), ModelWriter::stemcell));
        json.put("errands", map(automation.errands(), ModelWriter::errand));
        json.put("hooks", map(automation.hooks(), ModelWriter::hook));
        json.put("apps", map(automation.apps(), app -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", app.name());
            return entry;
        }));
        json.put("terraform", nullable(automation.terraform(), terraform -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("module", terraform.module());
            return entry;
        }));
        json.put("outputs", map(offering.outputs(), ModelWriter::output));
        Map<String, Object> sharing = new LinkedHashMap<>();
        sharing.put("scope", offering.sharing().scope().modelKey());
        sharing.put("requires_grant", offering.sharing().requiresGrant());
        json.put("sharing", sharing);
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("clusters_per_org", offering.limits().clustersPerOrg());
        limits.put("children_per_cluster", offering.limits().childrenPerCluster());
        json.put("limits", limits);
        return json;
    }

    private static Map<String, Object> plan(PlanModel plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", plan.name());
        json.put("id", plan.id());
        json.put("kind", plan.kind().modelKey());
        Sizing sizing = plan.sizing();
        if (sizing != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("instances", sizing.instances());
            entry.put("vm_type", sizing.vmType());
            entry.put("disk_mb", sizing.diskMb());
            entry.put("azs", sizing.azs());
            json.put("sizing", entry);
        }
        Driver driver = plan.driver();
        if (driver != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            driver.settings().values().forEach((setting, value) -> settings.put(setting.key(), value));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", driver.name().driverName());
            entry.put("settings", settings);
            json.put("driver", entry);
        }
        json.put("max_polling_seconds", plan.maxPollingSeconds());
        json.put("upgrades_to", plan.upgradesTo());
        json.put("schemas", plan.schemas());
        return json;
    }

    private static Map<String, Object> parameter(ParameterModel parameter) {
        ParameterFlags flags = parameter.flags();
        ParameterConstraints constraints = parameter.constraints();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", parameter.name());
        json.put("type", parameter.type().modelKey());
        json.put("required", flags.required());
        json.put("create_only", flags.createOnly());
        json.put("secret", flags.secret());
        json.put("built_in", flags.builtIn());
        json.put("when_absent", parameter.whenAbsent().modelKey());
        json.put("default", parameter.writtenDefault());
        json.put("minimum", constraints.minimum());
        json.put("maximum", constraints.maximum());
        json.put("min_length", constraints.minLength());
        json.put("max_length", constraints.maxLength());
        json.put("pattern", constraints.pattern());
        json.put("enum", constraints.enumValues());
        return json;
    }

    private static Map<String, Object> templates(TemplatePaths templates) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pipelines", templates.pipelines());
        json.put("manifest", templates.manifest());
        json.put("hook_ops", templates.hookOps());
        return json;
    }

    private static Map<String, Object> release(Automation.Release release) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", release.name());
        json.put("version", release.version());
        json.put("url", release.url());
        json.put("sha1", release.sha1());
        return json;
    }

    private static Map<String, Object> stemcell(Automation.Stemcell stemcell) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("os", stemcell.os());
        json.put("version", stemcell.version());
        return json;
    }

    private static Map<String, Object> errand(Automation.Errand errand) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", errand.name());
        json.put("instance_group", errand.instanceGroup());
        json.put("triggers", map(errand.triggers(), Trigger::toString));
        return json;
    }

    private static Map<String, Object> hook(Automation.Hook hook) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", hook.name());
        json.put("shared_deployment", hook.sharedDeployment());
        json.put("register", map(hook.register(), Trigger::toString));
        json.put("deregister", map(hook.deregister(), Trigger::toString));
        json.put("ops_template", hook.opsTemplate());
        return json;
    }

    private static Map<String, Object> output(OutputModel output) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", output.name());
        json.put("type", output.type().modelKey());
        json.put("secret", output.secret());
        json.put("description", output.description());
        return json;
    }

    private static <T> List<Object> map(List<T> items, Function<T, Object> toJson) {
        List<Object> json = new ArrayList<>(items.size());
        for (T item : items) {
            json.add(toJson.apply(item));
        }
        return json;
    }

    private static <T> @Nullable Object nullable(@Nullable T item, Function<T, Object> toJson) {
        return item == null ? null : toJson.apply(item);
    }
}
