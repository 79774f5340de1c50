package io.dedicate.compiler.docs;

import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.Quantity;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Cost;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import io.dedicate.compiler.model.Plan;
import io.dedicate.compiler.model.ServiceMetadata;
import io.dedicate.compiler.model.Sizing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The documentation of compiled offerings: per offering {@code NAME.md} and {@code NAME.html}, built
 * from the same {@link Offering} model the catalog is emitted from, so that the two cannot disagree.
 * Sections: the service, its plans (cluster plans with sizing, cost and upgrade paths; child plans
 * with their driver), every parameter (type, default, range, create-only, required, the requests it
 * belongs to), what a cluster reports and a binding returns, and the {@code cf} commands of each plan.
 * Deterministic: the same offerings give the same bytes.
 */
public final class OfferingDocs {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n\\s*\n");

    private OfferingDocs() {}

    /** File name to content: {@code NAME.md} and {@code NAME.html} for each offering, sorted by name. */
    public static SortedMap<String, String> render(List<Offering> offerings) {
        SortedMap<String, String> files = new TreeMap<>();
        for (Offering offering : offerings) {
            Page page = page(offering);
            files.put(offering.name() + ".md", MarkdownRenderer.render(page));
            files.put(offering.name() + ".html", HtmlRenderer.render(page));
        }
        return files;
    }

    /** The document of one offering. */
    static Page page(Offering offering) {
        ServiceMetadata metadata = offering.catalog().metadata();
        String title = (metadata.displayName() == null ? offering.name() : metadata.displayName()) + " ("
                + offering.name() + ")";
        List<Page.Block> blocks = new ArrayList<>();
        blocks.add(new Page.Paragraph(List.of(Page.text(metadata.description()))));
        if (metadata.longDescription() != null) {
            for (String paragraph : PARAGRAPH_BREAK
                    .splitAsStream(metadata.longDescription().strip())
                    .toList()) {
                blocks.add(new Page.Paragraph(List.of(Page.text(paragraph.strip()))));
            }
        }
        blocks.add(new Page.Bullets(facts(offering)));
        plans(offering, blocks);
        parameters(offering, blocks);
        outputs(offering, blocks);
        commands(offering, blocks);
        return new Page(title, blocks);
    }

    private static List<List<Page.Inline>> facts(Offering offering) {
        ServiceMetadata metadata = offering.catalog().metadata();
        List<List<Page.Inline>> facts = new ArrayList<>();
        facts.add(List.of(
                Page.text("Service: "),
                Page.literal(offering.name()),
                Page.text(", ID "),
                Page.literal(offering.catalog().id())));
        facts.add(List.of(
                Page.text("Version: "),
                Page.literal(offering.version()),
                Page.text(" (maintenance_info "),
                Page.literal(offering.catalog().maintenanceInfo().version()),
                Page.text(")")));
        if (!metadata.tags().isEmpty()) {
            facts.add(List.of(Page.text("Tags: " + String.join(", ", metadata.tags()))));
        }
        if (metadata.providerDisplayName() != null) {
            facts.add(List.of(Page.text("Provider: " + metadata.providerDisplayName())));
        }
        if (metadata.documentationUrl() != null) {
            facts.add(List.of(
                    Page.text("Documentation: "),
                    new Page.Link(metadata.documentationUrl(), metadata.documentationUrl())));
        }
        if (metadata.supportUrl() != null) {
            facts.add(List.of(Page.text("Support: "), new Page.Link(metadata.supportUrl(), metadata.supportUrl())));
        }
        var sharing = offering.policy().sharing();
        facts.add(List.of(Page.text("Sharing: "
                + switch (sharing.scope()) {
                    case NONE -> "clusters are not shared";
                    case SPACES -> "clusters may be shared with other spaces of the org";
                    case ORGS -> "clusters may be shared with spaces of other orgs";
                }
                + (sharing.requiresGrant() ? ", once the cluster's owner grants it (parameter grants)" : ""))));
        var limits = offering.policy().limits();
        if (limits.clustersPerOrg() != null) {
            facts.add(List.of(Page.text("At most " + limits.clustersPerOrg() + " clusters per org")));
        }
        if (limits.childrenPerCluster() != null) {
            facts.add(List.of(Page.text("At most " + limits.childrenPerCluster() + " child instances per cluster")));
        }
        return facts;
    }

    // ------------------------------------------------------------ plans

