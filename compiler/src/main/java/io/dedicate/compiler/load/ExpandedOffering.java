package io.dedicate.compiler.load;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.SourceFile;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One offering with its includes spliced in: {@link #members()} is what the offering says once
 * every {@code include} has been replaced by the included fragment's members (recursively). Members
 * keep the spans of the file they were written in, so diagnostics point into fragments.
 */
public final class ExpandedOffering {
    private final String file;
    private final SourceFile.Offering ast;
    private final List<Member> members;
    private final boolean complete;
    private final List<Diagnostic> diagnostics;
    private final List<DeploymentSetting> deploymentSettings;
    /**
     * The members and deployment settings of each kind asked for, filtered once: every validation rule asks for
     * some of them (4% of a warm compilation filtered the same lists again and again).
     */
    private final ConcurrentHashMap<Class<?>, List<?>> byKind = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<Class<?>, List<?>> settingsByKind = new ConcurrentHashMap<>();

    public ExpandedOffering(
            String file,
            SourceFile.Offering ast,
            List<Member> members,
            boolean complete,
            List<Diagnostic> diagnostics) {
        this.file = file;
        this.ast = ast;
        this.members = List.copyOf(members);
        this.complete = complete;
        this.diagnostics = List.copyOf(diagnostics);
        this.deploymentSettings = members(Member.Deployment.class).stream()
                .flatMap(d -> d.settings().stream())
                .toList();
    }

    /** The offering file's display path. */
    public String file() {
        return file;
    }

    /** The offering as parsed. */
    public SourceFile.Offering ast() {
        return ast;
    }

    /** The members, includes expanded, in source order. */
    public List<Member> members() {
        return members;
    }

    /**
     * False when an include could not be read (missing file, not a fragment, syntax errors): the members are then
     * partial and validating them would report consequences.
     */
    public boolean complete() {
        return complete;
    }

    /** What loading found: include problems and the syntax errors of included files. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The offering's name, as written. */
    public String name() {
        return ast.name().value();
    }

    /** The members of one kind, in source order. */
    @SuppressWarnings("unchecked") // the list holds instances of kind only
    public <T extends Member> List<T> members(Class<T> kind) {
        return (List<T>) byKind.computeIfAbsent(
                kind,
                k -> members.stream().filter(kind::isInstance).map(kind::cast).toList());
    }

    public List<Member.Plan> plans() {
        return members(Member.Plan.class);
    }

    /** The settings of every {@code deployment} block (fragments may add their own), in order. */
    public List<DeploymentSetting> deploymentSettings() {
        return deploymentSettings;
    }

    @SuppressWarnings("unchecked") // the list holds instances of kind only
    public <T extends DeploymentSetting> List<T> deploymentSettings(Class<T> kind) {
        return (List<T>) settingsByKind.computeIfAbsent(
                kind,
                k -> deploymentSettings.stream()
                        .filter(kind::isInstance)
                        .map(kind::cast)
                        .toList());
    }

    public List<DeploymentSetting.InstanceGroup> instanceGroups() {
        return deploymentSettings(DeploymentSetting.InstanceGroup.class);
    }

    public List<DeploymentSetting.Variable> variables() {
        return deploymentSettings(DeploymentSetting.Variable.class);
    }

    /** The outputs of every {@code outputs} block, in order. */
    public List<OutputDecl> outputs() {
        return members(Member.Outputs.class).stream()
                .flatMap(o -> o.outputs().stream())
                .toList();
    }

    /** The parameters declared in blocks of exactly this scope, in order. */
    public List<ParameterDecl> parameters(Member.ParameterScope scope) {
        return members(Member.Parameters.class).stream()
                .filter(p -> p.scope() == scope)
                .flatMap(p -> p.parameters().stream())
                .toList();
    }

    /** The offering-level metadata members with this key ({@code description}, ...). */
    public List<Member.Metadata> metadata(Member.MetadataKey key) {
        return members(Member.Metadata.class).stream()
                .filter(m -> m.key() == key)
                .toList();
    }
}
