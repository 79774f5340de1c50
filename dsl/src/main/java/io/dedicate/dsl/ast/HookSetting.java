package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** One line inside {@code hook NAME on shared deployment "..." { ... }}. */
public sealed interface HookSetting extends Node {

    /** {@code register after deploy, update}: when the ops are added to the shared deployment. */
    record Register(List<Timing> timings, SourceSpan span) implements HookSetting {
        public Register {
            timings = List.copyOf(timings);
        }
    }

    /** {@code deregister before delete}: when the ops are removed again. */
    record Deregister(List<Timing> timings, SourceSpan span) implements HookSetting {
        public Deregister {
            timings = List.copyOf(timings);
        }
    }

    /** {@code ops "/instance_groups/name=x/..." = expr}: one BOSH ops-file {@code replace} entry. */
    record Ops(Text path, Expr value, SourceSpan span) implements HookSetting {}
}