    private static void plans(Offering offering, List<Page.Block> blocks) {
        blocks.add(new Page.Heading(2, "Plans", "plans"));
        List<ClusterPlan> clusters = offering.plans().cluster();
        if (!clusters.isEmpty()) {
            blocks.add(new Page.Heading(3, "Cluster plans", "cluster-plans"));
            blocks.add(
                    new Page.Paragraph(
                            List.of(
                                    Page.text(
                                            "Each instance of a cluster plan is a dedicated cluster (a BOSH deployment of its own); not bindable."))));
            List<List<List<Page.Inline>>> rows = new ArrayList<>();
            for (ClusterPlan plan : clusters) {
                List<String> targets = offering.plans().upgradeTargets(plan.name());
                rows.add(List.of(
                        List.of(Page.literal(plan.name())),
                        List.of(Page.text(plan.metadata().description())),
                        sizing(plan.sizing()),
                        List.of(Page.text(cost(plan))),
                        targets.isEmpty() ? List.of(Page.text("none")) : literals(targets),
                        List.of(Page.text(
                                plan.maxPollingSeconds() == null
                                        ? "none"
                                        : Quantity.readable(plan.maxPollingSeconds(), Quantity.Dimension.DURATION))),
                        List.of(Page.literal(plan.id()))));
            }
            blocks.add(new Page.Table(
                    List.of("Plan", "Description", "Sizing", "Cost", "Can change to", "Operation time-out", "Plan ID"),
                    rows));
        }
        List<ChildPlan> children = offering.plans().child();
        if (!children.isEmpty()) {
            blocks.add(new Page.Heading(3, "Child plans", "child-plans"));
            blocks.add(new Page.Paragraph(List.of(
                    Page.text(
                            "Each instance of a child plan lives inside a cluster of this offering, named with the parameter "),
                    Page.literal("cluster"),
                    Page.text("; child instances are bindable."))));
            List<List<List<Page.Inline>>> rows = new ArrayList<>();
            for (ChildPlan plan : children) {
                rows.add(List.of(
                        List.of(Page.literal(plan.name())),
                        List.of(Page.text(plan.metadata().description())),
                        driver(plan),
                        List.of(Page.text(cost(plan))),
                        List.of(Page.literal(plan.id()))));
            }
            blocks.add(new Page.Table(List.of("Plan", "Description", "Driver", "Cost", "Plan ID"), rows));
            blocks.add(new Page.Heading(3, "What a binding returns", "binding"));
            Map<String, List<String>> byDriver = new LinkedHashMap<>();
            for (ChildPlan plan : children) {
                byDriver.computeIfAbsent(plan.driver().name(), d -> new ArrayList<>())
                        .add(plan.name());
            }
            List<List<Page.Inline>> items = new ArrayList<>();
            byDriver.forEach((driver, plans) -> {
                List<Page.Inline> item = new ArrayList<>(literals(plans));
                List<String> keys = DriverKind.named(driver)
                        .map(DriverKind::bindingCredentials)
                        .orElse(List.of());
                if (keys.isEmpty()) {
                    item.add(Page.text(" (driver " + driver + "): the credentials the cluster's own service broker"
                            + " returns for the binding, passed on unchanged"));
                } else {
                    item.add(Page.text(" (driver " + driver + "): credentials "));
                    item.addAll(literals(keys));
                }
                items.add(item);
            });
            blocks.add(new Page.Bullets(items));
        }
    }

    private static List<Page.Inline> sizing(Sizing sizing) {
        List<String> parts = new ArrayList<>();
        sizing.instances().forEach((group, count) -> parts.add(group + " \u00d7 " + count));
        List<String> rest = new ArrayList<>();
        rest.add(String.join(", ", parts));
        if (sizing.vmType() != null) {
            rest.add("VM type " + sizing.vmType());
        }
        if (sizing.diskMb() != null) {
            rest.add("disk " + Quantity.readable(sizing.diskMb() * 1024L * 1024L, Quantity.Dimension.BYTES));
        }
        if (!sizing.azs().isEmpty()) {
            rest.add("AZs " + String.join(", ", sizing.azs()));
        }
        return List.of(Page.text(String.join("; ", rest)));
    }

