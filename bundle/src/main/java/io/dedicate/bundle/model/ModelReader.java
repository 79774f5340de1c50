package io.dedicate.bundle.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code model.json} into a {@link BundleModel}, strictly: the format must be {@link
 * BundleModel#FORMAT}, every field of the format must be present with its type, and any other field
 * is refused. Each refusal is a {@link ModelFormatException} naming the field by its JSON path
 * ({@code offerings[0].plans[2].kind}). Numbers are read exactly ({@code BigDecimal}, never {@code
 * double}), so that {@link ModelWriter} writes back the same bytes.
 */
public final class ModelReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ModelReader() {}

    /**
     * Reads the bytes of a {@code model.json}.
     *
     * @param where what the file is, the prefix of every message ({@code bundle /srv/bundle: model.json})
     * @throws ModelFormatException if the bytes are not JSON or not a model of this format
     */
    public static BundleModel read(String where, byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String at = location == null
                    ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            throw new ModelFormatException(where + ": is not valid JSON: " + e.getOriginalMessage() + at);
        } catch (IOException e) {
            throw new ModelFormatException(where + ": is not valid JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ModelFormatException(where + ": is empty (expected JSON)");
        }
        return read(where, tree);
    }

    /** Reads a parsed {@code model.json}; see {@link #read(String, byte[])}. */
    public static BundleModel read(String where, JsonNode json) {
        JsonObject root = JsonObject.root(where, json);
        JsonNode format = root.raw("format");
        if (!format.isIntegralNumber() || format.intValue() != BundleModel.FORMAT) {
            throw root.problem(
                    "format",
                    "this broker reads model.json format " + BundleModel.FORMAT + ", the bundle has format " + format
                            + "; compile the offerings with a compiler that matches this broker");
        }
        String digest = root.text("digest");
        String metaPipeline = root.text("meta_pipeline");
        TemplateVariables variables = templateVariables(root.object("template_variables"));
        List<OfferingModel> offerings = new ArrayList<>();
        for (JsonObject offering : root.objects("offerings")) {
            offerings.add(offering(offering));
        }
        root.finish();
        return new BundleModel(digest, metaPipeline, variables, offerings);
    }

    /** A JSON value's kind, for messages: {@code a string}, {@code an array}, {@code null}... */
    public static String kind(JsonNode node) {
        return JsonObject.kind(node);
    }

    private static TemplateVariables templateVariables(JsonObject node) {
        List<TemplateVariables.Variable> instance = variables(node.objects("instance"));
        List<TemplateVariables.Variable> metaPipeline = variables(node.objects("meta_pipeline"));
        List<TemplateVariables.Credential> credentials = new ArrayList<>();
        for (JsonObject credential : node.objects("credentials")) {
            credentials.add(new TemplateVariables.Credential(credential.text("name"), credential.text("description")));
            credential.finish();
        }
        node.finish();
        return new TemplateVariables(instance, metaPipeline, credentials);
    }

    private static List<TemplateVariables.Variable> variables(List<JsonObject> nodes) {
        List<TemplateVariables.Variable> variables = new ArrayList<>();
        for (JsonObject variable : nodes) {
            variables.add(new TemplateVariables.Variable(
                    variable.text("name"), variable.text("type"), variable.text("description")));
            variable.finish();
        }
        return variables;
    }

    private static OfferingModel offering(JsonObject node) {
        String name = node.text("name");
        String id = node.text("id");
        String version = node.text("version");
        JsonObject maintenance = node.object("maintenance_info");
        MaintenanceInfo maintenanceInfo =
                new MaintenanceInfo(maintenance.text("version"), maintenance.text("description"));
        maintenance.finish();
        List<PlanModel> plans = new ArrayList<>();
        for (JsonObject plan : node.objects("plans")) {
            plans.add(plan(plan));
        }
        JsonObject parametersNode = node.object("parameters");
        Parameters parameters = new Parameters(
                parameters(parametersNode, ParameterScope.CLUSTER_CREATE),
                parameters(parametersNode, ParameterScope.CLUSTER_UPDATE),
                parameters(parametersNode, ParameterScope.CHILD_CREATE),
                parameters(parametersNode, ParameterScope.BINDING_CREATE));
        parametersNode.finish();
        TemplatePaths templates = templates(node.object("templates"));
        Automation automation = automation(node);
        List<OutputModel> outputs = new ArrayList<>();
        for (JsonObject output : node.objects("outputs")) {
            outputs.add(new OutputModel(
                    output.text("name"),
                    output.constant("type", ParameterType.class),
                    output.bool("secret"),
                    output.nullableText("description")));
            output.finish();
        }
        JsonObject sharingNode = node.object("sharing");
        Sharing sharing =
                new Sharing(sharingNode.constant("scope", SharingScope.class), sharingNode.bool("requires_grant"));
        sharingNode.finish();
        JsonObject limitsNode = node.object("limits");
        Limits limits = new Limits(
                limitsNode.nullableInteger("clusters_per_org"), limitsNode.nullableInteger("children_per_cluster"));
        limitsNode.finish();
        node.finish();
        return new OfferingModel(
                name, id, version, maintenanceInfo, plans, parameters, templates, automation, outputs, sharing, limits);
    }

    private static List<ParameterModel> parameters(JsonObject parameters, ParameterScope scope) {
        List<ParameterModel> list = new ArrayList<>();
        for (JsonObject parameter : parameters.objects(scope.modelKey())) {
            list.add(parameter(parameter));
        }
        return list;
    }

    private static PlanModel plan(JsonObject node) {
        String name = node.text("name");
        String id = node.text("id");
        PlanKind kind = node.constant("kind", PlanKind.class);
        Sizing sizing = null;
        Driver driver = null;
        if (kind == PlanKind.CLUSTER) {
            sizing = sizing(node.object("sizing"));
        } else {
            driver = driver(node.object("driver"));
        }
        Long maxPolling = node.nullableLong("max_polling_seconds");
        List<String> upgradesTo = node.texts("upgrades_to");
        Map<String, String> schemas = textsByName(node.object("schemas"));
        node.finish();
        return new PlanModel(name, id, kind, sizing, driver, maxPolling, upgradesTo, schemas);
    }

    private static Sizing sizing(JsonObject node) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        JsonObject instancesNode = node.object("instances");
        for (String group : instancesNode.fieldNames()) {
            instances.put(group, instancesNode.integer(group));
        }
        Sizing sizing =
                new Sizing(instances, node.nullableText("vm_type"), node.nullableInteger("disk_mb"), node.texts("azs"));
        node.finish();
        return sizing;
    }

    private static Driver driver(JsonObject node) {
        DriverKind name = node.constant("name", DriverKind.class);
        JsonObject settingsNode = node.object("settings");
        Map<DriverSetting, Object> settings = new LinkedHashMap<>();
        for (String key : settingsNode.fieldNames()) {
            DriverSetting setting = name.setting(key)
                    .orElseThrow(() -> settingsNode.problem(
                            key,
                            "is not a setting of driver " + name + " (it takes "
                                    + name.settings().stream()
                                            .map(DriverSetting::key)
                                            .collect(Collectors.joining(", "))
                                    + ")"));
            settings.put(
                    setting,
                    setting.kind() == DriverSetting.Kind.TEXT
                            ? settingsNode.text(key)
                            : (Object) settingsNode.longInteger(key));
        }
        for (DriverSetting setting : name.settings()) {
            if (setting.required() && !settings.containsKey(setting)) {
                settingsNode.raw(setting.key()); // reports the missing field
            }
        }
        node.finish();
        return new Driver(name, new DriverSettings(settings));
    }

    private static ParameterModel parameter(JsonObject node) {
        String name = node.text("name");
        ParameterType type = node.constant("type", ParameterType.class);
        boolean required = node.bool("required");
        boolean createOnly = node.bool("create_only");
        boolean secret = node.bool("secret");
        boolean builtIn = node.bool("built_in");
        WhenAbsent whenAbsent = node.constant("when_absent", WhenAbsent.class);
        Object writtenDefault = writtenDefault(node, type);
        Number minimum = node.nullableNumber("minimum");
        Number maximum = node.nullableNumber("maximum");
        Integer minLength = node.nullableInteger("min_length");
        Integer maxLength = node.nullableInteger("max_length");
        String pattern = node.nullableText("pattern");
        List<String> enumValues = node.nullableTexts("enum");
        node.finish();
        return new ParameterModel(
                name,
                type,
                new ParameterFlags(required, createOnly, secret, builtIn),
                whenAbsent,
                writtenDefault,
                new ParameterConstraints(
                        minimum,
                        maximum,
                        minLength,
                        maxLength,
                        pattern,
                        enumValues == null ? null : List.<Object>copyOf(enumValues)));
    }

    /** The default as written, after checking that it normalises as a value of {@code type}. */
    private static @Nullable Object writtenDefault(JsonObject node, ParameterType type) {
        JsonNode value = node.raw("default");
        if (value.isNull()) {
            return null;
        }
        Object written = value.isTextual()
                ? value.textValue()
                : value.isBoolean()
                        ? (Object) value.booleanValue()
                        : value.isNumber() ? JsonObject.number(value) : null;
        if (written != null && ParameterModel.normalise(type, written).isPresent()) {
            return written;
        }
        Quantity.Dimension dimension = type.dimension();
        if (dimension != null && written instanceof String text) {
            boolean bytes = dimension == Quantity.Dimension.BYTES;
            throw node.problem(
                    "default",
                    "must be a " + dimension.description() + " such as " + (bytes ? "\"1GB\"" : "\"10s\"") + " (got \""
                            + text + "\")");
        }
        throw node.problem(
                "default", "must be a default of type " + type.modelKey() + " (got " + JsonObject.kind(value) + ")");
    }

    private static TemplatePaths templates(JsonObject node) {
        Map<String, String> pipelines = textsByName(node.object("pipelines"));
        String manifest = node.nullableText("manifest");
        Map<String, String> hookOps = textsByName(node.object("hook_ops"));
        node.finish();
        return new TemplatePaths(pipelines, manifest, hookOps);
    }

    private static Automation automation(JsonObject offering) {
        List<Automation.Release> releases = new ArrayList<>();
        for (JsonObject release : offering.objects("releases")) {
            releases.add(new Automation.Release(
                    release.text("name"),
                    release.text("version"),
                    release.nullableText("url"),
                    release.nullableText("sha1")));
            release.finish();
        }
        JsonObject stemcellNode = offering.nullableObject("stemcell");
        Automation.Stemcell stemcell = null;
        if (stemcellNode != null) {
            stemcell = new Automation.Stemcell(stemcellNode.text("os"), stemcellNode.text("version"));
            stemcellNode.finish();
        }
        List<Automation.Errand> errands = new ArrayList<>();
        for (JsonObject errand : offering.objects("errands")) {
            errands.add(new Automation.Errand(
                    errand.text("name"), errand.nullableText("instance_group"), triggers(errand, "triggers")));
            errand.finish();
        }
        List<Automation.Hook> hooks = new ArrayList<>();
        for (JsonObject hook : offering.objects("hooks")) {
            hooks.add(new Automation.Hook(
                    hook.text("name"),
                    hook.text("shared_deployment"),
                    triggers(hook, "register"),
                    triggers(hook, "deregister"),
                    hook.text("ops_template")));
            hook.finish();
        }
        List<Automation.App> apps = new ArrayList<>();
        for (JsonObject app : offering.objects("apps")) {
            apps.add(new Automation.App(app.text("name")));
            app.finish();
        }
        JsonObject terraformNode = offering.nullableObject("terraform");
        Automation.Terraform terraform = null;
        if (terraformNode != null) {
            terraform = new Automation.Terraform(terraformNode.text("module"));
            terraformNode.finish();
        }
        return new Automation(releases, stemcell, errands, hooks, apps, terraform);
    }

    private static List<Trigger> triggers(JsonObject node, String field) {
        List<String> texts = node.texts(field);
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int index = i;
            triggers.add(Trigger.parse(text)
                    .orElseThrow(() -> node.problem(
                            field + "[" + index + "]",
                            "must be a trigger such as \"after deploy\" or \"before delete\" (got \"" + text + "\")")));
        }
        return triggers;
    }

    /** An object whose every field holds a string, in file order. */
    private static Map<String, String> textsByName(JsonObject node) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : node.fieldNames()) {
            texts.put(name, node.text(name));
        }
        return texts;
    }
}
