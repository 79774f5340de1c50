package io.dedicate.bundle;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds BOSH and Concourse interpolation sequences ({@code ((name))}) in values.
 *
 * <p>BOSH interpolates {@code \(\((!?[-/\.\w\pL]+)\)\)} in parsed manifest values; Concourse
 * interpolates {@code ((source:path.field))}, with quoted segments, anywhere in a pipeline's parsed
 * values. Neither has an escape syntax, so a value containing such a sequence would be replaced by
 * a credential when the manifest is deployed or the pipeline set: a user could read any secret the
 * director or Concourse can. Such values are refused, never escaped. The pattern here is broader
 * than both (any text without {@code )} between {@code ((} and {@code ))}), so that it also covers
 * Concourse's quoted and sourced forms and future syntax.
 */
public final class Interpolation {

    private static final Pattern SEQUENCE = Pattern.compile("\\(\\([^)]+\\)\\)");

    private Interpolation() {}

    /** The first interpolation sequence in {@code text}, if any. */
    public static Optional<String> find(String text) {
        if (!text.contains("((")) {
            return Optional.empty();
        }
        Matcher matcher = SEQUENCE.matcher(text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }
}
