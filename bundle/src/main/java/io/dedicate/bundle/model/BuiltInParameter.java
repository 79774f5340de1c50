package io.dedicate.bundle.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parameters the broker itself defines, which no offering may declare under the same name: the
 * compiler adds them to the requests that take them (model.json lists them with {@code built_in}
 * true) and the broker acts on them.
 */
public enum BuiltInParameter {
    /** Every child create: the cluster to create the child in. */
    CLUSTER(
            "cluster",
            ParameterType.STRING,
            null,
            true,
            "Name (or GUID) of the cluster instance, in your space unless cluster-org/cluster-space say otherwise"),
    /** Every child create: the org of a cluster in another org. */
    CLUSTER_ORG(
            "cluster-org",
            ParameterType.STRING,
            null,
            false,
            "Organization of the cluster instance, when it is not in your own"),
    /** Every child create: the space of a cluster in another space. */
    CLUSTER_SPACE(
            "cluster-space",
            ParameterType.STRING,
            null,
            false,
            "Space of the cluster instance, when it is not in your own"),
    /**
     * Every cluster update of an offering with a BOSH deployment: {@code recreate: true} runs the
     * recreate pipeline ({@code bosh recreate}) instead of an update.
     */
    RECREATE(
            "recreate",
            ParameterType.BOOLEAN,
            false,
            false,
            "Recreate every VM of the cluster (bosh recreate) instead of updating it; send it alone, with no plan"
                    + " change"),
    /**
     * Every cluster create and update of an offering that shares clusters ({@link SharingScope#SPACES}
     * or {@link SharingScope#ORGS}): the spaces whose children may use the cluster.
     */
    GRANTS(
            "grants",
            ParameterType.GRANTS,
            null,
            false,
            "Spaces allowed to create databases in this cluster, each {\"org\": \"...\", \"space\": \"...\"}"
                    + " (names or GUIDs; org defaults to the cluster's own). The whole list: an update replaces it"
                    + " at once (send it alone, no deployment runs) and is refused while a space it drops still has"
                    + " databases in the cluster");

    /** The built-ins every child plan takes, before the offering's {@code child} parameters. */
    public static final List<BuiltInParameter> CHILD = List.of(CLUSTER, CLUSTER_ORG, CLUSTER_SPACE);

    private final String parameterName;
    private final ParameterType type;
    private final @Nullable Boolean defaultValue;
    private final boolean required;
    private final String description;

    BuiltInParameter(
            String parameterName,
            ParameterType type,
            @Nullable Boolean defaultValue,
            boolean required,
            String description) {
        this.parameterName = parameterName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.required = required;
        this.description = description;
    }

    /** The parameter's name in requests: {@code cluster}, {@code recreate}, {@code grants}... */
    public String parameterName() {
        return parameterName;
    }

    public ParameterType type() {
        return type;
    }

    /** The default ({@code false} for {@link #RECREATE}); null for none. */
    public @Nullable Boolean defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    /** The description the schemas show. */
    public String description() {
        return description;
    }
}
