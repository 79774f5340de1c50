package io.dedicate.dsl.internal;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.SourceSpan;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.ParameterOption;
import io.dedicate.dsl.ast.PlanSetting;
import io.dedicate.dsl.ast.Setting;
import io.dedicate.dsl.ast.SourceFile;
import io.dedicate.dsl.ast.TerraformSetting;
import io.dedicate.dsl.ast.Text;
import io.dedicate.dsl.ast.Timing;
import io.dedicate.dsl.ast.TypeRef;
import io.dedicate.dsl.ast.Value;
import io.dedicate.dsl.internal.OfferingParser.*;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.jspecify.annotations.Nullable;

/**
 * Builds the immutable AST from a parse tree that has no syntax error: one {@code buildX} method
 * per grammar rule, each giving its node the {@link SourceSpan} of the text it came from.
 *
 * <p>What the grammar cannot check is reported here: invalid interpolations, dotted versions used
 * as numbers, a release's {@code url} or {@code sha1} given twice.
 */
final class AstBuilder {

    private final Spans spans;
    private final Consumer<Diagnostic> diagnostics;
    private final StringLiterals literals;

    AstBuilder(Spans spans, Consumer<Diagnostic> diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.literals = new StringLiterals(spans, diagnostics);
    }

    // ---------------------------------------------------------------- files and members

    SourceFile buildFile(FileContext file) {
        if (file.offering() != null) {
            OfferingContext offering = file.offering();
            return new SourceFile.Offering(
                    buildName(offering.name()),
                    buildVersion(offering.versionLiteral()),
                    map(offering.member(), this::buildMember),
                    spans.of(offering));
        }
        FragmentDeclContext fragment = file.fragmentDecl();
        return new SourceFile.Fragment(
                buildName(fragment.name()), map(fragment.member(), this::buildMember), spans.of(fragment));
    }

