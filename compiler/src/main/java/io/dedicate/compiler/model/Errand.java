package io.dedicate.compiler.model;

import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.SourceSpan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A BOSH errand and when it runs.
 *
 * @param instanceGroup for a colocated errand ({@code errand bootstrap on mysql}), the group whose
 *     instances run it; null when the errand is a {@code lifecycle errand} group of the same name
 */
public record Errand(String name, @Nullable String instanceGroup, List<Trigger> triggers, SourceSpan span)
        implements FromSourceSpan {

    public Errand {
        triggers = List.copyOf(triggers);
    }

    public boolean runs(Trigger.When when, Operation operation) {
        return triggers.contains(new Trigger(when, operation));
    }
}
