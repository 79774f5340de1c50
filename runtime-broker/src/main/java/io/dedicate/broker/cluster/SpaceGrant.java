package io.dedicate.broker.cluster;

import io.dedicate.broker.state.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a cluster's {@code grants}: a space allowed to create children in the cluster, and its org; each a
 * name or a GUID, matched against the requester's context (GUIDs, and the names the platform sent). A grant without
 * {@code org} names a space of the cluster's own org.
 */
record SpaceGrant(@Nullable String org, String space) {

    /** Whether this grant covers the space of {@code requester}, for a cluster of the org {@code clusterOrgGuid}. */
    boolean covers(String clusterOrgGuid, Placement requester) {
        boolean spaceMatches = space.equals(requester.spaceGuid()) || space.equals(requester.spaceName());
        boolean orgMatches = org == null
                ? requester.orgGuid().equals(clusterOrgGuid)
                : org.equals(requester.orgGuid()) || org.equals(requester.orgName());
        return spaceMatches && orgMatches;
    }

    /** {@code space}, or {@code org/space} when the grant names its org. */
    String display() {
        return org == null ? space : org + "/" + space;
    }

    /** The grants of a normalised {@code grants} value (a list of {org?, space} maps); absent means none. */
    static List<SpaceGrant> of(@Nullable Object value) {
        if (!(value instanceof List<?> entries)) {
            return List.of();
        }
        List<SpaceGrant> grants = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.get("space") instanceof String space) {
                Object org = map.get("org");
                grants.add(new SpaceGrant(org instanceof String text ? text : null, space));
            }
        }
        return List.copyOf(grants);
    }
}
