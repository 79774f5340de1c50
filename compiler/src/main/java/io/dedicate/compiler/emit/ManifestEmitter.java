package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.compiler.model.Deployment;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.InstanceGroup;
import io.dedicate.compiler.model.Job;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Release;
import io.dedicate.compiler.model.Stemcell;
import io.dedicate.compiler.model.Trigger;
import io.dedicate.compiler.model.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the BOSH templates of each offering that has a deployment: {@code
 * manifests/SERVICE/manifest.yml.j2}, the deployment manifest of one cluster, and {@code
 * manifests/SERVICE/hooks/HOOK.yml.j2}, the ops file each hook adds to a shared deployment.
 *
 * <p>Sizing left open by the offering comes from the instance's plan (an errand group without a
 * count gets 1 instance); a group without network gets the deployment's, else {@code default};
 * {@code update} keys BOSH requires and the offering leaves out get bosh-deployment's values.
 * Every inserted value goes
 * through the {@code yaml} filter; BOSH variables stay {@code ((name))} placeholders that the
 * director resolves from CredHub. A sample of the manifest template:
 *
 * <pre>
 * name: {{ ('mysql-' ~ instance.id) | yaml }}
 * releases:
 * - name: cf-mysql
 *   version: "36.19.0"
 * ...
 * instance_groups:
 * # instance_group mysql (offerings/mysql.offering:120:5)
 * - name: mysql
 *   azs: {{ plan.azs | yaml }}
 *   instances: {{ plan.instances['mysql'] | yaml }}
 *   vm_type: {{ plan.vm_type | yaml }}
 *   {% if plan.disk_mb is not none %}
 *   persistent_disk: {{ plan.disk_mb | yaml }}
 *   {% endif %}
 *   stemcell: default
 *   networks:
 *   - name: tenant-clusters
 *   jobs:
 *   - name: mysql
 *     release: cf-mysql
 *     properties:
 *       cf_mysql:
 *         mysql:
 *           admin_password: "((mysql_admin_password))"
 *           innodb_buffer_pool_size: {{ params.innodb_buffer_pool_size | yaml }}
 * </pre>
 *
 * and of a hook's ops file ({@code outputs.x} is replaced by output {@code x}'s expression):
 *
 * <pre>
 * - type: replace
 *   path: "/instance_groups/name=prometheus2/jobs/name=prometheus2/properties/prometheus/scrape_configs/-"
 *   value:
 *     job_name: {{ ('mysql-' ~ instance.id) | yaml }}
 *     static_configs:
 *     - targets:
 *       - {{ ('q-s0.mysql.tenant-clusters.mysql-' ~ instance.id ~ '.bosh:9104') | yaml }}
 * </pre>
 */
public final class ManifestEmitter implements Emitter {

    /**
     * The network of groups when neither they nor the deployment name one: BOSH requires a
     * network, and {@code default} is the name bosh-deployment's cloud configs give theirs.
     */
    static final String DEFAULT_NETWORK = "default";

    /**
     * The keys BOSH requires in {@code update}, with the values bosh-deployment's manifests use,
     * for those the offering does not set.
     */
    private static final Map<String, Object> UPDATE_DEFAULTS = updateDefaults();

