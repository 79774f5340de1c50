package io.dedicate.compiler.validate;

import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.resolve.ReferenceRoot;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.OutputDecl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which parts of an offering's expressions are CredHub values: {@code vars.NAME} and {@code
 * credhub("/path")}, read from CredHub at run time and so unknown when the broker renders the
 * templates. {@code outputs.NAME} carries the CredHub values of its output's expression; {@code
 * deployment.name} is not followed (a deployment name with a CredHub value is reported once, where
 * it is written).
 *
 * <p>A pipeline can pass a CredHub value only whole (a task reads it by name), a manifest only as
 * a BOSH placeholder of this deployment: the rules that build on this class say where it cannot go.
 */
final class CredhubValues {

    private final Map<String, Expr> outputs = new LinkedHashMap<>();

    CredhubValues(ExpandedOffering offering) {
        for (OutputDecl output : offering.outputs()) {
            Expr value = output.value();
            if (value != null) {
                outputs.putIfAbsent(output.name().value(), value);
            }
        }
    }

    /**
     * The first part of {@code expr}, depth first, that makes it a CredHub value: a {@code vars.*}
     * or {@code credhub(...)}, or the {@code outputs.*} reference whose expression holds one.
     */
    Optional<Expr> first(Expr expr) {
        return all(expr).stream().findFirst();
    }

    /** Every part of {@code expr} that {@link #first} would find, in source order. */
    List<Expr> all(Expr expr) {
        List<Expr> found = new ArrayList<>();
        collect(expr, new HashSet<>(), found);
        return found;
    }

    /** Whether {@code expr} is exactly one CredHub value, which a pipeline task can read by name. */
    boolean single(Expr expr) {
        return single(expr, new HashSet<>());
    }

    /**
     * {@code part} (a result of {@link #first}) as written, with the CredHub value it stands for:
     * {@code `outputs.admin_password` (which is `vars.mysql_admin_password`)}.
     */
    String describe(Expr part) {
        Expr innermost = part;
        Set<String> seen = new HashSet<>();
        while (innermost instanceof Expr.Reference reference && seen.add(reference.dotted())) {
            Optional<Expr> next = behind(innermost).flatMap(this::first);
            if (next.isEmpty()) {
                break;
            }
            innermost = next.get();
        }
        return innermost == part ? "`" + text(part) + "`" : "`" + text(part) + "` (which is `" + text(innermost) + "`)";
    }

    /** {@code vars.x}, {@code credhub("/p")}, {@code outputs.y} as written. */
    static String text(Expr expr) {
        if (expr instanceof Expr.Reference reference) {
            return reference.dotted();
        }
        if (expr instanceof Expr.Credhub credhub) {
            return "credhub(\"" + credhub.path().value() + "\")";
        }
        return "expression";
    }

    private void collect(Expr expr, Set<String> seen, List<Expr> found) {
        if (expr instanceof Expr.Credhub || isRoot(expr, ReferenceRoot.VARS)) {
            found.add(expr);
        } else if (expr instanceof Expr.Reference reference) {
            Optional<Expr> value = behind(reference);
            if (value.isPresent() && seen.add(reference.dotted())) {
                List<Expr> inside = new ArrayList<>();
                collect(value.get(), seen, inside);
                seen.remove(reference.dotted());
                if (!inside.isEmpty()) {
                    found.add(expr);
                }
            }
        } else {
            children(expr).forEach(child -> collect(child, seen, found));
        }
    }

    private boolean single(Expr expr, Set<String> seen) {
        if (expr instanceof Expr.Credhub || isRoot(expr, ReferenceRoot.VARS)) {
            return true;
        }
        if (expr instanceof Expr.Template template && template.parts().size() == 1) {
            return single(template.parts().get(0), seen);
        }
        if (expr instanceof Expr.Reference reference && isRoot(expr, ReferenceRoot.OUTPUTS)) {
            Optional<Expr> value = behind(reference);
            return value.isPresent() && seen.add(reference.dotted()) && single(value.get(), seen);
        }
        return false;
    }

    /** The expression a reference stands for: an output's value. */
    private Optional<Expr> behind(Expr expr) {
        if (!(expr instanceof Expr.Reference reference) || reference.path().size() != 2) {
            return Optional.empty();
        }
        if (isRoot(expr, ReferenceRoot.OUTPUTS)) {
            return Optional.ofNullable(outputs.get(reference.path().get(1).value()));
        }
        return Optional.empty();
    }

    private static boolean isRoot(Expr expr, ReferenceRoot root) {
        return expr instanceof Expr.Reference reference
                && reference.root().value().equals(root.word());
    }

    private static List<Expr> children(Expr expr) {
        if (expr instanceof Expr.Template template) {
            return template.parts();
        }
        if (expr instanceof Expr.ListOf list) {
            return list.items();
        }
        if (expr instanceof Expr.MapOf map) {
            return map.entries().stream().map(Expr.Entry::value).toList();
        }
        return List.of();
    }
}