    private static List<Page.Inline> driver(ChildPlan plan) {
        List<String> settings = new ArrayList<>();
        DriverKind kind = DriverKind.named(plan.driver().name()).orElse(null);
        plan.driver().settings().forEach((key, value) -> {
            boolean bytes = kind != null
                    && kind.setting(key).map(s -> "quota".equals(s.key())).orElse(false)
                    && value instanceof Long;
            settings.add(key + " " + (bytes ? Quantity.readable((Long) value, Quantity.Dimension.BYTES) : value));
        });
        return List.of(
                Page.literal(plan.driver().name()),
                Page.text(settings.isEmpty() ? "" : ": " + String.join(", ", settings)));
    }

    private static String cost(Plan plan) {
        List<Cost> costs = plan.metadata().costs();
        if (costs.isEmpty()) {
            return plan.metadata().free() ? "free" : "not free (no cost given)";
        }
        List<String> texts = new ArrayList<>();
        for (Cost cost : costs) {
            texts.add(cost.amount().toPlainString() + " " + cost.currency().toUpperCase(Locale.ROOT) + " "
                    + cost.unit().toLowerCase(Locale.ROOT));
        }
        return String.join(" + ", texts);
    }

    // ------------------------------------------------------------ parameters

    private record Scoped(Parameter parameter, List<String> scopes) {}

    private static void parameters(Offering offering, List<Page.Block> blocks) {
        Map<String, Scoped> all = new LinkedHashMap<>();
        collect(all, offering.parameters().clusterCreate(), "cluster create");
        collect(all, offering.parameters().clusterUpdate(), "cluster update");
        collect(all, offering.parameters().childCreate(), "child create");
        collect(all, offering.parameters().bindingCreate(), "binding");
        blocks.add(new Page.Heading(2, "Parameters", "parameters"));
        blocks.add(new Page.Paragraph(List.of(
                Page.text("Given with "),
                Page.literal("cf create-service ... -c '{...}'"),
                Page.text(", "),
                Page.literal("cf update-service ... -c '{...}'"),
                Page.text(" or "),
                Page.literal("cf bind-service ... -c '{...}'"),
                Page.text("; byte sizes as a number of bytes or a string such as \"2GB\", durations as seconds or a"
                        + " string such as \"10m\". Create-only parameters are refused on update."))));
        List<List<List<Page.Inline>>> rows = new ArrayList<>();
        for (Scoped scoped : all.values()) {
            Parameter p = scoped.parameter();
            List<String> flags = new ArrayList<>();
            if (p.is(Parameter.Flag.REQUIRED)) {
                flags.add("required");
            }
            if (p.is(Parameter.Flag.CREATE_ONLY)) {
                flags.add("create-only");
            }
            if (p.is(Parameter.Flag.SECRET)) {
                flags.add("secret");
            }
            if (p.is(Parameter.Flag.BUILT_IN)) {
                flags.add("built in");
            }
            rows.add(List.of(
                    List.of(Page.literal(p.name())),
                    List.of(Page.text(type(p))),
                    defaultValue(p),
                    constraints(p),
                    List.of(Page.text(p.is(Parameter.Flag.CREATE_ONLY) ? "yes" : "no")),
                    List.of(Page.text(String.join(", ", scoped.scopes()))),
                    List.of(Page.text(flags.stream()
                            .filter(f -> !f.equals("create-only"))
                            .reduce((a, b) -> a + ", " + b)
                            .orElse(""))),
                    List.of(Page.text(Objects.requireNonNullElse(p.description(), "")))));
        }
        blocks.add(new Page.Table(
                List.of("Parameter", "Type", "Default", "Range", "Create-only", "Scope", "Flags", "Description"),
                rows));
    }

    private static void collect(Map<String, Scoped> all, List<Parameter> parameters, String scope) {
        for (Parameter parameter : parameters) {
            Scoped known = all.get(parameter.name());
            if (known == null) {
                all.put(parameter.name(), new Scoped(parameter, new ArrayList<>(List.of(scope))));
            } else if (known.parameter().type() == parameter.type()) {
                known.scopes().add(scope);
            } else {
                all.put(parameter.name() + "@" + scope, new Scoped(parameter, new ArrayList<>(List.of(scope))));
            }
        }
    }

    private static String type(Parameter p) {
        if (p.type() == ParameterType.ENUM) {
            List<String> values = new ArrayList<>();
            for (Object value : p.constraints().enumValues()) {
                values.add(json(value));
            }
            return "enum(" + String.join(", ", values) + ")";
        }
        return p.type().name().toLowerCase(Locale.ROOT);
    }

