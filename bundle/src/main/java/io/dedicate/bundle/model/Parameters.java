package io.dedicate.bundle.model;

import java.util.List;

/**
 * An offering's parameters per request scope, each list in declaration order. A {@code create_only}
 * cluster parameter is absent from {@code clusterUpdate}.
 */
public record Parameters(
        List<ParameterModel> clusterCreate,
        List<ParameterModel> clusterUpdate,
        List<ParameterModel> childCreate,
        List<ParameterModel> bindingCreate) {

    public Parameters {
        clusterCreate = List.copyOf(clusterCreate);
        clusterUpdate = List.copyOf(clusterUpdate);
        childCreate = List.copyOf(childCreate);
        bindingCreate = List.copyOf(bindingCreate);
    }

    /** The parameters of {@code scope}. */
    public List<ParameterModel> of(ParameterScope scope) {
        return switch (scope) {
            case CLUSTER_CREATE -> clusterCreate;
            case CLUSTER_UPDATE -> clusterUpdate;
            case CHILD_CREATE -> childCreate;
            case BINDING_CREATE -> bindingCreate;
        };
    }
}
