package io.dedicate.compiler.validate;

import io.dedicate.compiler.release.ReleaseSpecCatalog;
import java.util.List;

/** Every validation rule, in one list: adding a rule means adding its class here. */
public final class ValidationRules {

    /** The rules, grouped by what they check; each reports its own code. */
    public static final List<Rule> ALL = List.of(
            // names and members
            new DuplicateNameRule(),
            new DuplicateMemberRule(),
            new MissingMemberRule(),
            new DuplicateOfferingRule(),
            new DuplicateIdRule(),
            new InvalidIdRule(),
            new InvalidVersionRule(),
            // plans
            new BindableClusterPlanRule(),
            new UnbindableChildPlanRule(),
            new ChildPlanWithoutClusterRule(),
            new ClusterOnlySettingRule(),
            new ChildOnlySettingRule(),
            new FreePlanWithCostRule(),
            new UnknownPlanRule(),
            new InvalidUpgradeRule(),
            new MissingDriverRule(),
            new UnknownDriverRule(),
            new MissingDriverOutputRule(),
            // settings blocks (update, limits, pipeline, drivers)
            new UnknownSettingRule(),
            new SettingTypeRule(),
            new MissingSettingRule(),
            new UnpinnedTaskImageRule(),
            // parameters
            new ParameterValueTypeRule(),
            new ValueOutOfRangeRule(),
            new EmptyRangeRule(),
            new InvalidPatternRule(),
            new OptionNotApplicableRule(),
            new CreateOnlyInUpdateScopeRule(),
            new RedundantCreateOnlyRule(),
            new RequiredWithDefaultRule(),
            new SecretWithDefaultRule(),
            new ReservedParameterNameRule(),
            // quantities and counts
            new InvalidQuantityRule(),
            new InvalidCountRule(),
            // references
            new UnknownReferenceRootRule(),
            new UnknownFieldRule(),
            new UnknownParameterRule(),
            new UnknownVariableRule(),
            new UnknownOutputRule(),
            new MisplacedOutputReferenceRule(),
            new MisplacedCredhubValueRule(),
            new SecretParameterOutsideManifestRule(),
            new MixedCredhubValueRule(),
            new InterpolationInLiteralRule(),
            new DeploymentNameCycleRule(),
            // deployment
            new UnknownInstanceGroupRule(),
            new ErrandInstanceCountRule(),
            new MissingInstanceCountRule(),
            new MissingAzsRule(),
            new MissingVmTypeRule(),
            new MissingNetworkRule(),
            new IgnoredInstanceCountRule(),
            new UnknownReleaseRule(),
            new UnknownLifecycleRule(),
            new UnknownVariableTypeRule(),
            new PropertyPathConflictRule(),
            // day-2 automation and sharing
            new UnknownErrandRule(),
            new ImpossibleTimingRule(),
            new SharingWithoutGrantRule());

    private ValidationRules() {}

    /**
     * {@link #ALL}, then the rules that check jobs and properties against the releases' job specs
     * found through {@code specs} (the catalogue reads each release once per compilation).
     */
    public static List<Rule> all(ReleaseSpecCatalog specs) {
        List<Rule> rules = new java.util.ArrayList<>(ALL);
        rules.add(new ReleaseSpecsUnreadableRule(specs));
        rules.add(new UnusedReleaseSpecsRule(specs));
        rules.add(new UnknownReleaseJobRule(specs));
        rules.add(new UndeclaredPropertyRule(specs));
        rules.add(new UnsetTemplatePropertyRule(specs));
        return List.copyOf(rules);
    }
}
