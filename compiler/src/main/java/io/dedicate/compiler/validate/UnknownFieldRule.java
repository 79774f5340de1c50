package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.Name;
import java.util.List;

/**
 * A reference with a field its root does not have ({@code plan.vmtype}, {@code instance.guid},
 * {@code deployment.id}), with segments after a complete reference ({@code params.a.b}), or
 * {@code plan.instances} without its instance group.
 */
public final class UnknownFieldRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (ExpressionSite.ReferenceSite site : ExpressionSite.references(offering)) {
            Expr.Reference reference = site.reference();
            ReferenceRoot.named(reference.root().value()).ifPresent(root -> check(root, reference, reporter));
        }
    }

    private static void check(ReferenceRoot root, Expr.Reference reference, Reporter reporter) {
        List<Name> path = reference.path();
        Name field = path.get(1);
        int length = 2;
        if (!root.fields().isEmpty()) {
            if (!root.fields().contains(field.value())) {
                reporter.unknownName(field, "", field.value(), root.fields(), root.word());
                return;
            }
            if (root == ReferenceRoot.PLAN && field.value().equals(ReferenceRoot.PLAN_INSTANCES)) {
                if (path.size() < 3) {
                    reporter.error(reference, "instances-group", reference.dotted());
                    return;
                }
                length = 3;
            }
        }
        if (path.size() > length) {
            reporter.error(
                    Members.spanning(path.get(length), path.get(path.size() - 1)),
                    "extra",
                    reference.dotted(),
                    String.join(
                            ".",
                            path.subList(0, length).stream().map(Name::value).toList()));
        }
    }
}
