package io.dedicate.compiler.validate;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Name;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Queries over AST members that several rules share. */
final class Members {

    private Members() {}

    /** The elements of {@code list} that are of {@code kind}, in order. */
    static <T> List<T> ofKind(List<?> list, Class<T> kind) {
        return list.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /**
     * Calls {@code onDuplicate(later, first)} for every element whose key an earlier element
     * already had, in order.
     */
    static <T extends FromSourceSpan> void duplicates(
            List<T> elements, Function<T, String> key, BiConsumer<T, T> onDuplicate) {
        Map<String, T> first = new HashMap<>();
        for (T element : elements) {
            T earlier = first.putIfAbsent(key.apply(element), element);
            if (earlier != null) {
                onDuplicate.accept(element, earlier);
            }
        }
    }

    /** The span from the start of {@code from} to the end of {@code to}, as a reportable place. */
    static FromSourceSpan spanning(FromSourceSpan from, FromSourceSpan to) {
        io.dedicate.dsl.SourceSpan span = from.span().to(to.span());
        return () -> span;
    }

    /**
     * The span of the keyword that starts {@code node} ({@code terraform} of a terraform block),
     * to point at a block without underlining all of it.
     */
    static FromSourceSpan keyword(io.dedicate.dsl.ast.Node node, String keyword) {
        io.dedicate.dsl.SourceSpan start = node.span();
        io.dedicate.dsl.SourceSpan span = new io.dedicate.dsl.SourceSpan(
                start.file(), start.line(), start.column(), start.line(), start.column() + keyword.length());
        return () -> span;
    }

    /** A literal as written: {@code "8.0"}, {@code 10GB}, {@code 3}, {@code true}. */
    static String written(io.dedicate.dsl.ast.Value value) {
        if (value instanceof io.dedicate.dsl.ast.Value.Str s) {
            return "\"" + s.value() + "\"";
        } else if (value instanceof io.dedicate.dsl.ast.Value.Num n) {
            return n.text();
        } else if (value instanceof io.dedicate.dsl.ast.Value.Quantity q) {
            return q.text();
        }
        return String.valueOf(((io.dedicate.dsl.ast.Value.Bool) value).value());
    }

    /** Every parameter of the offering with the scope of its block, in source order. */
    static List<ScopedParameter> parameters(io.dedicate.compiler.load.ExpandedOffering offering) {
        return offering.members(Member.Parameters.class).stream()
                .flatMap(block -> block.parameters().stream().map(p -> new ScopedParameter(p, block.scope())))
                .toList();
    }

    /** A parameter and the scope of the block declaring it. */
    record ScopedParameter(io.dedicate.dsl.ast.ParameterDecl decl, Member.ParameterScope scope) {
        <T extends io.dedicate.dsl.ast.ParameterOption> List<T> options(Class<T> kind) {
            return ofKind(decl.options(), kind);
        }

        java.util.Optional<io.dedicate.dsl.ast.ParameterOption.Flag> flag(
                io.dedicate.dsl.ast.ParameterOption.FlagKind kind) {
            return options(io.dedicate.dsl.ast.ParameterOption.Flag.class).stream()
                    .filter(f -> f.kind() == kind)
                    .findFirst();
        }
    }

    /** Names of the instance groups, in order. */
    static List<String> groupNames(List<DeploymentSetting.InstanceGroup> groups) {
        return groups.stream().map(g -> g.name().value()).distinct().toList();
    }

    static boolean isErrandGroup(DeploymentSetting.InstanceGroup group) {
        return ofKind(group.settings(), GroupSetting.Lifecycle.class).stream()
                .anyMatch(l -> l.lifecycle().value().equals("errand"));
    }

    static boolean hasFixedInstances(DeploymentSetting.InstanceGroup group) {
        return !ofKind(group.settings(), GroupSetting.Instances.class).isEmpty();
    }

    static List<String> planNames(List<Member.Plan> plans, Member.PlanKind kind) {
        return plans.stream()
                .filter(p -> p.kind() == kind)
                .map(p -> p.name().value())
                .distinct()
                .toList();
    }

    static List<String> names(List<Name> names) {
        return names.stream().map(Name::value).toList();
    }
}
