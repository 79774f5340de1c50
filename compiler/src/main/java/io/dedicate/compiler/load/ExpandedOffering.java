package io.dedicate.compiler.load;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.ParameterDecl;
import io.dedicate.dsl.ast.SourceFile;
import java.util.List;

/**
 * One offering with its includes spliced in: {@link #members()} is what the offering says once
 * every {@code include} has been replaced by the included fragment's members (recursively). Members
 * keep the spans of the file they were written in, so diagnostics point into fragments.
 *
 * @param file the offering file's display path
 * @param ast the offering as parsed
 * @param members the members, includes expanded, in source order
 * @param complete false when an include could not be read (missing file, not a fragment, syntax
 *     errors): the members are then partial and validating them would report consequences
 * @param diagnostics what loading found: include problems and the syntax errors of included files
 */
public record ExpandedOffering(
        String file, SourceFile.Offering ast, List<Member> members, boolean complete, List<Diagnostic> diagnostics) {

    public ExpandedOffering {
        members = List.copyOf(members);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The offering's name, as written. */
    public String name() {
        return ast.name().value();
    }

    /** The members of one kind, in source order. */
    public <T extends Member> List<T> members(Class<T> kind) {
        return members.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public List<Member.Plan> plans() {
        return members(Member.Plan.class);
    }

    /** The settings of every {@code deployment} block (fragments may add their own), in order. */
    public List<DeploymentSetting> deploymentSettings() {
        return members(Member.Deployment.class).stream()
                .flatMap(d -> d.settings().stream())
                .toList();
    }

    public <T extends DeploymentSetting> List<T> deploymentSettings(Class<T> kind) {
        return deploymentSettings().stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
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
