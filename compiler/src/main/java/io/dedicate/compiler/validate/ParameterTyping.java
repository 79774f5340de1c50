package io.dedicate.compiler.validate;

import io.dedicate.bundle.model.Quantity;
import io.dedicate.dsl.ast.TypeRef;
import io.dedicate.dsl.ast.Value;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** What values a parameter type accepts, shared by the parameter rules. */
final class ParameterTyping {

    private ParameterTyping() {}

    /** Whether the literal's kind fits the type (units and enum membership are checked elsewhere). */
    static boolean accepts(TypeRef.Kind type, Value value) {
        return switch (type) {
            case STRING -> value instanceof Value.Str;
            case INTEGER -> value instanceof Value.Num n && isWhole(n.value());
            case NUMBER -> value instanceof Value.Num;
            case BOOLEAN -> value instanceof Value.Bool;
            case BYTES, DURATION ->
                value instanceof Value.Quantity
                        || (value instanceof Value.Num n
                                && isWhole(n.value())
                                && n.value().signum() >= 0);
            case ENUM -> true;
        };
    }

    /** The dimension of a quantity-typed parameter, if the type is one. */
    static Optional<Quantity.Dimension> dimension(TypeRef.Kind type) {
        return switch (type) {
            case BYTES -> Optional.of(Quantity.Dimension.BYTES);
            case DURATION -> Optional.of(Quantity.Dimension.DURATION);
            default -> Optional.empty();
        };
    }

    /**
     * A numeric value in the type's unit (the number, bytes, seconds), if the value is well-typed
     * and its quantity valid.
     */
    static Optional<BigDecimal> magnitude(TypeRef.Kind type, Value value) {
        if (value instanceof Value.Num n) {
            return Optional.of(n.value());
        }
        if (value instanceof Value.Quantity q) {
            return dimension(type)
                    .flatMap(d -> Quantity.parse(q.text()).filter(parsed -> parsed.dimension() == d))
                    .map(Quantity::base);
        }
        return Optional.empty();
    }

    /** The message key describing the type ({@code parameter-kind.integer}). */
    static String messageKey(TypeRef.Kind type) {
        return "parameter-kind." + type.name().toLowerCase(Locale.ROOT);
    }

    static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
