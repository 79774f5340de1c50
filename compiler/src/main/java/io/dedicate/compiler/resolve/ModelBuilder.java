package io.dedicate.compiler.resolve;

import io.dedicate.bundle.model.BuiltInParameter;
import io.dedicate.bundle.model.DriverKind;
import io.dedicate.bundle.model.Quantity;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.model.App;
import io.dedicate.compiler.model.Automation;
import io.dedicate.compiler.model.BrokerPolicy;
import io.dedicate.compiler.model.CatalogEntry;
import io.dedicate.compiler.model.ChildPlan;
import io.dedicate.compiler.model.ClusterPlan;
import io.dedicate.compiler.model.Cost;
import io.dedicate.compiler.model.Deployment;
import io.dedicate.compiler.model.Driver;
import io.dedicate.compiler.model.Errand;
import io.dedicate.compiler.model.Expression;
import io.dedicate.compiler.model.Hook;
import io.dedicate.compiler.model.InstanceGroup;
import io.dedicate.compiler.model.Job;
import io.dedicate.compiler.model.Limits;
import io.dedicate.compiler.model.MaintenanceInfo;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Operation;
import io.dedicate.compiler.model.Output;
import io.dedicate.compiler.model.Parameter;
import io.dedicate.compiler.model.ParameterSet;
import io.dedicate.compiler.model.ParameterType;
import io.dedicate.compiler.model.PipelineSettings;
import io.dedicate.compiler.model.Plan;
import io.dedicate.compiler.model.PlanMetadata;
import io.dedicate.compiler.model.PlanTransition;
import io.dedicate.compiler.model.Plans;
import io.dedicate.compiler.model.Release;
import io.dedicate.compiler.model.ServiceMetadata;
import io.dedicate.compiler.model.Sharing;
import io.dedicate.compiler.model.Sizing;
import io.dedicate.compiler.model.Stemcell;
import io.dedicate.compiler.model.Terraform;
import io.dedicate.compiler.model.Trigger;
import io.dedicate.compiler.model.Variable;
import io.dedicate.dsl.SourceSpan;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.Setting;
import io.dedicate.dsl.ast.TerraformSetting;
import io.dedicate.dsl.ast.Text;
import io.dedicate.dsl.ast.Timing;
import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the immutable {@link Offering} model from an offering that validated without errors.
 *
 * <p>Normalises as the model's Javadoc says: disk and memory in MB, durations in seconds, byte
 * sizes in bytes (parameter defaults keep their written form), IDs declared or derived by {@link
 * NameBasedIds}, {@code free} true unless {@code free false} or costs, parameters expanded per
 * request, {@code maintenance_info} derived from the offering, release and stemcell versions. The
 * service's {@code plan_updateable} is as written, else true when the offering declares upgrades
 * (a plan change must be accepted for an upgrade path to be usable).
 *
 * <p>It trusts the validation: on an offering with errors it may throw {@link
 * IllegalStateException}.
 */
public final class ModelBuilder {

    /** The built-in parameters every child plan gets, before the offering's {@code child} ones. */
    public static final List<Parameter> CHILD_BUILT_INS =
            BuiltInParameter.CHILD.stream().map(ModelBuilder::builtIn).toList();

    /** The built-in {@link BuiltInParameter#RECREATE} of every cluster update of an offering with a BOSH deployment. */
    public static final Parameter RECREATE = builtIn(BuiltInParameter.RECREATE);

    /** The built-in {@link BuiltInParameter#GRANTS} of every cluster create and update of an offering that shares clusters. */
    public static final Parameter GRANTS = builtIn(BuiltInParameter.GRANTS);

    private final ExpandedOffering source;

    private ModelBuilder(ExpandedOffering source) {
        this.source = source;
    }

    /** The model of a validated offering. */
    public static Offering build(ExpandedOffering source) {
        return new ModelBuilder(source).offering();
    }

