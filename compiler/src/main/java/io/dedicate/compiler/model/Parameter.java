package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A typed parameter in one scope: what it is ({@code name}, {@code type}, its documentation), how
 * it is treated ({@link Flag flags}), its default and the {@link Constraints} a value must meet.
 *
 * <p>Born two ways: declared in the offering (the canonical constructor, from the front end) or
 * {@linkplain #builtIn built in} (the parameters the bundle's contract defines).
 *
 * @param description shown in the schema; null when the offering says nothing
 * @param example shown in the schema; same representation as the default
 * @param defaultValue the default as JSON: String, Long, BigDecimal or Boolean; byte sizes and
 *     durations keep their written form ({@code "1GB"}, {@code "10s"}), which the schema accepts
 * @param flags how the parameter is treated; empty for an ordinary optional parameter
 */
public record Parameter(
        String name,
        ParameterType type,
        @Nullable String description,
        @Nullable Object example,
        @Nullable Object defaultValue,
        Set<Flag> flags,
        Constraints constraints,
        SourceSpan span)
        implements FromSourceSpan {

    public Parameter {
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /**
     * A built-in parameter as the bundle's contract defines it: no example, no constraints, no
     * place in the source.
     */
    public static Parameter builtIn(
            String name,
            ParameterType type,
            @Nullable String description,
            @Nullable Object defaultValue,
            boolean required) {
        return new Parameter(
                name,
                type,
                description,
                null,
                defaultValue,
                required ? EnumSet.of(Flag.BUILT_IN, Flag.REQUIRED) : EnumSet.of(Flag.BUILT_IN),
                Constraints.NONE,
                SourceSpan.NONE);
    }

    /** Whether the parameter carries {@code flag}. */
    public boolean is(Flag flag) {
        return flags.contains(flag);
    }

    /** How a parameter is treated, besides its type and constraints. */
    public enum Flag {
        /** Must be given (a parameter without a default is optional unless required). */
        REQUIRED,
        /** Accepted when the instance is created, rejected on update. */
        CREATE_ONLY,
        /** Never echoed back, logged or rendered in clear; its default and example are not shown. */
        SECRET,
        /**
         * One of the parameters the bundle's contract gives every child plan ({@code cluster},
         * {@code cluster-org}, {@code cluster-space}) or cluster ({@code recreate}, {@code grants}).
         */
        BUILT_IN
    }

    /**
     * What a value must meet; each bound is null when not declared.
     *
     * @param minimum lower bound: the number itself, bytes for BYTES, seconds for DURATION
     * @param maximum upper bound, same units as {@code minimum}
     * @param minLength shortest string
     * @param maxLength longest string
     * @param pattern regular expression a string must match
     * @param enumValues allowed values of an ENUM, as JSON values, in source order
     */
    public record Constraints(
            @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum,
            @Nullable Integer minLength,
            @Nullable Integer maxLength,
            @Nullable String pattern,
            List<Object> enumValues) {

        /** No constraint at all. */
        public static final Constraints NONE = new Constraints(null, null, null, null, null, List.of());

        public Constraints {
            enumValues = List.copyOf(enumValues);
        }

        public Constraints withRange(@Nullable BigDecimal min, @Nullable BigDecimal max) {
            return new Constraints(min, max, minLength, maxLength, pattern, enumValues);
        }

        public Constraints withLength(@Nullable Integer min, @Nullable Integer max) {
            return new Constraints(minimum, maximum, min, max, pattern, enumValues);
        }

        public Constraints withPattern(@Nullable String regex) {
            return new Constraints(minimum, maximum, minLength, maxLength, regex, enumValues);
        }

        public Constraints withEnumValues(Collection<?> values) {
            return new Constraints(minimum, maximum, minLength, maxLength, pattern, List.<Object>copyOf(values));
        }
    }
}
