package io.dedicate.compiler.diagnostic;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.FromSourceSpan;
import io.dedicate.dsl.Severity;
import io.dedicate.dsl.SourceSpan;
import io.dedicate.dsl.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reports diagnostics of one code into a list, with texts from the {@link Messages} catalogue.
 *
 * <p>{@code error(at, "same-plan", args)} reads the message under {@code CODE.same-plan} and the
 * hint under {@code CODE.same-plan.hint}; an empty variant reads {@code CODE} and {@code
 * CODE.hint}. The span is the one of {@code at}: pass the offending name or value, not its block.
 */
public final class Reporter {

    private static final Messages MESSAGES = Messages.catalogue();

    private final String code;
    private final List<Diagnostic> sink;

    /** A reporter adding diagnostics with {@code code} to {@code sink}. */
    public Reporter(String code, List<Diagnostic> sink) {
        this.code = code;
        this.sink = sink;
    }

    /** A place to report at that is not a node: a file's start, a span made of several nodes. */
    public static FromSourceSpan at(SourceSpan span) {
        return () -> span;
    }

    /** The stable code of every diagnostic this reporter adds. */
    public String code() {
        return code;
    }

    /** Reports an error: the compilation fails. */
    public void error(FromSourceSpan at, String variant, Object... args) {
        report(Severity.ERROR, at, variant, args);
    }

    /** Reports a warning: shown, but the compilation goes on. */
    public void warning(FromSourceSpan at, String variant, Object... args) {
        report(Severity.WARNING, at, variant, args);
    }

    /**
     * Reports an error for a name that is not declared, with "did you mean" when a declared name is
     * close. Arguments of the texts: {@code {0}} the name, {@code {1}} the suggestion (empty or
     * {@code " (did you mean `x`?)"}), {@code {2}} the declared names joined with commas, then
     * {@code extra}. When nothing is declared, the hint is read from {@code KEY.hint-none}.
     */
    public void unknownName(
            FromSourceSpan at, String variant, String name, Collection<String> declared, Object... extra) {
        String suggestion = Suggestions.closest(name, declared)
                .map(closest -> MESSAGES.format("did-you-mean", closest))
                .orElse("");
        List<Object> args = new ArrayList<>();
        args.add(name);
        args.add(suggestion);
        args.add(String.join(", ", declared));
        args.addAll(List.of(extra));
        String key = key(variant);
        String hintKey = declared.isEmpty() && MESSAGES.has(key + ".hint-none") ? key + ".hint-none" : key + ".hint";
        Object[] all = args.toArray();
        sink.add(new Diagnostic(
                Severity.ERROR,
                code,
                MESSAGES.format(key, all),
                MESSAGES.formatIfPresent(hintKey, all).orElse(null),
                at.span()));
    }

    private void report(Severity severity, FromSourceSpan at, String variant, Object... args) {
        String key = key(variant);
        sink.add(new Diagnostic(
                severity,
                code,
                MESSAGES.format(key, args),
                MESSAGES.formatIfPresent(key + ".hint", args).orElse(null),
                at.span()));
    }

    private String key(String variant) {
        return variant.isEmpty() ? code : code + "." + variant;
    }
}