    private Offering offering() {
        String name = source.name();
        String version = source.ast().version().value();
        List<Release> releases = source.members(Member.Release.class).stream()
                .map(r -> new Release(
                        r.name().value(), r.version().value(), textOrNull(r.url()), textOrNull(r.sha1()), r.span()))
                .toList();
        Stemcell stemcell = first(Member.Stemcell.class)
                .map(s -> new Stemcell(s.os().value(), s.version().value(), s.span()))
                .orElse(null);
        Deployment deployment = deployment();
        List<PlanTransition> upgrades = source.members(Member.Upgrade.class).stream()
                .map(u -> new PlanTransition(u.from().value(), u.to().value(), u.span()))
                .toList();
        return new Offering(
                name,
                version,
                new CatalogEntry(
                        metadata(Member.MetadataKey.ID).orElseGet(() -> NameBasedIds.serviceId(name)),
                        serviceMetadata(!upgrades.isEmpty()),
                        maintenanceInfo(name, version, releases, stemcell)),
                new Plans(plans(deployment), upgrades),
                parameters(deployment),
                Automation.deploying(deployment)
                        .releases(releases)
                        .stemcell(stemcell)
                        .errands(errands())
                        .hooks(hooks())
                        .apps(apps())
                        .terraform(terraform())
                        .pipeline(pipeline())
                        .build(),
                outputs(),
                new BrokerPolicy(sharing(), limits()),
                source.ast().span());
    }

    private Sharing sharing() {
        return first(Member.Sharing.class)
                .map(s -> new Sharing(Sharing.Scope.valueOf(s.scope().name()), s.requiresGrant()))
                .orElse(Sharing.NONE);
    }

    // ------------------------------------------------------------ catalog metadata

    private ServiceMetadata serviceMetadata(boolean hasUpgrades) {
        return new ServiceMetadata(
                metadata(Member.MetadataKey.DESCRIPTION).orElseThrow(() -> notValidated("description")),
                metadata(Member.MetadataKey.DISPLAY_NAME).orElse(null),
                metadata(Member.MetadataKey.LONG_DESCRIPTION).orElse(null),
                metadata(Member.MetadataKey.PROVIDER).orElse(null),
                metadata(Member.MetadataKey.DOCUMENTATION_URL).orElse(null),
                metadata(Member.MetadataKey.SUPPORT_URL).orElse(null),
                metadata(Member.MetadataKey.IMAGE_URL).orElse(null),
                source.members(Member.Tags.class).stream()
                        .flatMap(t -> t.tags().stream())
                        .map(Text::value)
                        .distinct()
                        .toList(),
                flag(Member.FlagKey.SHAREABLE).orElse(false),
                flag(Member.FlagKey.INSTANCES_RETRIEVABLE).orElse(false),
                flag(Member.FlagKey.BINDINGS_RETRIEVABLE).orElse(false),
                flag(Member.FlagKey.ALLOW_CONTEXT_UPDATES).orElse(false),
                flag(Member.FlagKey.PLAN_UPDATEABLE).orElse(hasUpgrades));
    }

    private Optional<String> metadata(Member.MetadataKey key) {
        return source.metadata(key).stream().findFirst().map(m -> m.value().value());
    }

    private Optional<Boolean> flag(Member.FlagKey key) {
        return source.members(Member.Flag.class).stream()
                .filter(f -> f.key() == key)
                .findFirst()
                .map(Member.Flag::value);
    }

    // ------------------------------------------------------------ plans

    private List<Plan> plans(Deployment deployment) {
        List<Plan> plans = new ArrayList<>();
        for (Member.Plan plan : source.plans()) {
            plans.add(plan.kind() == Member.PlanKind.CLUSTER ? clusterPlan(plan, deployment) : childPlan(plan));
        }
        return plans;
    }

    private ClusterPlan clusterPlan(Member.Plan plan, Deployment deployment) {
        Map<String, Integer> declared = new LinkedHashMap<>();
        settings(plan, PlanSetting.Instances.class)
                .flatMap(i -> i.counts().stream())
                .forEach(c -> declared.putIfAbsent(c.group().value(), intValue(c.count())));
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (InstanceGroup group : deployment.instanceGroups()) {
            if (group.errand()) {
                continue;
            }
            Integer fixed = group.instances();
            Integer count = fixed != null ? fixed : declared.get(group.name());
            if (count == null) {
                throw notValidated("instances of group " + group.name() + " in plan " + plan.name());
            }
            instances.put(group.name(), count);
        }
        Sizing sizing = new Sizing(
                instances,
                setting(plan, PlanSetting.VmType.class)
                        .map(v -> v.vmType().value())
                        .orElse(null),
                setting(plan, PlanSetting.Disk.class)
                        .map(d -> megabytes(d.size()))
                        .orElse(null),
                setting(plan, PlanSetting.Azs.class).map(a -> names(a.azs())).orElse(List.of()));
        return new ClusterPlan(
                plan.name().value(),
                planId(plan),
                planMetadata(plan),
                sizing,
                maxPolling(plan),
                setting(plan, PlanSetting.Updateable.class)
                        .map(PlanSetting.Updateable::value)
                        .orElse(null),
                plan.span());
    }

