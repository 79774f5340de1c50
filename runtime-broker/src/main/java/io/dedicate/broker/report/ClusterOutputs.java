package io.dedicate.broker.report;

import io.dedicate.broker.cluster.StateJson;
import io.dedicate.broker.secrets.SecretBox;
import io.dedicate.broker.state.InstanceRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cluster's pipeline reported as its outputs (its admin endpoint, its own broker's URL...), the secret ones
 * unsealed: what a child driver needs to reach the cluster. Unsealed values live only in the returned map.
 */
public final class ClusterOutputs {

    private ClusterOutputs() {}

    /** Every output {@code cluster} reported, secret ones unsealed with {@code secrets}; empty before any report. */
    public static Map<String, Object> of(InstanceRecord cluster, SecretBox secrets) {
        Map<String, Object> outputs = new LinkedHashMap<>(StateJson.readMap(cluster.outputsJson()));
        String sealed = cluster.sealedSecretOutputs();
        if (sealed != null) {
            outputs.putAll(StateJson.readMap(secrets.open(sealed, OperationReports.outputsContext(cluster.id()))));
        }
        return outputs;
    }
}
