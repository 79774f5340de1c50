package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;

/** {@code deployment.name} inside the deployment's own {@code name}: a name defined by itself. */
public final class DeploymentNameCycleRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (DeploymentSetting.DeploymentName name :
                offering.deploymentSettings(DeploymentSetting.DeploymentName.class)) {
            new ExpressionSite(name.value(), ExpressionSite.Place.DEPLOYMENT)
                    .nested()
                    .filter(expr -> expr instanceof Expr.Reference reference
                            && reference.root().value().equals(ReferenceRoot.DEPLOYMENT.word()))
                    .forEach(expr -> reporter.error(expr, "", ((Expr.Reference) expr).dotted()));
        }
    }
}
