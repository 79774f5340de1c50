package io.dedicate.broker.cluster;

import io.dedicate.broker.refusal.OsbRefusal;
import io.dedicate.broker.state.ChildAdmission;
import io.dedicate.broker.state.ChildStore;
import io.dedicate.broker.state.ClusterUnavailableException;
import io.dedicate.broker.state.InstanceGoneException;
import io.dedicate.broker.state.InstanceRecord;
import io.dedicate.broker.state.InstanceStore;
import io.dedicate.broker.state.OperationInProgressException;
import io.dedicate.broker.state.Placement;
import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.SharingScope;
import io.dedicate.bundle.parameters.ParameterValidator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerConcurrencyException;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * Children in a cluster of another space: the offering's {@code sharing} scope ({@code none}, {@code spaces}: other
 * spaces of the cluster's org, {@code orgs}: any space), and, when it {@code requires grant}, the cluster's built-in
 * {@code grants} parameter, the list of spaces its owner allows. A child names such a cluster with {@code
 * cluster-org} / {@code cluster-space} (names or GUIDs).
 *
 * <p>Race-free: the grant is checked again inside the transaction that stores the child, under the cluster row's lock
 * ({@link ChildStore#createChild(InstanceRecord, ChildAdmission)}); a grants update takes the same lock ({@link
 * InstanceStore#changeParametersAtOnce}) and is refused while a space it drops still has live children in the cluster.
 * Grants change at once, without a deployment, and only when sent alone and with no operation in progress (an
 * operation's end writes its own target parameters).
 *
 * <p>A refused access answers the seed's 400 exactly, the same whether the cluster exists in that space or not (for
 * an unknown cluster the GUID shown is derived from the org, space and name the requester gave, a stable stand-in
 * that looks like any other GUID).
 */
public final class ClusterSharing {

    /** The built-in cluster parameter listing the spaces a cluster is shared with. */
    public static final String GRANTS = BuiltInParameter.GRANTS.parameterName();

    private static final String CLUSTER_ORG = BuiltInParameter.CLUSTER_ORG.parameterName();
    private static final String CLUSTER_SPACE = BuiltInParameter.CLUSTER_SPACE.parameterName();
    private static final SharingScope NONE = SharingScope.NONE;
    private static final SharingScope SPACES = SharingScope.SPACES;

    private final InstanceStore instances;
    private final ParameterValidator validator;

    /** Sharing over {@code instances}; {@code validator} checks the grants of an update. */
    public ClusterSharing(InstanceStore instances, ParameterValidator validator) {
        this.instances = instances;
        this.validator = validator;
    }

    /**
     * Whether a child's {@code cluster-org} / {@code cluster-space} name another org or space than the requester's
     * own (each may be the GUID or the name; absent means the requester's own).
     */
    public static boolean namesOtherSpace(Placement requester, Map<String, Object> childParameters) {
        return !sameAs(childParameters.get(CLUSTER_ORG), requester.orgGuid(), requester.orgName())
                || !sameAs(childParameters.get(CLUSTER_SPACE), requester.spaceGuid(), requester.spaceName());
    }

    private static boolean sameAs(@Nullable Object requested, String guid, @Nullable String name) {
        return requested == null || requested.equals(guid) || requested.equals(name);
    }

    /**
     * The cluster a child names in another space ({@code cluster} by name or GUID, in {@code cluster-space} of {@code
     * cluster-org}, the requester's own org when absent), if the requester may use it.
     *
     * @throws ServiceBrokerInvalidParametersException (400) if the offering does not share clusters, or {@code
     *     cluster-org} names another org without {@code cluster-space}
     * @throws OsbRefusal (400, the seed's message) if there is no such cluster of this offering there, or the
     *     requester's space may not use it
     */
    public InstanceRecord otherSpaceCluster(
            OfferingModel offering,
            Placement requester,
            Map<String, Object> childParameters,
            @Nullable String requestingUser) {
        String name = String.valueOf(childParameters.get(BuiltInParameter.CLUSTER.parameterName()));
        if (offering.sharing().scope().equals(NONE)) {
            throw new ServiceBrokerInvalidParametersException("offering " + offering.name()
                    + " does not share clusters across spaces: `" + CLUSTER_ORG + "` and `" + CLUSTER_SPACE
                    + "` may only name your own org and space; create the database in the cluster's own space");
        }
        Object space = childParameters.get(CLUSTER_SPACE);
        if (space == null) {
            throw new ServiceBrokerInvalidParametersException("`" + CLUSTER_ORG + "` names another org: name the"
                    + " cluster's space too, with `" + CLUSTER_SPACE + "` (its name or GUID)");
        }
        String orgRef = Objects.toString(childParameters.get(CLUSTER_ORG), requester.orgGuid());
        String spaceRef = space.toString();
        Optional<InstanceRecord> found = instances.findCluster(orgRef, spaceRef, name);
        return found.filter(cluster -> cluster.serviceId().equals(offering.id()))
                .filter(cluster -> allows(offering, cluster, requester))
                .orElseThrow(() -> denied(
                        requestingUser,
                        found.map(InstanceRecord::id).orElseGet(() -> standInGuid(orgRef, spaceRef, name))));
    }

    /**
     * The last check of a child's creation, under the cluster row's lock: for a cluster of another space, that the
     * requester may still use it; for every cluster, the offering's {@code children_per_cluster} quota.
     */
    public ChildAdmission admission(
            OfferingModel offering, Placement requester, @Nullable String requestingUser, boolean otherSpace) {
        Integer limit = offering.limits().childrenPerCluster();
        return (cluster, liveChildren) -> {
            if (otherSpace && !allows(offering, cluster, requester)) {
                throw denied(requestingUser, cluster.id());
            }
            if (limit != null && liveChildren >= limit) {
                throw Quotas.childrenRefusal(offering, cluster, liveChildren, limit);
            }
        };
    }

    /** Whether a child of {@code requester}'s space may live in {@code cluster}, by the cluster's current grants. */
    static boolean allows(OfferingModel offering, InstanceRecord cluster, Placement requester) {
        return allows(offering, cluster, grants(cluster), requester);
    }

    private static boolean allows(
            OfferingModel offering, InstanceRecord cluster, List<SpaceGrant> grants, Placement requester) {
        if (requester.spaceGuid().equals(cluster.spaceGuid())) {
            return true;
        }
        SharingScope scope = offering.sharing().scope();
        if (scope.equals(NONE) || (scope.equals(SPACES) && !requester.orgGuid().equals(cluster.orgGuid()))) {
            return false;
        }
        return !offering.sharing().requiresGrant()
                || grants.stream().anyMatch(grant -> grant.covers(cluster.orgGuid(), requester));
    }

    private static List<SpaceGrant> grants(InstanceRecord cluster) {
        return SpaceGrant.of(StateJson.readMap(cluster.parametersJson()).get(GRANTS));
    }

    /** The seed's refusal: {@code requestingUser} may not use the cluster {@code clusterGuid}. */
    static OsbRefusal denied(@Nullable String requestingUser, String clusterGuid) {
        return new OsbRefusal(
                400,
                null,
                "requesting user (userGuid=" + Objects.requireNonNullElse(requestingUser, "unknown")
                        + ") has not permission to access cluster service-instance guid=" + clusterGuid);
    }

    /**
     * A GUID to show for a cluster that does not exist where the requester looked: the name itself if it is a GUID,
     * else one derived from what the requester gave (stable across retries, version 4 like platform GUIDs).
     */
    private static String standInGuid(String orgRef, String spaceRef, String name) {
        try {
            return UUID.fromString(name).toString().equals(name) ? name : derived(orgRef, spaceRef, name);
        } catch (IllegalArgumentException notAGuid) {
            return derived(orgRef, spaceRef, name);
        }
    }

    private static String derived(String orgRef, String spaceRef, String name) {
        UUID hashed = UUID.nameUUIDFromBytes(
                String.join("\n", "dedicate-cluster", orgRef, spaceRef, name).getBytes(StandardCharsets.UTF_8));
        long version4 = (hashed.getMostSignificantBits() & ~0xF000L) | 0x4000L;
        return new UUID(version4, hashed.getLeastSignificantBits()).toString();
    }

    // ------------------------------------------------------------------ grants

    /**
     * Checks the {@code grants} of a cluster create or update against the offering's scope: with sharing across
     * spaces, a grant names a space of the cluster's own org (its {@code org} omitted, or the org's GUID or name).
     *
     * @throws ServiceBrokerInvalidParametersException (400) naming the first grant that reaches outside the scope
     */
    public static void checkScope(
            OfferingModel offering, String clusterOrgGuid, @Nullable String clusterOrgName, @Nullable Object grants) {
        if (!offering.sharing().scope().equals(SPACES)) {
            return;
        }
        List<SpaceGrant> list = SpaceGrant.of(grants);
        for (int i = 0; i < list.size(); i++) {
            String org = list.get(i).org();
            if (org != null && !org.equals(clusterOrgGuid) && !org.equals(clusterOrgName)) {
                throw new ServiceBrokerInvalidParametersException("$.grants[" + i + "].org: offering "
                        + offering.name() + " shares clusters only with spaces of the cluster's own org ("
                        + Objects.requireNonNullElse(clusterOrgName, clusterOrgGuid) + "), not with org " + org
                        + ": leave `org` out or name the cluster's org");
            }
        }
    }

    /**
     * Replaces a ready cluster's grants at once (the update sent {@code grants} alone): no operation, no deployment.
     * Refused, changing nothing, while a space the new list drops still has live children in the cluster.
     *
     * @throws OsbRefusal (400) naming each such space and its children's GUIDs
     * @throws ServiceBrokerConcurrencyException (409) while an operation is in progress or the cluster is not ready
     */
    public void replaceGrants(
            OfferingModel offering, PlanModel plan, InstanceRecord cluster, Map<String, Object> requested) {
        Map<String, Object> current = StateJson.readMap(cluster.parametersJson());
        Object grants = validator
                .clusterUpdate(offering, plan, requested, current)
                .values()
                .get(GRANTS);
        checkScope(offering, cluster.orgGuid(), cluster.orgName(), grants);
        List<SpaceGrant> newGrants = SpaceGrant.of(grants);
        try {
            instances.changeParametersAtOnce(cluster.id(), (locked, children) -> {
                Map<String, List<String>> stranded = new TreeMap<>();
                for (InstanceRecord child : children) {
                    Placement space =
                            new Placement(child.orgGuid(), child.spaceGuid(), child.orgName(), child.spaceName(), null);
                    if (!allows(offering, locked, newGrants, space)) {
                        stranded.computeIfAbsent(spaceLabel(child), s -> new java.util.ArrayList<>())
                                .add(child.id());
                    }
                }
                if (!stranded.isEmpty()) {
                    throw revokeRefusal(stranded);
                }
                Map<String, Object> parameters = new LinkedHashMap<>(StateJson.readMap(locked.parametersJson()));
                parameters.put(GRANTS, grants == null ? List.of() : grants);
                return StateJson.write(parameters);
            });
        } catch (OperationInProgressException e) {
            throw new ServiceBrokerConcurrencyException("service instance " + cluster.id()
                    + " has an operation in progress (" + e.activeOperationId()
                    + "): change its grants when it ends");
        } catch (ClusterUnavailableException e) {
            throw new ServiceBrokerConcurrencyException("service instance " + cluster.id() + " is "
                    + e.status().wire() + ": its grants can be changed once it is ready");
        } catch (InstanceGoneException e) {
            throw new ServiceBrokerInvalidParametersException("service instance " + cluster.id() + " does not exist");
        }
    }

    private static String spaceLabel(InstanceRecord child) {
        return Objects.requireNonNullElse(child.orgName(), child.orgGuid()) + "/"
                + Objects.requireNonNullElse(child.spaceName(), child.spaceGuid());
    }

    private static OsbRefusal revokeRefusal(Map<String, List<String>> childrenBySpace) {
        String spaces = childrenBySpace.entrySet().stream()
                .map(entry -> "space " + entry.getKey() + " ("
                        + entry.getValue().stream().map(id -> "guid=" + id).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        return new OsbRefusal(
                400,
                null,
                "cannot revoke the grant of a space that still has child service instances in this cluster: " + spaces
                        + ". Delete them first, then update the grants again.");
    }
}
