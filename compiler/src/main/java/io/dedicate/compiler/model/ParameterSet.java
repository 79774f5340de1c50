package io.dedicate.compiler.model;

import java.util.List;

/**
 * Parameters per OSB request, fully expanded (each list is what one JSON Schema describes).
 *
 * @param clusterCreate {@code cluster} + {@code cluster create} parameters
 * @param clusterUpdate {@code cluster} parameters that are not create-only + {@code cluster update}
 * @param childCreate the built-in {@code cluster}, {@code cluster-org}, {@code cluster-space} +
 *     {@code child} parameters
 * @param bindingCreate {@code binding} parameters
 */
public record ParameterSet(
        List<Parameter> clusterCreate,
        List<Parameter> clusterUpdate,
        List<Parameter> childCreate,
        List<Parameter> bindingCreate) {

    public ParameterSet {
        clusterCreate = List.copyOf(clusterCreate);
        clusterUpdate = List.copyOf(clusterUpdate);
        childCreate = List.copyOf(childCreate);
        bindingCreate = List.copyOf(bindingCreate);
    }
}
