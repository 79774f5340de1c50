package io.dedicate.bundle.render;

import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.PlanModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one operation's rendering needs.
 *
 * @param plan the instance's plan (the target plan during a plan change)
 * @param params the validated, normalised parameter values (String, Long, BigDecimal, Boolean)
 * @param operationKind {@code deploy}, {@code update}, {@code recreate}, {@code upgrade} or {@code delete}
 * @param reportUrl where the pipeline's last step reports the outcome
 * @param gitPath the instance's folder in the deployment repository
 */
public record OperationContext(
        OfferingModel offering,
        PlanModel plan,
        InstanceIdentity instance,
        Map<String, Object> params,
        String operationId,
        String operationKind,
        String reportUrl,
        String gitUri,
        String gitBranch,
        String gitPath) {

    public OperationContext {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public String toString() {
        return "OperationContext[offering=" + offering.name() + ", plan=" + plan.name() + ", instance=" + instance.id()
                + ", operation=" + operationId + " (" + operationKind + "), gitPath=" + gitPath + "]";
    }
}
