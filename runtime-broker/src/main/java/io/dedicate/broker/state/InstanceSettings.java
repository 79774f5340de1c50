package io.dedicate.broker.state;

import org.jspecify.annotations.Nullable;

/**
 * What an instance is deployed with: its plan, its normalised non-secret parameters, its secret parameters sealed (see
 * {@code io.dedicate.broker.secrets.SecretBox}; {@code null} for none) and the maintenance version it runs. An
 * instance has its current settings; an operation carries target settings, which become the instance's when it
 * succeeds.
 */
public record InstanceSettings(
        String planId,
        String parametersJson,
        @Nullable String sealedSecretParameters,
        @Nullable String maintenanceVersion) {

    /** The same settings on another plan. */
    public InstanceSettings withPlanId(String otherPlanId) {
        return new InstanceSettings(otherPlanId, parametersJson, sealedSecretParameters, maintenanceVersion);
    }

    /** The same settings with other public parameters. */
    public InstanceSettings withParametersJson(String otherParametersJson) {
        return new InstanceSettings(planId, otherParametersJson, sealedSecretParameters, maintenanceVersion);
    }
}
