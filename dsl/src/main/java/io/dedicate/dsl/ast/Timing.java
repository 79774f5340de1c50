package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** {@code after deploy, update} or {@code before delete}: when an errand or a hook runs. */
public record Timing(When when, List<PhaseRef> phases, SourceSpan span) implements Node {

    public Timing {
        phases = List.copyOf(phases);
    }

    public enum When {
        AFTER,
        BEFORE
    }

    /** A lifecycle operation of a cluster. */
    public enum Phase {
        DEPLOY,
        UPDATE,
        RECREATE,
        UPGRADE,
        DELETE
    }

    public record PhaseRef(Phase phase, SourceSpan span) implements Node {}
}