    private static Map<String, Object> updateDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("canaries", 1L);
        defaults.put("max_in_flight", 1L);
        defaults.put("canary_watch_time", "1000-300000");
        defaults.put("update_watch_time", "1000-300000");
        return java.util.Collections.unmodifiableMap(defaults);
    }

    @Override
    public String name() {
        return "manifests";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        for (Offering offering : offerings) {
            if (!hasDeployment(offering)) {
                continue;
            }
            ExpressionTemplates expressions = new ExpressionTemplates(offering);
            manifest.writeText(BundleLayout.manifest(offering.name()), manifestTemplate(offering, expressions));
            for (Hook hook : offering.hooks()) {
                manifest.writeText(
                        BundleLayout.hookOps(offering.name(), hook.name()), hookTemplate(offering, hook, expressions));
            }
        }
    }

    /** Whether the offering deploys anything with BOSH (instance groups and a stemcell). */
    static boolean hasDeployment(Offering offering) {
        return offering.stemcell() != null
                && !offering.deployment().instanceGroups().isEmpty();
    }

    private static String manifestTemplate(Offering offering, ExpressionTemplates expressions) {
        Deployment deployment = offering.deployment();
        Stemcell stemcell = java.util.Objects.requireNonNull(offering.stemcell());
        TemplateText text = new TemplateText();
        text.comment(
                0,
                "BOSH manifest of one " + offering.name() + " cluster (offering " + offering.name() + " "
                        + offering.version() + ", " + TemplateText.source(offering.span()) + ").");
        text.comment(
                0,
                "Generated by dedicate and rendered by the broker for each instance: every value is"
                        + " inserted through the `yaml` filter; ((name)) are BOSH variables, generated and kept in CredHub.");
        text.entry(0, "name", expressions.yaml(deployment.name()));
        text.blank();

        text.line(0, "releases:");
        for (Release release : offering.releases()) {
            Map<String, TemplateValue> entries = new LinkedHashMap<>();
            entries.put("name", TemplateText.word(release.name()));
            entries.put("version", TemplateText.literal(release.version()));
            if (release.url() != null) {
                entries.put("url", TemplateText.literal(release.url()));
            }
            if (release.sha1() != null) {
                entries.put("sha1", TemplateText.literal(release.sha1()));
            }
            text.item(0, TemplateText.mapping(entries));
        }
        text.blank();

        text.line(0, "stemcells:");
        text.item(
                0,
                TemplateText.mapping(ordered(
                        "alias", TemplateText.word("default"),
                        "os", TemplateText.literal(stemcell.os()),
                        "version", TemplateText.literal(stemcell.version()))));
        text.blank();

        Map<String, TemplateValue> update = new LinkedHashMap<>();
        deployment.update().forEach((key, value) -> update.put(key, TemplateText.literal(value)));
        UPDATE_DEFAULTS.forEach((key, value) -> update.putIfAbsent(key, TemplateText.literal(value)));
        text.entry(0, "update", TemplateText.mapping(update));
        text.blank();

        text.line(0, "instance_groups:");
        for (InstanceGroup group : deployment.instanceGroups()) {
            instanceGroup(text, group, deployment, expressions);
        }

        if (!deployment.variables().isEmpty()) {
            text.blank();
            text.line(0, "variables:");
            for (Variable variable : deployment.variables()) {
                Map<String, TemplateValue> entries = new LinkedHashMap<>();
                entries.put("name", TemplateText.word(variable.name()));
                entries.put("type", TemplateText.word(variable.type()));
                if (!variable.options().isEmpty()) {
                    Map<String, TemplateValue> options = new LinkedHashMap<>();
                    variable.options()
                            .forEach((key, value) -> options.put(
                                    key, expressions.boshValue(value, true, "variable " + variable.name())));
                    entries.put("options", TemplateText.mapping(options));
                }
                text.item(0, TemplateText.mapping(entries));
            }
        }
        return text.toString();
    }

    private static void instanceGroup(
            TemplateText text, InstanceGroup group, Deployment deployment, ExpressionTemplates expressions) {
        text.comment(0, "instance_group " + group.name() + " (" + TemplateText.where(group.span()) + ")");
        text.line(0, "- name: " + TemplateText.key(group.name()));
        if (group.errand()) {
            text.line(2, "lifecycle: errand");
        }
        text.entry(
                2,
                "azs",
                group.azs().isEmpty()
                        ? new TemplateValue.Flow("{{ plan.azs | yaml }}")
                        : TemplateText.literal(group.azs()));
        String planInstances = "plan.instances[" + TemplateText.jinjaString(group.name()) + "]";
        text.entry(
                2,
                "instances",
                group.instances() != null
                        ? TemplateText.literal(group.instances().longValue())
                        : group.errand()
                                ? TemplateText.literal(1L)
                                : new TemplateValue.Flow("{{ " + planInstances + " | yaml }}"));
        text.entry(
                2,
                "vm_type",
                group.vmType() != null
                        ? TemplateText.literal(group.vmType())
                        : new TemplateValue.Flow("{{ plan.vm_type | yaml }}"));
        if (group.diskMb() != null) {
            text.entry(2, "persistent_disk", TemplateText.literal(group.diskMb().longValue()));
        } else if (!group.errand()) {
            text.tag(2, "if plan.disk_mb is not none");
            text.entry(2, "persistent_disk", new TemplateValue.Flow("{{ plan.disk_mb | yaml }}"));
            text.tag(2, "endif");
        }
        text.line(2, "stemcell: default");
        List<String> networks = !group.networks().isEmpty()
                ? group.networks()
                : List.of(deployment.network() != null ? deployment.network() : DEFAULT_NETWORK);
        text.entry(
                2,
                "networks",
                new TemplateValue.Sequence(networks.stream()
                        .<TemplateValue>map(
                                network -> TemplateText.mapping(ordered("name", TemplateText.word(network))))
                        .toList()));
        text.line(2, "jobs:");
        for (Job job : group.jobs()) {
            Map<String, TemplateValue> entries = new LinkedHashMap<>();
            entries.put("name", TemplateText.word(job.name()));
            entries.put("release", TemplateText.word(job.release()));
            if (!job.properties().isEmpty()) {
                entries.put("properties", properties(job, expressions));
            }
            text.item(2, TemplateText.mapping(entries));
        }
    }

    /** Dotted property paths as nested maps: {@code a.b.c = x} becomes {@code a: {b: {c: x}}}. */
    private static TemplateValue properties(Job job, ExpressionTemplates expressions) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Job.Property property : job.properties()) {
            Map<String, Object> node = tree;
            List<String> path = property.path();
            for (String segment : path.subList(0, path.size() - 1)) {
                Object child = node.computeIfAbsent(segment, k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException(property.span() + ": property " + String.join(".", path)
                            + " is inside a property that already has a value");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                node = next;
            }
            String leaf = path.get(path.size() - 1);
            if (node.containsKey(leaf)) {
                throw new IllegalArgumentException(property.span() + ": property " + String.join(".", path)
                        + " is set twice in job " + job.name());
            }
            node.put(leaf, expressions.boshValue(property.value(), true, "property " + String.join(".", path)));
        }
        return toValue(tree);
    }

    private static TemplateValue toValue(Map<String, Object> tree) {
        Map<String, TemplateValue> entries = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof TemplateValue templateValue) {
                entries.put(key, templateValue);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) value;
                entries.put(key, toValue(child));
            }
        });
        return TemplateText.mapping(entries);
    }

    private static String hookTemplate(Offering offering, Hook hook, ExpressionTemplates expressions) {
        TemplateText text = new TemplateText();
        text.comment(
                0,
                "Ops file of hook " + hook.name() + " (" + TemplateText.where(hook.span())
                        + "), added to the shared deployment \""
                        + hook.sharedDeployment() + "\" " + triggers(hook.register()) + " and removed "
                        + triggers(hook.deregister()) + ".");
        text.comment(
                0,
                "Rendered by the broker for each " + offering.name() + " cluster; outputs.* are the outputs'"
                        + " own expressions, evaluated here.");
        for (Hook.OpsEntry entry : hook.ops()) {
            text.item(
                    0,
                    TemplateText.mapping(ordered(
                            "type", TemplateText.word("replace"),
                            "path", TemplateText.literal(entry.path()),
                            "value", expressions.boshValue(entry.value(), false, "hook " + hook.name()))));
        }
        if (hook.ops().isEmpty()) {
            text.line(0, "[]");
        }
        return text.toString();
    }

    private static String triggers(List<Trigger> triggers) {
        return triggers.isEmpty()
                ? "never"
                : triggers.stream().map(Trigger::toString).collect(Collectors.joining(", "));
    }

    private static Map<String, TemplateValue> ordered(Object... keysAndValues) {
        Map<String, TemplateValue> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put((String) keysAndValues[i], (TemplateValue) keysAndValues[i + 1]);
        }
        return entries;
    }
}
