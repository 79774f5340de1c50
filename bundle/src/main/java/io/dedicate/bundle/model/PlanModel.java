package io.dedicate.bundle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A plan of an offering, as model.json describes it: a cluster plan has a {@link Sizing} and no
 * driver, a child plan a {@link Driver} and no sizing ({@link #cluster} and {@link #child} build
 * each).
 *
 * @param sizing for a cluster plan; null for a child plan
 * @param driver for a child plan; null for a cluster plan
 * @param maxPollingSeconds how long the platform should poll an operation of this plan; null for no limit
 * @param upgradesTo names of the plans an instance of this plan may change to (any other change is refused)
 * @param schemas OSB request ({@link #INSTANCE_CREATE}, {@link #INSTANCE_UPDATE}, {@link
 *     #BINDING_CREATE}) to the bundle path of its JSON schema, in catalog order
 */
public record PlanModel(
        String name,
        String id,
        PlanKind kind,
        @Nullable Sizing sizing,
        @Nullable Driver driver,
        @Nullable Long maxPollingSeconds,
        List<String> upgradesTo,
        Map<String, String> schemas) {

    /** Schema key of a create request. */
    public static final String INSTANCE_CREATE = "service_instance.create";
    /** Schema key of an update request. */
    public static final String INSTANCE_UPDATE = "service_instance.update";
    /** Schema key of a bind request. */
    public static final String BINDING_CREATE = "service_binding.create";

    public PlanModel {
        if ((kind == PlanKind.CLUSTER) != (sizing != null) || (kind == PlanKind.CHILD) != (driver != null)) {
            throw new IllegalArgumentException("plan " + name
                    + ": a cluster plan has a sizing and no driver, a child plan a driver and no sizing");
        }
        upgradesTo = List.copyOf(upgradesTo);
        schemas = Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
    }

    /** A cluster plan. */
    public static PlanModel cluster(
            String name,
            String id,
            Sizing sizing,
            @Nullable Long maxPollingSeconds,
            List<String> upgradesTo,
            Map<String, String> schemas) {
        return new PlanModel(name, id, PlanKind.CLUSTER, sizing, null, maxPollingSeconds, upgradesTo, schemas);
    }

    /** A child plan. */
    public static PlanModel child(
            String name,
            String id,
            Driver driver,
            @Nullable Long maxPollingSeconds,
            List<String> upgradesTo,
            Map<String, String> schemas) {
        return new PlanModel(name, id, PlanKind.CHILD, null, driver, maxPollingSeconds, upgradesTo, schemas);
    }

    /** Whether this plan provisions a dedicated cluster. */
    public boolean isCluster() {
        return kind == PlanKind.CLUSTER;
    }

    /** The bundle path of the schema of {@code request} ({@link #INSTANCE_CREATE}...), if the plan has one. */
    public Optional<String> schema(String request) {
        return Optional.ofNullable(schemas.get(request));
    }
}
