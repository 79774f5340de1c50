package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.JsonWriter;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Cost;
import io.dedicate.compiler.model.MaintenanceInfo;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Plan;
import io.dedicate.compiler.model.PlanMetadata;
import io.dedicate.compiler.model.ServiceMetadata;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code catalog.json}: the exact body the broker answers to {@code GET /v2/catalog} (OSB
 * 2.17), precomputed so that serving it does no JSON work. One service per offering, in the order
 * given (sorted by name); fields in the order of the OSB specification's tables; optional fields
 * left out rather than written as null.
 *
 * <ul>
 *   <li>Service: {@code bindable} is true when any plan is (the child plans); {@code requires} is
 *       never written (no offering needs syslog drains, route services or volumes); {@code
 *       metadata} holds the Cloud Foundry conventional keys that are set ({@code displayName},
 *       {@code imageUrl}, {@code longDescription}, {@code providerDisplayName}, {@code
 *       documentationUrl}, {@code supportUrl}) and always {@code shareable}, where Cloud Foundry
 *       reads it.
 *   <li>Plans, in the model's order: cluster plans are not bindable and carry the offering's {@code
 *       maintenance_info}; child plans are bindable. {@code schemas} inlines the plan's parameter
 *       schemas ({@link PlanSchema}), identical to the files the {@link SchemaEmitter} writes.
 *   <li>Costs are grouped by unit, one {@code {"amount": {CURRENCY: AMOUNT}, "unit": UNIT}} per
 *       unit, amounts with at least one decimal ({@code 120.0}).
 * </ul>
 *
 * <p>Sample (shortened):
 *
 * <pre>
 * {
 *   "services": [
 *     {
 *       "name": "mysql-on-demand",
 *       "id": "5f6c7a0e-...",
 *       "description": "MySQL clusters and databases on demand",
 *       "tags": [
 *         "mysql"
 *       ],
 *       "bindable": true,
 *       "instances_retrievable": true,
 *       "bindings_retrievable": true,
 *       "allow_context_updates": true,
 *       "metadata": {
 *         "displayName": "MySQL on demand",
 *         "shareable": true
 *       },
 *       "plan_updateable": true,
 *       "plans": [
 *         {
 *           "id": "0b1c...",
 *           "name": "cluster-small",
 *           "description": "3 mysql nodes, 1 proxy, 1 arbitrator, 10 GB disk",
 *           "metadata": {
 *             "bullets": [
 *               "3 Galera nodes"
 *             ],
 *             "costs": [
 *               {
 *                 "amount": {
 *                   "usd": 120.0
 *                 },
 *                 "unit": "MONTHLY"
 *               }
 *             ]
 *           },
 *           "free": false,
 *           "bindable": false,
 *           "schemas": {
 *             "service_instance": {
 *               "create": {
 *                 "parameters": { ... }
 *               },
 *               "update": {
 *                 "parameters": { ... }
 *               }
 *             }
 *           },
 *           "maximum_polling_duration": 7200,
 *           "maintenance_info": {
 *             "version": "1.4.0+cf-mysql.36.19.0...",
 *             "description": "..."
 *           }
 *         }
 *       ]
 *     }
 *   ]
 * }
 * </pre>
 */
