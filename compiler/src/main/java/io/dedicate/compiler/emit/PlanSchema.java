package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.Plan;
import java.util.List;

/**
 * One parameter schema of one plan: which OSB request it describes, where its file lives in the
 * bundle, and the parameters it lists. The single place that decides which plan gets which
 * schemas, shared by the catalog, schema and model emitters so they can never disagree:
 *
 * <ul>
 *   <li>cluster plans: {@code service_instance.create} (cluster create parameters) and {@code
 *       service_instance.update} (cluster update parameters); never a binding schema, they are not
 *       bindable;
 *   <li>child plans: {@code service_instance.create} (the built-in {@code cluster}, {@code
 *       cluster-org}, {@code cluster-space} and the child parameters) and {@code
 *       service_binding.create}; no update schema, a child is not updated in place.
 * </ul>
 *
 * @param request the OSB request: {@code service_instance.create}, {@code service_instance.update}
 *     or {@code service_binding.create} (also the schema file's base name)
 * @param path the schema file in the bundle ({@link BundleLayout})
 * @param parameters the parameters of that request, in declaration order
 * @param persistent for an update schema, the parameters the instance already has (from its
 *     create): when a request leaves one out its value stays as it is, so the update schema shows no
 *     default for it; empty for other schemas
 */
public record PlanSchema(String request, String path, List<Parameter> parameters, List<String> persistent) {

    public static final String INSTANCE_CREATE = PlanModel.INSTANCE_CREATE;
    public static final String INSTANCE_UPDATE = PlanModel.INSTANCE_UPDATE;
    public static final String BINDING_CREATE = PlanModel.BINDING_CREATE;

    public PlanSchema {
        parameters = List.copyOf(parameters);
        persistent = List.copyOf(persistent);
    }

    /** True for {@code service_instance.update}: absent parameters keep their current value. */
    public boolean update() {
        return request.equals(INSTANCE_UPDATE);
    }

    /** The OSB section of the plan's {@code schemas} object: {@code service_instance} or {@code service_binding}. */
    public String section() {
        return request.substring(0, request.indexOf('.'));
    }

    /** The OSB method inside that section: {@code create} or {@code update}. */
    public String method() {
        return request.substring(request.indexOf('.') + 1);
    }

    /** The schemas of {@code plan}, in the order the catalog lists them. */
    public static List<PlanSchema> of(Offering offering, Plan plan) {
        String service = offering.name();
        if (plan instanceof ClusterPlan) {
            return List.of(
                    new PlanSchema(
                            INSTANCE_CREATE,
                            BundleLayout.instanceCreateSchema(service, plan.name()),
                            offering.parameters().clusterCreate(),
                            List.of()),
                    new PlanSchema(
                            INSTANCE_UPDATE,
                            BundleLayout.instanceUpdateSchema(service, plan.name()),
                            offering.parameters().clusterUpdate(),
                            offering.parameters().clusterCreate().stream()
                                    .map(Parameter::name)
                                    .toList()));
        }
        if (plan instanceof ChildPlan) {
            return List.of(
                    new PlanSchema(
                            INSTANCE_CREATE,
                            BundleLayout.instanceCreateSchema(service, plan.name()),
                            offering.parameters().childCreate(),
                            List.of()),
                    new PlanSchema(
                            BINDING_CREATE,
                            BundleLayout.bindingCreateSchema(service, plan.name()),
                            offering.parameters().bindingCreate(),
                            List.of()));
        }
        throw new IllegalArgumentException("unknown kind of plan: " + plan);
    }
}
