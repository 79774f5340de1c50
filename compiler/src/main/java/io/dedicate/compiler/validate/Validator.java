package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.Diagnostic;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Runs every rule of {@link ValidationRules#ALL} on the loaded offerings and says which
 * diagnostics belong to which offering (an offering with an error is left out of the model).
 *
 * <p>Offerings whose includes could not all be read are only checked across offerings: their
 * members are partial, and checking them would report consequences of the missing include.
 */
public final class Validator {

    private final List<Rule> rules;

    public Validator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** An offering and the diagnostics found in it, loading's included. */
    public record Validation(ExpandedOffering offering, List<Diagnostic> diagnostics) {
        public Validation {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** Validates each offering; the result is in the same order as {@code offerings}. */
    public List<Validation> validate(List<ExpandedOffering> offerings) {
        IdentityHashMap<ExpandedOffering, List<Diagnostic>> found = new IdentityHashMap<>();
        for (ExpandedOffering offering : offerings) {
            List<Diagnostic> diagnostics = new ArrayList<>(offering.diagnostics());
            found.put(offering, diagnostics);
            if (offering.complete()) {
                for (Rule rule : rules) {
                    rule.check(offering, new Reporter(rule.code(), diagnostics));
                }
            }
        }
        for (Rule rule : rules) {
            rule.checkAcross(offerings, offering -> new Reporter(rule.code(), diagnosticsOf(found, offering)));
        }
        return offerings.stream()
                .map(o -> new Validation(o, diagnosticsOf(found, o)))
                .toList();
    }

    private static List<Diagnostic> diagnosticsOf(
            IdentityHashMap<ExpandedOffering, List<Diagnostic>> found, ExpandedOffering offering) {
        List<Diagnostic> diagnostics = found.get(offering);
        if (diagnostics == null) {
            throw new IllegalArgumentException("not an offering of this validation: " + offering.name());
        }
        return diagnostics;
    }
}
