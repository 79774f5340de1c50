package io.dedicate.compiler.emit;

import io.dedicate.bundle.BundleDigest;
import io.dedicate.bundle.BundleLayout;
import io.dedicate.bundle.model.Automation;
import io.dedicate.bundle.model.BundleModel;
import io.dedicate.bundle.model.ClusterOperation;
import io.dedicate.bundle.model.Driver;
import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.DriverSetting;
import io.dedicate.bundle.model.DriverSettings;
import io.dedicate.bundle.model.Limits;
import io.dedicate.bundle.model.MaintenanceInfo;
import io.dedicate.bundle.model.ModelWriter;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.OutputModel;
import io.dedicate.bundle.model.ParameterConstraints;
import io.dedicate.bundle.model.ParameterFlags;
import io.dedicate.bundle.model.ParameterModel;
import io.dedicate.bundle.model.Parameters;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.Sharing;
import io.dedicate.bundle.model.SharingScope;
import io.dedicate.bundle.model.Sizing;
import io.dedicate.bundle.model.TemplatePaths;
import io.dedicate.bundle.model.Trigger;
import io.dedicate.bundle.model.WhenAbsent;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterType;
import io.dedicate.compiler.model.Plan;
import io.dedicate.compiler.model.Stemcell;
import io.dedicate.compiler.model.Terraform;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code model.json}: maps the offerings onto the bundle's typed records ({@link
 * BundleModel}, whose package documents the format) and writes them with {@link ModelWriter}. It
 * runs last: it digests every other file of the bundle.
 */
public final class ModelEmitter implements Emitter {

    @Override
    public String name() {
        return "model";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        String digest = BundleDigest.of(manifest.files());
        manifest.writeFile(BundleLayout.MODEL, ModelWriter.write(model(offerings, digest)));
    }

    static BundleModel model(List<Offering> offerings, String digest) {
        return new BundleModel(
                digest,
                BundleLayout.META_PIPELINE,
                TemplateContract.VARIABLES,
                offerings.stream().map(ModelEmitter::offering).toList());
    }

    private static OfferingModel offering(Offering offering) {
        return new OfferingModel(
                offering.name(),
                offering.catalog().id(),
                offering.version(),
                new MaintenanceInfo(
                        offering.catalog().maintenanceInfo().version(),
                        offering.catalog().maintenanceInfo().description()),
                offering.plans().all().stream()
                        .map(plan -> plan(offering, plan))
                        .toList(),
                parameters(offering),
                templates(offering),
                automation(offering),
                offering.outputs().stream().map(ModelEmitter::output).toList(),
                new Sharing(
                        SharingScope.valueOf(offering.policy().sharing().scope().name()),
                        offering.policy().sharing().requiresGrant()),
                new Limits(
                        offering.policy().limits().clustersPerOrg(),
                        offering.policy().limits().childrenPerCluster()));
    }

    private static PlanModel plan(Offering offering, Plan plan) {
        List<String> upgradesTo = offering.plans().upgradeTargets(plan.name());
        Map<String, String> schemas = new LinkedHashMap<>();
        for (PlanSchema schema : PlanSchema.of(offering, plan)) {
            schemas.put(schema.request(), schema.path());
        }
        if (plan instanceof ClusterPlan cluster) {
            io.dedicate.compiler.model.Sizing sizing = cluster.sizing();
            return PlanModel.cluster(
                    plan.name(),
                    plan.id(),
                    new Sizing(sizing.instances(), sizing.vmType(), sizing.diskMb(), sizing.azs()),
                    plan.maxPollingSeconds(),
                    upgradesTo,
                    schemas);
        }
        ChildPlan child = (ChildPlan) plan;
        return PlanModel.child(plan.name(), plan.id(), driver(child), plan.maxPollingSeconds(), upgradesTo, schemas);
    }

    /** The plan's driver; the validation made sure it is a known one with only its own settings. */
    private static Driver driver(ChildPlan plan) {
        String name = plan.driver().name();
        DriverKind driver =
                DriverKind.named(name).orElseThrow(() -> new IllegalStateException("driver not validated: " + name));
        Map<DriverSetting, Object> settings = new LinkedHashMap<>();
        plan.driver()
                .settings()
                .forEach((key, value) -> settings.put(
                        driver.setting(key)
                                .orElseThrow(() -> new IllegalStateException("driver setting not validated: " + key)),
                        value));
        return new Driver(driver, new DriverSettings(settings));
    }

    private static Parameters parameters(Offering offering) {
        Set<String> clusterParameters = new LinkedHashSet<>();
        offering.parameters().clusterCreate().forEach(p -> clusterParameters.add(p.name()));
        return new Parameters(
                offering.parameters().clusterCreate().stream()
                        .map(p -> parameter(p, false))
                        .toList(),
                offering.parameters().clusterUpdate().stream()
                        .map(p -> parameter(p, clusterParameters.contains(p.name())))
                        .toList(),
                offering.parameters().childCreate().stream()
                        .map(p -> parameter(p, false))
                        .toList(),
                offering.parameters().bindingCreate().stream()
                        .map(p -> parameter(p, false))
                        .toList());
    }

