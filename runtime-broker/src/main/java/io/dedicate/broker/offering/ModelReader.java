package io.dedicate.broker.offering;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads model.json (format 1, documented in the compiler's {@code ModelEmitter}) into the broker's
 * records. Every field of the format must be present; unknown fields are refused. Fields the broker
 * does not use (releases, errands, hooks... which live in the pipelines) are only checked for
 * presence.
 */
final class ModelReader {

    /** The only model.json format this broker reads. */
    static final int FORMAT = 1;

    /** What model.json says. */
    record Model(String digest, String metaPipeline, List<OfferingModel> offerings) {}

    private ModelReader() {}

    static Model read(String where, JsonNode json) {
        ModelNode root = ModelNode.root(where, json);
        JsonNode format = root.raw("format");
        if (!format.isIntegralNumber() || format.intValue() != FORMAT) {
            throw root.problem(
                    "format",
                    "this broker reads model.json format " + FORMAT + ", the bundle has format " + format
                            + "; compile the offerings with a compiler that matches this broker");
        }
        String digest = root.text("digest");
        String metaPipeline = root.text("meta_pipeline");
        root.skip("template_variables");
        List<OfferingModel> offerings = new ArrayList<>();
        for (ModelNode offering : root.objects("offerings")) {
            offerings.add(offering(offering));
        }
        root.finish();
        return new Model(digest, metaPipeline, offerings);
    }

    private static OfferingModel offering(ModelNode node) {
        String name = node.text("name");
        String id = node.text("id");
        String version = node.text("version");
        ModelNode maintenance = node.object("maintenance_info");
        MaintenanceInfo maintenanceInfo =
                new MaintenanceInfo(maintenance.text("version"), maintenance.text("description"));
        maintenance.finish();
        List<PlanModel> plans = new ArrayList<>();
        for (ModelNode plan : node.objects("plans")) {
            plans.add(plan(plan));
        }
        ModelNode parametersNode = node.object("parameters");
        Map<ParameterScope, List<ParameterModel>> parameters = new EnumMap<>(ParameterScope.class);
        for (ParameterScope scope : ParameterScope.values()) {
            List<ParameterModel> list = new ArrayList<>();
            for (ModelNode parameter : parametersNode.objects(scope.modelKey())) {
                list.add(parameter(parameter));
            }
            parameters.put(scope, list);
        }
        parametersNode.finish();
        TemplatePaths templates = templates(node.object("templates"));
        for (String unused : List.of("releases", "stemcell", "errands", "hooks", "apps", "terraform")) {
            node.skip(unused);
        }
        List<OutputModel> outputs = new ArrayList<>();
        for (ModelNode output : node.objects("outputs")) {
            outputs.add(new OutputModel(
                    output.text("name"),
                    output.text("type"),
                    output.bool("secret"),
                    output.nullableText("description")));
            output.finish();
        }
        ModelNode sharingNode = node.object("sharing");
        Sharing sharing = new Sharing(sharingNode.text("scope"), sharingNode.bool("requires_grant"));
        sharingNode.finish();
        ModelNode limitsNode = node.object("limits");
        Limits limits = new Limits(
                limitsNode.nullableInteger("clusters_per_org"), limitsNode.nullableInteger("children_per_cluster"));
        limitsNode.finish();
        node.finish();
        return new OfferingModel(
                name, id, version, maintenanceInfo, plans, parameters, templates, outputs, sharing, limits);
    }

    private static PlanModel plan(ModelNode node) {
        String name = node.text("name");
        String id = node.text("id");
        PlanKind kind = enumValue(node, "kind", PlanKind.class);
        Sizing sizing = null;
        Driver driver = null;
        if (kind == PlanKind.CLUSTER) {
            ModelNode sizingNode = node.object("sizing");
            Map<String, Integer> instances = new LinkedHashMap<>();
            ModelNode instancesNode = sizingNode.object("instances");
            for (String group : instancesNode.fieldNames()) {
                instances.put(group, instancesNode.integer(group));
            }
            sizing = new Sizing(
                    instances,
                    sizingNode.nullableText("vm_type"),
                    sizingNode.nullableInteger("disk_mb"),
                    sizingNode.texts("azs"));
            sizingNode.finish();
        } else {
            ModelNode driverNode = node.object("driver");
            String driverName = driverNode.text("name");
            JsonNode settings = driverNode.raw("settings");
            if (!settings.isObject()) {
                throw driverNode.problem("settings", "must be an object (got " + ModelNode.kind(settings) + ")");
            }
            driver = new Driver(driverName, plainObject(settings));
            driverNode.finish();
        }
        Integer maxPolling = node.nullableInteger("max_polling_seconds");
        List<String> upgradesTo = node.texts("upgrades_to");
        ModelNode schemasNode = node.object("schemas");
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String request : schemasNode.fieldNames()) {
            schemas.put(request, schemasNode.text(request));
        }
        node.finish();
        return new PlanModel(name, id, kind, sizing, driver, maxPolling, upgradesTo, schemas);
    }

    private static ParameterModel parameter(ModelNode node) {
        String name = node.text("name");
        ParameterType type = enumValue(node, "type", ParameterType.class);
        boolean required = node.bool("required");
        boolean createOnly = node.bool("create_only");
        boolean secret = node.bool("secret");
        boolean builtIn = node.bool("built_in");
        WhenAbsent whenAbsent = enumValue(node, "when_absent", WhenAbsent.class);
        Object defaultValue = defaultValue(node, type);
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
                required,
                createOnly,
                secret,
                builtIn,
                whenAbsent,
                defaultValue,
                minimum,
                maximum,
                minLength,
                maxLength,
                pattern,
                enumValues);
    }

    /** The default, normalised as a request value would be ({@code "1GB"} becomes {@code 1073741824L}). */
    private static @Nullable Object defaultValue(ModelNode node, ParameterType type) {
        JsonNode value = node.raw("default");
        if (value.isNull()) {
            return null;
        }
        String problem = "must be a default of type " + type.modelKey() + " (got " + ModelNode.kind(value) + ")";
        switch (type) {
            case STRING, ENUM -> {
                if (value.isTextual()) {
                    return value.textValue();
                }
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
            }
            case INTEGER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
            }
            case NUMBER -> {
                if (value.isNumber()) {
                    return value.decimalValue();
                }
            }
            case BYTES, DURATION -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
                if (value.isTextual()) {
                    return Quantity.parse(value.textValue(), type)
                            .flatMap(Quantity::wholeBase)
                            .orElseThrow(() -> node.problem(
                                    "default",
                                    "must be a " + (type == ParameterType.BYTES ? "byte size" : "duration")
                                            + " such as " + (type == ParameterType.BYTES ? "\"1GB\"" : "\"10s\"")
                                            + " (got \"" + value.textValue() + "\")"));
                }
            }
            case GRANTS -> {
                // the built-in grants have no default: every cluster starts shared with no other space
            }
        }
        throw node.problem("default", problem);
    }

    private static <E extends Enum<E>> E enumValue(ModelNode node, String field, Class<E> type) {
        String text = node.text(field);
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String key = constant.name().toLowerCase(Locale.ROOT);
            if (key.equals(text)) {
                return constant;
            }
            allowed.add("\"" + key + "\"");
        }
        throw node.problem(field, "must be one of " + String.join(", ", allowed) + " (got \"" + text + "\")");
    }

    private static TemplatePaths templates(ModelNode node) {
        ModelNode pipelinesNode = node.object("pipelines");
        Map<String, String> pipelines = new LinkedHashMap<>();
        for (String kind : pipelinesNode.fieldNames()) {
            pipelines.put(kind, pipelinesNode.text(kind));
        }
        String manifest = node.nullableText("manifest");
        ModelNode hooksNode = node.object("hook_ops");
        Map<String, String> hookOps = new LinkedHashMap<>();
        for (String hook : hooksNode.fieldNames()) {
            hookOps.put(hook, hooksNode.text(hook));
        }
        node.finish();
        return new TemplatePaths(pipelines, manifest, hookOps);
    }

    /** A JSON object as plain Java values ({@link #plain}); null members are left out. */
    static Map<String, Object> plainObject(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Object value = plain(field.getValue());
            if (value != null) {
                map.put(field.getKey(), value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** A JSON value as plain Java: String, Long, BigDecimal, Boolean, null, unmodifiable List and Map. */
    static @Nullable Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), plain(field.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            for (JsonNode item : node) {
                list.add(plain(item));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            BigDecimal decimal = node.decimalValue();
            return decimal;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return null;
    }
}