    Member buildMember(MemberContext member) {
        MemberBodyContext body = member.memberBody();
        SourceSpan span = spans.of(body);
        if (body instanceof IdMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.ID, buildText(c.string()), span);
        } else if (body instanceof DisplayNameMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.DISPLAY_NAME, buildText(c.string()), span);
        } else if (body instanceof DescriptionMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.DESCRIPTION, buildText(c.text()), span);
        } else if (body instanceof LongDescriptionMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.LONG_DESCRIPTION, buildText(c.text()), span);
        } else if (body instanceof ProviderMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.PROVIDER, buildText(c.string()), span);
        } else if (body instanceof DocumentationUrlMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.DOCUMENTATION_URL, buildText(c.string()), span);
        } else if (body instanceof SupportUrlMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.SUPPORT_URL, buildText(c.string()), span);
        } else if (body instanceof ImageUrlMemberContext c) {
            return new Member.Metadata(Member.MetadataKey.IMAGE_URL, buildText(c.string()), span);
        } else if (body instanceof TagsMemberContext c) {
            return new Member.Tags(map(c.tag(), this::buildTag), span);
        } else if (body instanceof FlagMemberContext c) {
            return new Member.Flag(buildFlagKey(c.flagName()), buildFlag(c.bool()), span);
        } else if (body instanceof IncludeMemberContext c) {
            return new Member.Include(buildText(c.string()), span);
        } else if (body instanceof ReleaseMemberContext c) {
            return buildRelease(c);
        } else if (body instanceof StemcellMemberContext c) {
            return new Member.Stemcell(buildName(c.name()), buildVersion(c.versionLiteral()), span);
        } else if (body instanceof PlanMemberContext c) {
            Member.PlanKind kind = c.planKind().CLUSTER() != null ? Member.PlanKind.CLUSTER : Member.PlanKind.CHILD;
            return new Member.Plan(kind, buildName(c.name()), map(c.planSetting(), this::buildPlanSetting), span);
        } else if (body instanceof UpgradeMemberContext c) {
            return new Member.Upgrade(buildName(c.name(0)), buildName(c.name(1)), span);
        } else if (body instanceof ParametersMemberContext c) {
            return new Member.Parameters(
                    buildParameterScope(c.parameterScope()), map(c.parameter(), this::buildParameter), span);
        } else if (body instanceof DeploymentMemberContext c) {
            return new Member.Deployment(map(c.deploymentSetting(), this::buildDeploymentSetting), span);
        } else if (body instanceof ErrandMemberContext c) {
            Name on = c.ON() != null ? buildName(c.name(1)) : null;
            return new Member.Errand(buildName(c.name(0)), on, map(c.timing(), this::buildTiming), span);
        } else if (body instanceof HookMemberContext c) {
            return new Member.Hook(
                    buildName(c.name()), buildText(c.string()), map(c.hookSetting(), this::buildHookSetting), span);
        } else if (body instanceof AppMemberContext c) {
            return new Member.App(buildName(c.name()), map(c.appSetting(), this::buildAppSetting), span);
        } else if (body instanceof TerraformMemberContext c) {
            return new Member.Terraform(map(c.terraformSetting(), this::buildTerraformSetting), span);
        } else if (body instanceof OutputsMemberContext c) {
            return new Member.Outputs(map(c.output(), this::buildOutput), span);
        } else if (body instanceof SharingMemberContext c) {
            return buildSharing(c.sharingPolicy(), span);
        } else if (body instanceof LimitsMemberContext c) {
            return new Member.Limits(map(c.limitSetting(), this::buildLimitSetting), span);
        } else if (body instanceof PipelineMemberContext c) {
            return new Member.Pipeline(map(c.pipelineSetting(), this::buildPipelineSetting), span);
        }
        throw unknownAlternative(body);
    }

    Member.FlagKey buildFlagKey(FlagNameContext flag) {
        return switch (flag.getStart().getType()) {
            case OfferingLexer.SHAREABLE -> Member.FlagKey.SHAREABLE;
            case OfferingLexer.INSTANCES_RETRIEVABLE -> Member.FlagKey.INSTANCES_RETRIEVABLE;
            case OfferingLexer.BINDINGS_RETRIEVABLE -> Member.FlagKey.BINDINGS_RETRIEVABLE;
            case OfferingLexer.ALLOW_CONTEXT_UPDATES -> Member.FlagKey.ALLOW_CONTEXT_UPDATES;
            case OfferingLexer.PLAN_UPDATEABLE -> Member.FlagKey.PLAN_UPDATEABLE;
            default -> throw unknownAlternative(flag);
        };
    }

    Member.Release buildRelease(ReleaseMemberContext release) {
        Name name = buildName(release.name());
        Text url = null;
        Text sha1 = null;
        Text specs = null;
        Token urlKeyword = null;
        Token sha1Keyword = null;
        Token specsKeyword = null;
        for (ReleaseSettingContext setting : release.releaseSetting()) {
            Token keyword = setting.getStart();
            if (setting.URL() != null) {
                reportIfAlreadySet(urlKeyword, keyword, name);
                url = buildText(setting.string());
                urlKeyword = keyword;
            } else if (setting.SPECS() != null) {
                reportIfAlreadySet(specsKeyword, keyword, name);
                specs = buildText(setting.string());
                specsKeyword = keyword;
            } else {
                reportIfAlreadySet(sha1Keyword, keyword, name);
                sha1 = buildText(setting.string());
                sha1Keyword = keyword;
            }
        }
        return new Member.Release(name, buildVersion(release.versionLiteral()), url, sha1, specs, spans.of(release));
    }

    private void reportIfAlreadySet(@Nullable Token first, Token again, Name release) {
        if (first != null) {
            diagnostics.accept(Messages.error(
                    "duplicate-setting",
                    spans.of(again),
                    again.getText(),
                    release.value(),
                    String.valueOf(first.getLine())));
        }
    }

    Member.ParameterScope buildParameterScope(ParameterScopeContext scope) {
        if (scope.BINDING() != null) {
            return Member.ParameterScope.BINDING;
        } else if (scope.CHILD() != null) {
            return Member.ParameterScope.CHILD;
        } else if (scope.CREATE() != null) {
            return Member.ParameterScope.CLUSTER_CREATE;
        } else if (scope.UPDATE() != null) {
            return Member.ParameterScope.CLUSTER_UPDATE;
        }
        return Member.ParameterScope.CLUSTER;
    }

    Member.Sharing buildSharing(SharingPolicyContext policy, SourceSpan span) {
        if (policy.NONE() != null) {
            return new Member.Sharing(Member.SharingScope.NONE, false, span);
        }
        Member.SharingScope scope = policy.SPACES() != null ? Member.SharingScope.SPACES : Member.SharingScope.ORGS;
        return new Member.Sharing(scope, policy.GRANT() != null, span);
    }

    // ---------------------------------------------------------------- plans

    PlanSetting buildPlanSetting(PlanSettingContext setting) {
        PlanSettingBodyContext body = setting.planSettingBody();
        SourceSpan span = spans.of(body);
        if (body instanceof PlanIdSettingContext c) {
            return new PlanSetting.Metadata(PlanSetting.PlanMetadataKey.ID, buildText(c.string()), span);
        } else if (body instanceof PlanDisplayNameSettingContext c) {
            return new PlanSetting.Metadata(PlanSetting.PlanMetadataKey.DISPLAY_NAME, buildText(c.string()), span);
        } else if (body instanceof PlanDescriptionSettingContext c) {
            return new PlanSetting.Metadata(PlanSetting.PlanMetadataKey.DESCRIPTION, buildText(c.text()), span);
        } else if (body instanceof PlanFreeSettingContext c) {
            return new PlanSetting.Free(buildFlag(c.bool()), span);
        } else if (body instanceof PlanCostSettingContext c) {
            return new PlanSetting.Cost(buildNumber(c.number()), buildName(c.name(0)), buildName(c.name(1)), span);
        } else if (body instanceof PlanBulletsSettingContext c) {
            return new PlanSetting.Bullets(map(c.string(), this::buildText), span);
        } else if (body instanceof PlanBindableSettingContext c) {
            return new PlanSetting.Bindable(buildFlag(c.bool()), span);
        } else if (body instanceof PlanUpdateableSettingContext c) {
            return new PlanSetting.Updateable(buildFlag(c.bool()), span);
        } else if (body instanceof PlanInstancesSettingContext c) {
            return new PlanSetting.Instances(map(c.instanceCount(), this::buildInstanceCount), span);
        } else if (body instanceof PlanVmTypeSettingContext c) {
            return new PlanSetting.VmType(buildName(c.name()), span);
        } else if (body instanceof PlanDiskSettingContext c) {
            return new PlanSetting.Disk(buildQuantity(c.quantity()), span);
        } else if (body instanceof PlanAzsSettingContext c) {
            return new PlanSetting.Azs(map(c.name(), this::buildName), span);
        } else if (body instanceof PlanMaxPollingSettingContext c) {
            return new PlanSetting.MaxPolling(buildQuantity(c.quantity()), span);
        } else if (body instanceof PlanDriverSettingContext c) {
            return new PlanSetting.Driver(buildName(c.name()), map(c.driverSetting(), this::buildDriverSetting), span);
        }
        throw unknownAlternative(body);
    }

    PlanSetting.InstanceCount buildInstanceCount(InstanceCountContext count) {
        return new PlanSetting.InstanceCount(buildName(count.name()), buildNumber(count.number()), spans.of(count));
    }

    Setting buildDriverSetting(DriverSettingContext setting) {
        return buildSetting(setting.name(), setting.value(), setting);
    }

    // ---------------------------------------------------------------- parameters

    ParameterDecl buildParameter(ParameterContext parameter) {
        Value defaultValue = parameter.value() != null ? buildValue(parameter.value()) : null;
        Text description = parameter.string() != null ? buildText(parameter.string()) : null;
        return new ParameterDecl(
                buildName(parameter.name()),
                buildType(parameter.type()),
                defaultValue,
                map(parameter.parameterOption(), this::buildParameterOption),
                description,
                spansWithoutSemicolon(parameter, parameter.SEMI() != null));
    }

    TypeRef buildType(TypeContext type) {
        TypeRef.Kind kind = switch (type.getStart().getType()) {
            case OfferingLexer.STRING_TYPE -> TypeRef.Kind.STRING;
            case OfferingLexer.INTEGER_TYPE -> TypeRef.Kind.INTEGER;
            case OfferingLexer.NUMBER_TYPE -> TypeRef.Kind.NUMBER;
            case OfferingLexer.BOOLEAN_TYPE -> TypeRef.Kind.BOOLEAN;
            case OfferingLexer.BYTES_TYPE -> TypeRef.Kind.BYTES;
            case OfferingLexer.DURATION_TYPE -> TypeRef.Kind.DURATION;
            case OfferingLexer.ENUM -> TypeRef.Kind.ENUM;
            default -> throw unknownAlternative(type);
        };
        return new TypeRef(kind, map(type.value(), this::buildValue), spans.of(type));
    }

    ParameterOption buildParameterOption(ParameterOptionContext option) {
        SourceSpan span = spans.of(option);
        if (option instanceof RangeOptionContext c) {
            int dots = c.RANGE_OP().getSymbol().getTokenIndex();
            Value min = null;
            Value max = null;
            for (BoundContext bound : c.bound()) {
                Value value = bound.number() != null ? buildNumber(bound.number()) : buildQuantity(bound.quantity());
                if (bound.getStart().getTokenIndex() < dots) {
                    min = value;
                } else {
                    max = value;
                }
            }
            return new ParameterOption.Range(min, max, span);
        } else if (option instanceof LengthOptionContext c) {
            int dots = c.RANGE_OP().getSymbol().getTokenIndex();
            Value.Num min = null;
            Value.Num max = null;
            for (NumberContext number : c.number()) {
                if (number.getStart().getTokenIndex() < dots) {
                    min = buildNumber(number);
                } else {
                    max = buildNumber(number);
                }
            }
            return new ParameterOption.Length(min, max, span);
        } else if (option instanceof PatternOptionContext c) {
            return new ParameterOption.Pattern(buildText(c.string()), span);
        } else if (option instanceof ExampleOptionContext c) {
            return new ParameterOption.Example(buildValue(c.value()), span);
        } else if (option instanceof CreateOnlyOptionContext) {
            return new ParameterOption.Flag(ParameterOption.FlagKind.CREATE_ONLY, span);
        } else if (option instanceof SecretOptionContext) {
            return new ParameterOption.Flag(ParameterOption.FlagKind.SECRET, span);
        } else if (option instanceof RequiredOptionContext) {
            return new ParameterOption.Flag(ParameterOption.FlagKind.REQUIRED, span);
        }
        throw unknownAlternative(option);
    }

    // ---------------------------------------------------------------- deployment

    DeploymentSetting buildDeploymentSetting(DeploymentSettingContext setting) {
        DeploymentSettingBodyContext body = setting.deploymentSettingBody();
        SourceSpan span = spans.of(body);
        if (body instanceof DeploymentNameSettingContext c) {
            return new DeploymentSetting.DeploymentName(buildExpr(c.expr()), span);
        } else if (body instanceof DeploymentNetworkSettingContext c) {
            return new DeploymentSetting.Network(buildName(c.name()), span);
        } else if (body instanceof DeploymentUpdateSettingContext c) {
            return new DeploymentSetting.Update(
                    map(c.updateSetting(), s -> buildSetting(s.name(), s.value(), s)), span);
        } else if (body instanceof InstanceGroupSettingBlockContext c) {
            return new DeploymentSetting.InstanceGroup(
                    buildName(c.name()), map(c.instanceGroupSetting(), this::buildGroupSetting), span);
        } else if (body instanceof VariableSettingContext c) {
            return new DeploymentSetting.Variable(
                    buildName(c.name(0)),
                    buildName(c.name(1)),
                    map(c.variableOption(), this::buildVariableOption),
                    span);
        }
        throw unknownAlternative(body);
    }

    DeploymentSetting.VariableOption buildVariableOption(VariableOptionContext option) {
        return new DeploymentSetting.VariableOption(
                buildName(option.name()),
                buildExpr(option.expr()),
                spansWithoutSemicolon(option, option.SEMI() != null));
    }

    GroupSetting buildGroupSetting(InstanceGroupSettingContext setting) {
        InstanceGroupSettingBodyContext body = setting.instanceGroupSettingBody();
        SourceSpan span = spans.of(body);
        if (body instanceof JobSettingBlockContext c) {
            return new GroupSetting.Job(
                    buildName(c.name(0)), buildName(c.name(1)), map(c.jobSetting(), this::buildProperty), span);
        } else if (body instanceof LifecycleSettingContext c) {
            return new GroupSetting.Lifecycle(buildName(c.name()), span);
        } else if (body instanceof FixedInstancesSettingContext c) {
            return new GroupSetting.Instances(buildNumber(c.number()), span);
        } else if (body instanceof GroupVmTypeSettingContext c) {
            return new GroupSetting.VmType(buildName(c.name()), span);
        } else if (body instanceof GroupDiskSettingContext c) {
            return new GroupSetting.Disk(buildQuantity(c.quantity()), span);
        } else if (body instanceof GroupNetworksSettingContext c) {
            return new GroupSetting.Networks(map(c.name(), this::buildName), span);
        } else if (body instanceof GroupAzsSettingContext c) {
            return new GroupSetting.Azs(map(c.name(), this::buildName), span);
        }
        throw unknownAlternative(body);
    }

    GroupSetting.Property buildProperty(JobSettingContext property) {
        return new GroupSetting.Property(
                map(property.propertyPath().name(), this::buildName),
                buildExpr(property.expr()),
                spansWithoutSemicolon(property, property.SEMI() != null));
    }

    // ---------------------------------------------------------------- errands, hooks, apps, terraform

    Timing buildTiming(TimingContext timing) {
        Timing.When when = timing.AFTER() != null ? Timing.When.AFTER : Timing.When.BEFORE;
        return new Timing(when, map(timing.phase(), this::buildPhase), spans.of(timing));
    }

    Timing.PhaseRef buildPhase(PhaseContext phase) {
        Timing.Phase value = switch (phase.getStart().getType()) {
            case OfferingLexer.DEPLOY -> Timing.Phase.DEPLOY;
            case OfferingLexer.UPDATE -> Timing.Phase.UPDATE;
            case OfferingLexer.RECREATE -> Timing.Phase.RECREATE;
            case OfferingLexer.UPGRADE -> Timing.Phase.UPGRADE;
            case OfferingLexer.DELETE -> Timing.Phase.DELETE;
            default -> throw unknownAlternative(phase);
        };
        return new Timing.PhaseRef(value, spans.of(phase));
    }

    HookSetting buildHookSetting(HookSettingContext setting) {
        HookSettingBodyContext body = setting.hookSettingBody();
        SourceSpan span = spans.of(body);
        if (body instanceof HookRegisterSettingContext c) {
            return new HookSetting.Register(map(c.timing(), this::buildTiming), span);
        } else if (body instanceof HookDeregisterSettingContext c) {
            return new HookSetting.Deregister(map(c.timing(), this::buildTiming), span);
        } else if (body instanceof HookOpsSettingContext c) {
            return new HookSetting.Ops(buildText(c.string()), buildExpr(c.expr()), span);
        }
        throw unknownAlternative(body);
    }

    AppSetting buildAppSetting(AppSettingContext setting) {
        AppSettingBodyContext body = setting.appSettingBody();
        SourceSpan span = spans.of(body);
        if (body instanceof AppSourceSettingContext c) {
            return new AppSetting.Source(buildText(c.string()), span);
        } else if (body instanceof AppBuildpackSettingContext c) {
            return new AppSetting.Buildpack(buildText(c.string()), span);
        } else if (body instanceof AppMemorySettingContext c) {
            return new AppSetting.Memory(buildQuantity(c.quantity()), span);
        } else if (body instanceof AppDiskSettingContext c) {
            return new AppSetting.Disk(buildQuantity(c.quantity()), span);
        } else if (body instanceof AppInstancesSettingContext c) {
            return new AppSetting.Instances(buildNumber(c.number()), span);
        } else if (body instanceof AppTargetSettingContext c) {
            return new AppSetting.Target(buildExpr(c.expr(0)), buildExpr(c.expr(1)), span);
        } else if (body instanceof AppRouteSettingContext c) {
            return new AppSetting.Route(buildExpr(c.expr()), span);
        } else if (body instanceof AppEnvSettingContext c) {
            return new AppSetting.Env(buildName(c.name()), buildExpr(c.expr()), span);
        }
        throw unknownAlternative(body);
    }

    TerraformSetting buildTerraformSetting(TerraformSettingContext setting) {
        TerraformSettingBodyContext body = setting.terraformSettingBody();
        SourceSpan span = spans.of(body);
        if (body instanceof TerraformModuleSettingContext c) {
            return new TerraformSetting.Module(buildText(c.string()), span);
        } else if (body instanceof TerraformVarSettingContext c) {
            return new TerraformSetting.Var(buildName(c.name()), buildExpr(c.expr()), span);
        }
        throw unknownAlternative(body);
    }

    // ---------------------------------------------------------------- outputs, limits, pipeline

    OutputDecl buildOutput(OutputContext output) {
        Expr value = output.expr() != null ? buildExpr(output.expr()) : null;
        Text description = output.string() != null ? buildText(output.string()) : null;
        return new OutputDecl(
                buildName(output.name()),
                buildType(output.type()),
                value,
                output.SECRET() != null,
                description,
                spansWithoutSemicolon(output, output.SEMI() != null));
    }

    Setting buildLimitSetting(LimitSettingContext setting) {
        return new Setting(
                buildName(setting.name()),
                buildNumber(setting.number()),
                spansWithoutSemicolon(setting, setting.SEMI() != null));
    }

    Setting buildPipelineSetting(PipelineSettingContext setting) {
        return buildSetting(setting.name(), setting.value(), setting);
    }

    private Setting buildSetting(NameContext key, ValueContext value, ParserRuleContext whole) {
        boolean semicolon = whole.getStop() != null && whole.getStop().getType() == OfferingLexer.SEMI;
        return new Setting(buildName(key), buildValue(value), spansWithoutSemicolon(whole, semicolon));
    }

    // ---------------------------------------------------------------- expressions and values

    Expr buildExpr(ExprContext expr) {
        SourceSpan span = spans.of(expr);
        if (expr instanceof LiteralExprContext c) {
            StringContext string = c.value().string();
            return string != null ? literals.expression(string.STRING().getSymbol()) : buildValue(c.value());
        } else if (expr instanceof ReferenceExprContext c) {
            return new Expr.Reference(map(c.reference().name(), this::buildName), span);
        } else if (expr instanceof CredhubExprContext c) {
            return new Expr.Credhub(buildText(c.string()), span);
        } else if (expr instanceof ListExprContext c) {
            return new Expr.ListOf(map(c.expr(), this::buildExpr), span);
        } else if (expr instanceof MapExprContext c) {
            return new Expr.MapOf(map(c.mapEntry(), this::buildMapEntry), span);
        }
        throw unknownAlternative(expr);
    }

    Expr.Entry buildMapEntry(MapEntryContext entry) {
        Text key = entry.name() != null
                ? new Text(entry.name().getText(), spans.of(entry.name()))
                : buildText(entry.string());
        return new Expr.Entry(key, buildExpr(entry.expr()), spans.of(entry));
    }

    /** A literal outside expressions: strings are plain, {@code ${...}} is not interpolated. */
    Value buildValue(ValueContext value) {
        if (value.string() != null) {
            return new Value.Str(literals.string(value.string().STRING().getSymbol()), spans.of(value));
        } else if (value.number() != null) {
            return buildNumber(value.number());
        } else if (value.quantity() != null) {
            return buildQuantity(value.quantity());
        }
        return new Value.Bool(value.bool().TRUE() != null, spans.of(value));
    }

    Value.Num buildNumber(NumberContext number) {
        String text = (number.MINUS() != null ? "-" : "") + number.NUMBER().getText();
        SourceSpan span = spans.of(number);
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException dottedVersion) {
            diagnostics.accept(Messages.error("invalid-number", span, text));
            value = BigDecimal.ZERO;
        }
        return new Value.Num(text, value, span);
    }

    Value.Quantity buildQuantity(QuantityContext quantity) {
        return new Value.Quantity(quantity.getText(), spans.of(quantity));
    }

    /** {@code shareable}, {@code free}, {@code bindable} without a value mean {@code true}. */
    private static boolean buildFlag(@Nullable BoolContext bool) {
        return bool == null || bool.TRUE() != null;
    }

    Text buildTag(TagContext tag) {
        return tag.name() != null ? new Text(tag.name().getText(), spans.of(tag)) : buildText(tag.string());
    }

    /** A version as written: {@code 1.4.0}, {@code 1.586}, {@code latest} or a quoted string. */
    Text buildVersion(VersionLiteralContext version) {
        if (version.string() != null) {
            return buildText(version.string());
        }
        return new Text(version.getText(), spans.of(version));
    }

    Text buildText(StringContext string) {
        return new Text(literals.string(string.STRING().getSymbol()), spans.of(string));
    }

    Text buildText(TextContext text) {
        Token token = text.getStart();
        String value = token.getType() == OfferingLexer.TEXT_BLOCK ? literals.textBlock(token) : literals.string(token);
        return new Text(value, spans.of(text));
    }

    Name buildName(NameContext name) {
        return new Name(name.getText(), spans.of(name));
    }

    // ---------------------------------------------------------------- plumbing

    /** A line's span without its optional trailing {@code ;}. */
    private SourceSpan spansWithoutSemicolon(ParserRuleContext context, boolean endsWithSemicolon) {
        if (!endsWithSemicolon || context.getChildCount() < 2) {
            return spans.of(context);
        }
        ParseTree beforeSemicolon = context.getChild(context.getChildCount() - 2);
        Token last = beforeSemicolon instanceof ParserRuleContext child
                ? child.getStop()
                : ((TerminalNode) beforeSemicolon).getSymbol();
        return spans.between(context.getStart(), last);
    }

    private static <C, N> List<N> map(List<C> contexts, Function<C, N> build) {
        return contexts.stream().map(build).toList();
    }

    private static IllegalStateException unknownAlternative(ParserRuleContext context) {
        return new IllegalStateException(
                "the AST builder does not know " + context.getClass().getSimpleName());
    }
}