public final class CatalogEmitter implements Emitter {

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        manifest.writeFile(BundleLayout.CATALOG, JsonWriter.writeBytes(catalog(offerings)));
    }

    /** The catalog as a JSON tree: {@code {"services": [...]}}. */
    static Map<String, Object> catalog(List<Offering> offerings) {
        List<Object> services = new ArrayList<>();
        for (Offering offering : offerings) {
            services.add(service(offering));
        }
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("services", services);
        return catalog;
    }

    private static Map<String, Object> service(Offering offering) {
        ServiceMetadata meta = offering.catalog().metadata();
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", offering.name());
        service.put("id", offering.catalog().id());
        service.put("description", meta.description());
        if (!meta.tags().isEmpty()) {
            service.put("tags", meta.tags());
        }
        service.put("bindable", offering.plans().all().stream().anyMatch(Plan::bindable));
        service.put("instances_retrievable", meta.instancesRetrievable());
        service.put("bindings_retrievable", meta.bindingsRetrievable());
        service.put("allow_context_updates", meta.allowContextUpdates());
        service.put("metadata", serviceMetadata(meta));
        service.put("plan_updateable", meta.planUpdateable());
        List<Object> plans = new ArrayList<>();
        for (Plan plan : offering.plans().all()) {
            plans.add(plan(offering, plan));
        }
        service.put("plans", plans);
        return service;
    }

    private static Map<String, Object> serviceMetadata(ServiceMetadata meta) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "displayName", meta.displayName());
        putIfPresent(metadata, "imageUrl", meta.imageUrl());
        putIfPresent(metadata, "longDescription", meta.longDescription());
        putIfPresent(metadata, "providerDisplayName", meta.providerDisplayName());
        putIfPresent(metadata, "documentationUrl", meta.documentationUrl());
        putIfPresent(metadata, "supportUrl", meta.supportUrl());
        metadata.put("shareable", meta.shareable());
        return metadata;
    }

    private static Map<String, Object> plan(Offering offering, Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", plan.id());
        json.put("name", plan.name());
        json.put("description", plan.metadata().description());
        Map<String, Object> metadata = planMetadata(plan.metadata());
        if (!metadata.isEmpty()) {
            json.put("metadata", metadata);
        }
        json.put("free", plan.metadata().free());
        json.put("bindable", plan.bindable());
        if (plan instanceof ClusterPlan cluster && cluster.planUpdateable() != null) {
            json.put("plan_updateable", cluster.planUpdateable());
        }
        json.put("schemas", schemas(offering, plan));
        putIfPresent(json, "maximum_polling_duration", plan.maxPollingSeconds());
        if (plan instanceof ClusterPlan) {
            json.put("maintenance_info", maintenanceInfo(offering.catalog().maintenanceInfo()));
        }
        return json;
    }

    private static Map<String, Object> planMetadata(PlanMetadata meta) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "displayName", meta.displayName());
        if (!meta.bullets().isEmpty()) {
            metadata.put("bullets", meta.bullets());
        }
        if (!meta.costs().isEmpty()) {
            metadata.put("costs", costs(meta.costs()));
        }
        return metadata;
    }

    /** Costs grouped by unit, in order of first appearance: {@code [{"amount": {"usd": 120.0}, "unit": "MONTHLY"}]}. */
    private static List<Object> costs(List<Cost> costs) {
        Map<String, Map<String, Object>> amountsByUnit = new LinkedHashMap<>();
        for (Cost cost : costs) {
            amountsByUnit
                    .computeIfAbsent(cost.unit(), unit -> new LinkedHashMap<>())
                    .put(cost.currency(), amount(cost.amount()));
        }
        List<Object> json = new ArrayList<>();
        amountsByUnit.forEach((unit, amounts) -> {
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("amount", amounts);
            cost.put("unit", unit);
            json.add(cost);
        });
        return json;
    }

    /** {@code 120.00} is {@code 120.0}, {@code 4.50} is {@code 4.5}: a float in every JSON reader, never an integer. */
    static BigDecimal amount(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }

    /** {@code {"service_instance": {"create": {"parameters": SCHEMA}, ...}, "service_binding": ...}}. */
    private static Map<String, Map<String, Object>> schemas(Offering offering, Plan plan) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        for (PlanSchema schema : PlanSchema.of(offering, plan)) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("parameters", ParameterSchema.of(schema));
            sections.computeIfAbsent(schema.section(), name -> new LinkedHashMap<>())
                    .put(schema.method(), method);
        }
        return sections;
    }

    static Map<String, Object> maintenanceInfo(MaintenanceInfo info) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", info.version());
        json.put("description", info.description());
        return json;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
