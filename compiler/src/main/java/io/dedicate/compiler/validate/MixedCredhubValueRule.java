package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.OutputDecl;
import java.util.Optional;

/**
 * An output or an app's environment variable that puts a CredHub value inside a larger value
 * ({@code "jdbc://${vars.password}@host"}, {@code [vars.a, vars.b]}). The pipeline reads a CredHub
 * value by name at run time and passes it whole; it cannot splice it into text, a list or a map.
 * An environment variable that is an output mixing values is reported at the output only.
 */
public final class MixedCredhubValueRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        CredhubValues credhub = new CredhubValues(offering);
        for (OutputDecl output : offering.outputs()) {
            Expr value = output.value();
            if (value != null) {
                mixed(credhub, value)
                        .ifPresent(part -> reporter.error(
                                part,
                                "output",
                                credhub.describe(part),
                                output.name().value()));
            }
        }
        for (Member.App app : offering.members(Member.App.class)) {
            for (AppSetting.Env env : Members.ofKind(app.settings(), AppSetting.Env.class)) {
                if (env.value() instanceof Expr.Reference) {
                    continue; // a whole output: reported at the output if it mixes values
                }
                mixed(credhub, env.value())
                        .ifPresent(part -> reporter.error(
                                part,
                                "env",
                                credhub.describe(part),
                                env.name().value(),
                                app.name().value()));
            }
        }
    }

    private static Optional<Expr> mixed(CredhubValues credhub, Expr value) {
        return credhub.single(value) ? Optional.empty() : credhub.first(value);
    }
}
