package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.ParameterOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code params.NAME} of a {@code secret} cluster parameter anywhere but a job property of the deployment. A job
 * property receives the BOSH placeholder {@code ((dedicate_secret_NAME))} and the value travels encrypted
 * ({@code secrets.cms}); everywhere else (the deployment name, variable options, outputs, Terraform variables, apps,
 * hooks) the value would be written in clear into a file committed to git or into a pipeline.
 */
public final class SecretParameterOutsideManifestRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        Set<String> secret = Members.parameters(offering).stream()
                .filter(p -> p.scope() == Member.ParameterScope.CLUSTER
                        || p.scope() == Member.ParameterScope.CLUSTER_CREATE
                        || p.scope() == Member.ParameterScope.CLUSTER_UPDATE)
                .filter(p -> p.flag(ParameterOption.FlagKind.SECRET).isPresent())
                .map(p -> p.decl().name().value())
                .collect(Collectors.toSet());
        if (secret.isEmpty()) {
            return;
        }
        List<Expr> allowed = new ArrayList<>();
        for (DeploymentSetting.InstanceGroup group :
                offering.deploymentSettings(DeploymentSetting.InstanceGroup.class)) {
            for (GroupSetting setting : group.settings()) {
                if (setting instanceof GroupSetting.Job job) {
                    job.properties().forEach(p -> allowed.add(p.value()));
                }
            }
        }
        for (ExpressionSite site : ExpressionSite.all(offering)) {
            if (allowed.stream().anyMatch(a -> a == site.expr())) {
                continue;
            }
            site.nested()
                    .filter(Expr.Reference.class::isInstance)
                    .map(Expr.Reference.class::cast)
                    .filter(r -> r.root().value().equals(ReferenceRoot.PARAMS.word())
                            && r.path().size() > 1)
                    .map(r -> r.path().get(1))
                    .filter(name -> secret.contains(name.value()))
                    .forEach(name -> reporter.error(name, "", name.value(), where(site.place())));
        }
    }

    private static String where(ExpressionSite.Place place) {
        return switch (place) {
            case DEPLOYMENT -> "the deployment name or a variable's options";
            case OUTPUT -> "an output";
            case TERRAFORM -> "a Terraform variable";
            case APP -> "an app";
            case HOOK -> "a hook";
        };
    }
}
