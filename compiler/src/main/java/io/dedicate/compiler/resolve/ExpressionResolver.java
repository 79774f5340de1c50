package io.dedicate.compiler.resolve;

import io.dedicate.bundle.model.Quantity;
import io.dedicate.compiler.model.Expression;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.Name;
import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated AST expression into a model {@link Expression}: references become typed
 * references, quantities become their number of bytes or seconds (the unit says which), numbers
 * become Long when written without a fraction.
 */
public final class ExpressionResolver {

    private ExpressionResolver() {}

    public static Expression resolve(Expr expr) {
        if (expr instanceof Value value) {
            return new Expression.Literal(literal(value), value.span());
        } else if (expr instanceof Expr.Reference reference) {
            return reference(reference);
        } else if (expr instanceof Expr.Template template) {
            return new Expression.Concat(
                    template.parts().stream().map(ExpressionResolver::resolve).toList(), template.span());
        } else if (expr instanceof Expr.Credhub credhub) {
            return new Expression.Credhub(credhub.path().value(), credhub.span());
        } else if (expr instanceof Expr.ListOf list) {
            return new Expression.ListOf(
                    list.items().stream().map(ExpressionResolver::resolve).toList(), list.span());
        } else if (expr instanceof Expr.MapOf map) {
            Map<String, Expression> entries = new LinkedHashMap<>();
            map.entries().forEach(e -> entries.put(e.key().value(), resolve(e.value())));
            return new Expression.MapOf(entries, map.span());
        }
        throw new IllegalArgumentException("unknown expression " + expr);
    }

    /** A literal's value: String, Long, BigDecimal, Boolean; a quantity in bytes or seconds. */
    public static Object literal(Value value) {
        if (value instanceof Value.Str s) {
            return s.value();
        } else if (value instanceof Value.Num n) {
            return number(n);
        } else if (value instanceof Value.Bool b) {
            return b.value();
        } else if (value instanceof Value.Quantity q) {
            return Quantity.parse(q.text())
                    .flatMap(Quantity::wholeBase)
                    .orElseThrow(() -> new IllegalStateException("quantity not validated: " + q.text()));
        }
        throw new IllegalArgumentException("unknown value " + value);
    }

    /** Long when written without a fraction and small enough, BigDecimal otherwise. */
    public static Object number(Value.Num number) {
        BigDecimal value = number.value();
        if (!number.text().contains(".")) {
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                return value;
            }
        }
        return value;
    }

    private static Expression reference(Expr.Reference reference) {
        List<String> path = reference.path().stream().map(Name::value).toList();
        ReferenceRoot root = ReferenceRoot.named(path.get(0))
                .orElseThrow(() -> new IllegalStateException("reference not validated: " + reference.dotted()));
        String second = path.get(1);
        return switch (root) {
            case PARAMS -> new Expression.ParamRef(second, reference.span());
            case PLAN -> new Expression.PlanRef(path.subList(1, path.size()), reference.span());
            case INSTANCE -> new Expression.InstanceRef(second, reference.span());
            case DEPLOYMENT -> new Expression.DeploymentName(reference.span());
            case VARS -> new Expression.VariableRef(second, reference.span());
            case OUTPUTS -> new Expression.OutputRef(second, reference.span());
        };
    }
}
