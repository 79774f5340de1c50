package io.dedicate.compiler.release;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties an ERB template must have: {@code p("x")} or {@code p('x')} with no default
 * argument. {@code p("x", default)} has a default, {@code if_p("x")} is optional, {@code link.p("x")}
 * reads a link, not a property: none of them count.
 */
public final class TemplateReads {

    /** {@code p("name")}, not preceded by a word character or a dot, with nothing but the name inside. */
    private static final Pattern REQUIRED = Pattern.compile("(?<![\\w.])p\\(\\s*([\"'])([A-Za-z0-9_.\\-]+)\\1\\s*\\)");

    private TemplateReads() {}

    /** The names read without default, in order of first appearance. */
    public static List<String> required(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = REQUIRED.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(2));
        }
        return List.copyOf(names);
    }
}