    private static List<Page.Inline> defaultValue(Parameter p) {
        if (p.defaultValue() == null) {
            return List.of(Page.text("none"));
        }
        if (p.is(Parameter.Flag.SECRET)) {
            return List.of(Page.text("(secret)"));
        }
        return List.of(Page.literal(json(p.defaultValue())));
    }

    private static List<Page.Inline> constraints(Parameter p) {
        Parameter.Constraints c = p.constraints();
        List<String> parts = new ArrayList<>();
        if (c.minimum() != null || c.maximum() != null) {
            parts.add(bound(p.type(), c.minimum()) + ".." + bound(p.type(), c.maximum()));
        }
        if (c.minLength() != null || c.maxLength() != null) {
            parts.add("length " + (c.minLength() == null ? "" : c.minLength()) + ".."
                    + (c.maxLength() == null ? "" : c.maxLength()));
        }
        if (c.pattern() != null) {
            String text = parts.isEmpty() ? "pattern " : String.join("; ", parts) + "; pattern ";
            return List.of(Page.text(text), Page.literal(c.pattern()));
        }
        return List.of(Page.text(parts.isEmpty() ? unconstrained(p.type()) : String.join("; ", parts)));
    }

    /** What a parameter without range, length or pattern accepts: the type alone says it. */
    private static String unconstrained(ParameterType type) {
        return switch (type) {
            case ENUM -> "one of the values";
            case BOOLEAN -> "true or false";
            default -> "any";
        };
    }

    private static String bound(ParameterType type, @Nullable BigDecimal value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case BYTES -> Quantity.readable(value, Quantity.Dimension.BYTES);
            case DURATION -> Quantity.readable(value, Quantity.Dimension.DURATION);
            default -> value.toPlainString();
        };
    }

    private static String json(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    // ------------------------------------------------------------ outputs and commands

    private static void outputs(Offering offering, List<Page.Block> blocks) {
        if (offering.outputs().isEmpty()) {
            return;
        }
        blocks.add(new Page.Heading(2, "What a cluster reports", "outputs"));
        blocks.add(new Page.Paragraph(List.of(Page.text(
                "Values the cluster's pipeline reports to the broker when an operation ends; secret ones are stored"
                        + " sealed and never shown."))));
        List<List<List<Page.Inline>>> rows = new ArrayList<>();
        for (Output output : offering.outputs()) {
            rows.add(List.of(
                    List.of(Page.literal(output.name())),
                    List.of(Page.text(
                            output.type().name().toLowerCase(Locale.ROOT) + (output.secret() ? ", secret" : ""))),
                    List.of(Page.text(Objects.requireNonNullElse(output.description(), "")))));
        }
        blocks.add(new Page.Table(List.of("Output", "Type", "Description"), rows));
    }

    private static void commands(Offering offering, List<Page.Block> blocks) {
        blocks.add(new Page.Heading(2, "Commands", "commands"));
        String service = shell(offering.name());
        String cluster = "my-" + offering.name() + "-cluster";
        for (ClusterPlan plan : offering.plans().cluster()) {
            blocks.add(new Page.Paragraph(
                    List.of(Page.text("A cluster on plan "), Page.literal(plan.name()), Page.text(":"))));
            blocks.add(new Page.Code("cf create-service " + service + " " + shell(plan.name()) + " " + cluster));
        }
        for (ChildPlan plan : offering.plans().child()) {
            String child = "my-" + plan.name() + "-instance";
            blocks.add(new Page.Paragraph(List.of(
                    Page.text("A child instance on plan "),
                    Page.literal(plan.name()),
                    Page.text(" inside that cluster, and a binding to an app:"))));
            blocks.add(new Page.Code("cf create-service " + service + " " + shell(plan.name()) + " " + child
                    + " -c '{\"cluster\": \"" + cluster + "\"}'\ncf bind-service my-app " + child));
        }
    }

    /** {@code names} as literals separated by commas. */
    private static List<Page.Inline> literals(List<String> names) {
        List<Page.Inline> parts = new ArrayList<>();
        for (String name : names) {
            if (!parts.isEmpty()) {
                parts.add(Page.text(", "));
            }
            parts.add(Page.literal(name));
        }
        return parts;
    }

    /** {@code word} as one shell word: as is when it is only letters, digits and {@code -._}, else single-quoted. */
    private static String shell(String word) {
        return word.matches("[A-Za-z0-9._-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