    /**
     * One parameter. {@code keepWhenAbsent}: an update of a parameter the cluster already has (from
     * its create), which a request may leave out to keep its value, so it is never required.
     */
    private static ParameterModel parameter(Parameter parameter, boolean keepWhenAbsent) {
        return new ParameterModel(
                parameter.name(),
                type(parameter.type()),
                new ParameterFlags(
                        parameter.is(Parameter.Flag.REQUIRED) && !keepWhenAbsent,
                        parameter.is(Parameter.Flag.CREATE_ONLY),
                        parameter.is(Parameter.Flag.SECRET),
                        parameter.is(Parameter.Flag.BUILT_IN)),
                keepWhenAbsent ? WhenAbsent.KEEP : WhenAbsent.DEFAULT,
                parameter.defaultValue(),
                new ParameterConstraints(
                        bound(parameter.constraints().minimum()),
                        bound(parameter.constraints().maximum()),
                        parameter.constraints().minLength(),
                        parameter.constraints().maxLength(),
                        pattern(parameter),
                        parameter.type() == ParameterType.ENUM
                                ? parameter.constraints().enumValues()
                                : null));
    }

    /** A range bound as the schemas write it: a whole number as a {@code Long} when it fits one. */
    private static @Nullable Number bound(@Nullable BigDecimal bound) {
        if (bound == null) {
            return null;
        }
        Object number = ParameterSchema.number(bound);
        if (number instanceof BigInteger whole) {
            return whole.bitLength() < Long.SIZE ? (Number) whole.longValue() : new BigDecimal(whole);
        }
        return (BigDecimal) number;
    }

    private static @Nullable String pattern(Parameter parameter) {
        return switch (parameter.type()) {
            case BYTES -> ParameterSchema.BYTES_PATTERN;
            case DURATION -> ParameterSchema.DURATION_PATTERN;
            default -> parameter.constraints().pattern();
        };
    }

    static io.dedicate.bundle.model.ParameterType type(ParameterType type) {
        return switch (type) {
            case STRING -> io.dedicate.bundle.model.ParameterType.STRING;
            case INTEGER -> io.dedicate.bundle.model.ParameterType.INTEGER;
            case NUMBER -> io.dedicate.bundle.model.ParameterType.NUMBER;
            case BOOLEAN -> io.dedicate.bundle.model.ParameterType.BOOLEAN;
            case BYTES -> io.dedicate.bundle.model.ParameterType.BYTES;
            case DURATION -> io.dedicate.bundle.model.ParameterType.DURATION;
            case ENUM -> io.dedicate.bundle.model.ParameterType.ENUM;
            case GRANTS -> io.dedicate.bundle.model.ParameterType.GRANTS;
        };
    }

    /**
     * Template paths by operation: every kind renders the one pipeline template; recreate and upgrade
     * act on a BOSH deployment, so they exist only when there is one, as does the manifest.
     */
    private static TemplatePaths templates(Offering offering) {
        boolean bosh = !offering.automation().deployment().instanceGroups().isEmpty();
        Map<String, String> pipelines = new LinkedHashMap<>();
        for (Operation operation : offering.automation().operations()) {
            pipelines.put(operation.label(), BundleLayout.pipeline(offering.name(), BundleLayout.INSTANCE_PIPELINE));
        }
        Map<String, String> hookOps = new LinkedHashMap<>();
        for (Hook hook : offering.automation().hooks()) {
            hookOps.put(hook.name(), BundleLayout.hookOps(offering.name(), hook.name()));
        }
        return new TemplatePaths(pipelines, bosh ? BundleLayout.manifest(offering.name()) : null, hookOps);
    }

    private static Automation automation(Offering offering) {
        io.dedicate.compiler.model.Automation automated = offering.automation();
        Stemcell stemcell = automated.stemcell();
        Terraform terraform = automated.terraform();
        return new Automation(
                automated.releases().stream()
                        .map(r -> new Automation.Release(r.name(), r.version(), r.url(), r.sha1()))
                        .toList(),
                stemcell == null ? null : new Automation.Stemcell(stemcell.os(), stemcell.version()),
                automated.errands().stream()
                        .map(e -> new Automation.Errand(e.name(), e.instanceGroup(), triggers(e.triggers())))
                        .toList(),
                automated.hooks().stream()
                        .map(h -> new Automation.Hook(
                                h.name(),
                                h.sharedDeployment(),
                                triggers(h.register()),
                                triggers(h.deregister()),
                                BundleLayout.hookOps(offering.name(), h.name())))
                        .toList(),
                automated.apps().stream().map(a -> new Automation.App(a.name())).toList(),
                terraform == null ? null : new Automation.Terraform(terraform.moduleSource()));
    }

    private static List<Trigger> triggers(List<io.dedicate.compiler.model.Trigger> triggers) {
        return triggers.stream()
                .map(t -> new Trigger(
                        Trigger.When.valueOf(t.when().name()),
                        ClusterOperation.valueOf(t.operation().name())))
                .toList();
    }

    private static OutputModel output(Output output) {
        return new OutputModel(output.name(), type(output.type()), output.secret(), output.description());
    }
}