    private ChildPlan childPlan(Member.Plan plan) {
        PlanSetting.Driver driver = setting(plan, PlanSetting.Driver.class)
                .orElseThrow(() -> notValidated("driver of plan " + plan.name()));
        DriverKind known =
                DriverKind.named(driver.driver().value()).orElseThrow(() -> notValidated("driver " + driver));
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : driver.settings()) {
            SettingKind kind = SettingBlock.of(known)
                    .key(setting.key().value())
                    .orElseThrow(() -> notValidated("driver setting " + setting.key()))
                    .kind();
            settings.putIfAbsent(setting.key().value(), settingValue(setting.value(), kind));
        }
        return new ChildPlan(
                plan.name().value(),
                planId(plan),
                planMetadata(plan),
                new Driver(known.driverName(), settings, driver.span()),
                maxPolling(plan),
                plan.span());
    }

    private String planId(Member.Plan plan) {
        return planText(plan, PlanSetting.PlanMetadataKey.ID)
                .orElseGet(() -> NameBasedIds.planId(source.name(), plan.name().value()));
    }

    private PlanMetadata planMetadata(Member.Plan plan) {
        List<Cost> costs = settings(plan, PlanSetting.Cost.class)
                .map(c -> new Cost(
                        c.amount().value(),
                        c.currency().value(),
                        costUnit(c.unit().value())))
                .toList();
        boolean free = setting(plan, PlanSetting.Free.class)
                .map(PlanSetting.Free::value)
                .orElse(costs.isEmpty());
        return new PlanMetadata(
                planText(plan, PlanSetting.PlanMetadataKey.DESCRIPTION)
                        .orElseThrow(() -> notValidated("description of plan " + plan.name())),
                planText(plan, PlanSetting.PlanMetadataKey.DISPLAY_NAME).orElse(null),
                free,
                costs,
                settings(plan, PlanSetting.Bullets.class)
                        .flatMap(b -> b.bullets().stream())
                        .map(Text::value)
                        .toList());
    }

    /** {@code month} is OSB's {@code MONTHLY}, and so on; other units upper-cased as written. */
    static String costUnit(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "month" -> "MONTHLY";
            case "year" -> "YEARLY";
            case "day" -> "DAILY";
            case "hour" -> "HOURLY";
            default -> word.toUpperCase(Locale.ROOT);
        };
    }

    private @Nullable Long maxPolling(Member.Plan plan) {
        return setting(plan, PlanSetting.MaxPolling.class)
                .map(m -> seconds(m.duration()))
                .orElse(null);
    }

    private static Optional<String> planText(Member.Plan plan, PlanSetting.PlanMetadataKey key) {
        return settings(plan, PlanSetting.Metadata.class)
                .filter(m -> m.key() == key)
                .findFirst()
                .map(m -> m.value().value());
    }

    private static <T extends PlanSetting> Stream<T> settings(Member.Plan plan, Class<T> kind) {
        return plan.settings().stream().filter(kind::isInstance).map(kind::cast);
    }

    private static <T extends PlanSetting> Optional<T> setting(Member.Plan plan, Class<T> kind) {
        return settings(plan, kind).findFirst();
    }

    // ------------------------------------------------------------ parameters

    private ParameterSet parameters(@Nullable Deployment deployment) {
        List<Parameter> cluster = parameters(Member.ParameterScope.CLUSTER);
        List<Parameter> sharing = sharing().scope() == Sharing.Scope.NONE ? List.of() : List.of(GRANTS);
        List<Parameter> clusterCreate =
                concat(concat(cluster, parameters(Member.ParameterScope.CLUSTER_CREATE)), sharing);
        List<Parameter> clusterUpdate = concat(
                concat(
                        concat(
                                cluster.stream()
                                        .filter(p -> !p.is(Parameter.Flag.CREATE_ONLY))
                                        .toList(),
                                parameters(Member.ParameterScope.CLUSTER_UPDATE)),
                        deployment == null ? List.of() : List.of(RECREATE)),
                sharing);
        List<Parameter> childCreate = concat(CHILD_BUILT_INS, parameters(Member.ParameterScope.CHILD));
        return new ParameterSet(clusterCreate, clusterUpdate, childCreate, parameters(Member.ParameterScope.BINDING));
    }

    private List<Parameter> parameters(Member.ParameterScope scope) {
        return source.parameters(scope).stream().map(ModelBuilder::parameter).toList();
    }

    /** One declared parameter, normalised (see {@link Parameter}). */
    public static Parameter parameter(ParameterDecl decl) {
        ParameterType type = ParameterType.valueOf(decl.type().kind().name());
        Optional<ParameterOption.Range> range = option(decl, ParameterOption.Range.class);
        Optional<ParameterOption.Length> length = option(decl, ParameterOption.Length.class);
        Value defaultValue = decl.defaultValue();
        Text description = decl.description();
        return new Parameter(
                decl.name().value(),
                type,
                description == null ? null : description.value(),
                option(decl, ParameterOption.Example.class)
                        .map(e -> jsonValue(e.value()))
                        .orElse(null),
                defaultValue == null ? null : jsonValue(defaultValue),
                flags(decl),
                new Parameter.Constraints(
                        range.map(ParameterOption.Range::min)
                                .map(ModelBuilder::bound)
                                .orElse(null),
                        range.map(ParameterOption.Range::max)
                                .map(ModelBuilder::bound)
                                .orElse(null),
                        length.map(ParameterOption.Length::min)
                                .map(ModelBuilder::intValue)
                                .orElse(null),
                        length.map(ParameterOption.Length::max)
                                .map(ModelBuilder::intValue)
                                .orElse(null),
                        option(decl, ParameterOption.Pattern.class)
                                .map(p -> p.regex().value())
                                .orElse(null),
                        decl.type().enumValues().stream()
                                .map(ModelBuilder::jsonValue)
                                .toList()),
                decl.span());
    }

    /** A built-in parameter as the bundle's contract defines it. */
    private static Parameter builtIn(BuiltInParameter builtIn) {
        ParameterType type = switch (builtIn.type()) {
            case STRING -> ParameterType.STRING;
            case BOOLEAN -> ParameterType.BOOLEAN;
            case GRANTS -> ParameterType.GRANTS;
            default -> throw new IllegalArgumentException("no built-in parameter of type " + builtIn.type());
        };
        return Parameter.builtIn(
                builtIn.parameterName(), type, builtIn.description(), builtIn.defaultValue(), builtIn.required());
    }

    /** The declared flags, by the same names in the model. */
    private static Set<Parameter.Flag> flags(ParameterDecl decl) {
        Set<Parameter.Flag> flags = EnumSet.noneOf(Parameter.Flag.class);
        for (ParameterOption option : decl.options()) {
            if (option instanceof ParameterOption.Flag flag) {
                flags.add(Parameter.Flag.valueOf(flag.kind().name()));
            }
        }
        return flags;
    }

    private static <T extends ParameterOption> Optional<T> option(ParameterDecl decl, Class<T> kind) {
        return decl.options().stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** A default, example or enum value as JSON; quantities keep their written form. */
    static Object jsonValue(Value value) {
        if (value instanceof Value.Quantity q) {
            return q.text();
        }
        return ExpressionResolver.literal(value);
    }

    /** A range bound in the type's unit: the number, or bytes / seconds for a quantity. */
    static BigDecimal bound(Value value) {
        if (value instanceof Value.Num n) {
            return n.value();
        }
        if (value instanceof Value.Quantity q) {
            return Quantity.parse(q.text())
                    .map(Quantity::base)
                    .orElseThrow(() -> notValidated("quantity " + q.text()))
                    .stripTrailingZeros()
                    .setScale(0);
        }
        throw notValidated("range bound " + value);
    }

    // ------------------------------------------------------------ deployment

    private Deployment deployment() {
        Expression name = source.deploymentSettings(DeploymentSetting.DeploymentName.class).stream()
                .findFirst()
                .map(n -> ExpressionResolver.resolve(n.value()))
                .orElseGet(this::defaultDeploymentName);
        String network = source.deploymentSettings(DeploymentSetting.Network.class).stream()
                .findFirst()
                .map(n -> n.network().value())
                .orElse(null);
        Map<String, Object> update = new LinkedHashMap<>();
        source.deploymentSettings(DeploymentSetting.Update.class).stream()
                .findFirst()
                .ifPresent(u -> u.settings()
                        .forEach(s -> update.putIfAbsent(
                                s.key().value(),
                                settingValue(
                                        s.value(),
                                        SettingBlock.UPDATE
                                                .key(s.key().value())
                                                .map(SettingBlock.Key::kind)
                                                .orElse(SettingKind.STRING)))));
        return new Deployment(
                name,
                network,
                update,
                source.instanceGroups().stream().map(this::instanceGroup).toList(),
                source.variables().stream().map(ModelBuilder::variable).toList());
    }

    /** {@code "<offering>-" + instance.id}. */
    private Expression defaultDeploymentName() {
        SourceSpan at = source.ast().name().span();
        return new Expression.Concat(
                List.of(new Expression.Literal(source.name() + "-", at), new Expression.InstanceRef("id", at)), at);
    }

    private InstanceGroup instanceGroup(DeploymentSetting.InstanceGroup group) {
        List<GroupSetting> settings = group.settings();
        return new InstanceGroup(
                group.name().value(),
                groupSetting(settings, GroupSetting.Lifecycle.class)
                        .map(l -> l.lifecycle().value().equals("errand"))
                        .orElse(false),
                groupSetting(settings, GroupSetting.Instances.class)
                        .map(i -> intValue(i.count()))
                        .orElse(null),
                groupSetting(settings, GroupSetting.VmType.class)
                        .map(v -> v.vmType().value())
                        .orElse(null),
                groupSetting(settings, GroupSetting.Disk.class)
                        .map(d -> megabytes(d.size()))
                        .orElse(null),
                groupSetting(settings, GroupSetting.Networks.class)
                        .map(n -> names(n.networks()))
                        .orElse(List.of()),
                groupSetting(settings, GroupSetting.Azs.class)
                        .map(a -> names(a.azs()))
                        .orElse(List.of()),
                settings.stream()
                        .filter(GroupSetting.Job.class::isInstance)
                        .map(GroupSetting.Job.class::cast)
                        .map(j -> new Job(
                                j.name().value(),
                                j.release().value(),
                                j.properties().stream()
                                        .map(p -> new Job.Property(
                                                names(p.path()), ExpressionResolver.resolve(p.value()), p.span()))
                                        .toList(),
                                j.span()))
                        .toList(),
                group.span());
    }

    private static <T extends GroupSetting> Optional<T> groupSetting(List<GroupSetting> settings, Class<T> kind) {
        return settings.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    private static Variable variable(DeploymentSetting.Variable variable) {
        Map<String, Expression> options = new LinkedHashMap<>();
        variable.options().forEach(o -> options.putIfAbsent(o.key().value(), ExpressionResolver.resolve(o.value())));
        return new Variable(variable.name().value(), variable.type().value(), options, variable.span());
    }

    // ------------------------------------------------------------ day-2 automation

    private List<Errand> errands() {
        return source.members(Member.Errand.class).stream()
                .map(e -> {
                    Name on = e.on();
                    return new Errand(
                            e.name().value(), on == null ? null : on.value(), triggers(e.timings()), e.span());
                })
                .toList();
    }

    private List<Hook> hooks() {
        return source.members(Member.Hook.class).stream()
                .map(h -> new Hook(
                        h.name().value(),
                        h.sharedDeployment().value(),
                        triggers(hookSettings(h, HookSetting.Register.class)
                                .flatMap(r -> r.timings().stream())
                                .toList()),
                        triggers(hookSettings(h, HookSetting.Deregister.class)
                                .flatMap(r -> r.timings().stream())
                                .toList()),
                        hookSettings(h, HookSetting.Ops.class)
                                .map(o -> new Hook.OpsEntry(
                                        o.path().value(), ExpressionResolver.resolve(o.value()), o.span()))
                                .toList(),
                        h.span()))
                .toList();
    }

    private static <T extends HookSetting> Stream<T> hookSettings(Member.Hook hook, Class<T> kind) {
        return hook.settings().stream().filter(kind::isInstance).map(kind::cast);
    }

    /** Every (when, operation) pair the timings name, in order, each once. */
    static List<Trigger> triggers(List<Timing> timings) {
        LinkedHashSet<Trigger> triggers = new LinkedHashSet<>();
        for (Timing timing : timings) {
            Trigger.When when = Trigger.When.valueOf(timing.when().name());
            for (Timing.PhaseRef phase : timing.phases()) {
                triggers.add(new Trigger(when, Operation.valueOf(phase.phase().name())));
            }
        }
        return List.copyOf(triggers);
    }

    private List<App> apps() {
        return source.members(Member.App.class).stream().map(ModelBuilder::app).toList();
    }

    private static App app(Member.App app) {
        AppSetting.Target target = appSetting(app, AppSetting.Target.class)
                .findFirst()
                .orElseThrow(() -> notValidated("target of app " + app.name()));
        Map<String, Expression> env = new LinkedHashMap<>();
        appSetting(app, AppSetting.Env.class)
                .forEach(e -> env.putIfAbsent(e.name().value(), ExpressionResolver.resolve(e.value())));
        return new App(
                app.name().value(),
                appSetting(app, AppSetting.Source.class)
                        .findFirst()
                        .map(s -> s.location().value())
                        .orElseThrow(() -> notValidated("source of app " + app.name())),
                appSetting(app, AppSetting.Buildpack.class)
                        .findFirst()
                        .map(b -> b.buildpack().value())
                        .orElse(null),
                appSetting(app, AppSetting.Memory.class)
                        .findFirst()
                        .map(m -> megabytes(m.size()))
                        .orElse(null),
                appSetting(app, AppSetting.Disk.class)
                        .findFirst()
                        .map(d -> megabytes(d.size()))
                        .orElse(null),
                appSetting(app, AppSetting.Instances.class)
                        .findFirst()
                        .map(i -> intValue(i.count()))
                        .orElse(1),
                ExpressionResolver.resolve(target.org()),
                ExpressionResolver.resolve(target.space()),
                appSetting(app, AppSetting.Route.class)
                        .findFirst()
                        .map(r -> ExpressionResolver.resolve(r.route()))
                        .orElse(null),
                env,
                app.span());
    }

    private static <T extends AppSetting> Stream<T> appSetting(Member.App app, Class<T> kind) {
        return app.settings().stream().filter(kind::isInstance).map(kind::cast);
    }

    private @Nullable Terraform terraform() {
        return first(Member.Terraform.class)
                .map(t -> {
                    Map<String, Expression> vars = new LinkedHashMap<>();
                    String module = null;
                    for (TerraformSetting setting : t.settings()) {
                        if (setting instanceof TerraformSetting.Module m && module == null) {
                            module = m.source().value();
                        } else if (setting instanceof TerraformSetting.Var v) {
                            vars.putIfAbsent(v.name().value(), ExpressionResolver.resolve(v.value()));
                        }
                    }
                    if (module == null) {
                        throw notValidated("terraform module");
                    }
                    return new Terraform(module, vars, t.span());
                })
                .orElse(null);
    }

    private List<Output> outputs() {
        return source.outputs().stream().map(ModelBuilder::output).toList();
    }

    private static Output output(OutputDecl decl) {
        io.dedicate.dsl.ast.Expr value = decl.value();
        if (value == null) {
            throw notValidated("value of output " + decl.name());
        }
        Text description = decl.description();
        return new Output(
                decl.name().value(),
                ParameterType.valueOf(decl.type().kind().name()),
                ExpressionResolver.resolve(value),
                decl.secret(),
                description == null ? null : description.value(),
                decl.span());
    }

    private Limits limits() {
        Map<String, Integer> values = blockValues(Member.Limits.class, Member.Limits::settings);
        return new Limits(values.get("clusters_per_org"), values.get("children_per_cluster"));
    }

    private PipelineSettings pipeline() {
        Map<String, String> values = new LinkedHashMap<>();
        first(Member.Pipeline.class)
                .ifPresent(p -> p.settings().forEach(s -> {
                    if (s.value() instanceof Value.Str str) {
                        values.putIfAbsent(s.key().value(), str.value());
                    }
                }));
        return new PipelineSettings(
                values.getOrDefault("task_image", PipelineSettings.DEFAULT.taskImage()),
                values.getOrDefault("task_image_tag", PipelineSettings.DEFAULT.taskImageTag()));
    }

    private <T extends Member> Map<String, Integer> blockValues(Class<T> kind, Function<T, List<Setting>> settings) {
        Map<String, Integer> values = new LinkedHashMap<>();
        first(kind)
                .ifPresent(block -> settings.apply(block).forEach(s -> {
                    if (s.value() instanceof Value.Num n) {
                        values.putIfAbsent(s.key().value(), intValue(n));
                    }
                }));
        return values;
    }

    // ------------------------------------------------------------ maintenance_info

    /**
     * {@code 1.4.0+cf-mysql.36.19.0.prometheus.26.6.0.ubuntu-jammy.1.586}: the offering version with
     * build metadata naming each release and the stemcell with their versions, so that changing any
     * of them offers existing clusters an upgrade.
     */
    static MaintenanceInfo maintenanceInfo(
            String offering, String version, List<Release> releases, @Nullable Stemcell stemcell) {
        List<String> identifiers = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (Release release : releases) {
            identifiers.addAll(buildIdentifiers(release.name(), release.version()));
            described.add(release.name() + " " + release.version());
        }
        if (stemcell != null) {
            identifiers.addAll(buildIdentifiers(stemcell.os(), stemcell.version()));
            described.add("stemcell " + stemcell.os() + " " + stemcell.version());
        }
        String fullVersion = identifiers.isEmpty() ? version : version + "+" + String.join(".", identifiers);
        String description = described.isEmpty()
                ? offering + " " + version
                : offering + " " + version + ": " + String.join(", ", described);
        return new MaintenanceInfo(fullVersion, description);
    }

    private static List<String> buildIdentifiers(String name, String version) {
        return Stream.concat(Stream.of(name), Stream.of(version.split("\\.", -1)))
                .map(ModelBuilder::buildIdentifier)
                .collect(Collectors.toList());
    }

    /** A semver build identifier: only {@code [0-9A-Za-z-]}, never empty. */
    private static String buildIdentifier(String text) {
        String safe = text.replaceAll("[^0-9A-Za-z-]", "-");
        return safe.isEmpty() ? "-" : safe;
    }

    // ------------------------------------------------------------ values

    private <T extends Member> Optional<T> first(Class<T> kind) {
        return source.members(kind).stream().findFirst();
    }

    private static Object settingValue(Value value, SettingKind kind) {
        if (kind == SettingKind.BYTES) {
            return value instanceof Value.Quantity q
                    ? ExpressionResolver.literal(q)
                    : ((Value.Num) value).value().longValueExact();
        }
        return ExpressionResolver.literal(value);
    }

    private static int intValue(Value.Num number) {
        return number.value().intValueExact();
    }

    private static Integer megabytes(Value.Quantity size) {
        return Quantity.parse(size.text())
                .flatMap(Quantity::wholeMegabytes)
                .orElseThrow(() -> notValidated("size " + size.text()));
    }

    private static long seconds(Value.Quantity duration) {
        return Quantity.parse(duration.text())
                .filter(q -> q.dimension() == Quantity.Dimension.DURATION)
                .flatMap(Quantity::wholeBase)
                .orElseThrow(() -> notValidated("duration " + duration.text()));
    }

    private static List<String> names(List<Name> names) {
        return names.stream().map(Name::value).toList();
    }

    private static @Nullable String textOrNull(@Nullable Text text) {
        return text == null ? null : text.value();
    }

    private static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static IllegalStateException notValidated(String what) {
        return new IllegalStateException("offering not validated: " + what);
    }
}
