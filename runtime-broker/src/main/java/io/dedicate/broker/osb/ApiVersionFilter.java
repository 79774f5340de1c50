package io.dedicate.broker.osb;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Broker-API-Version}: this broker speaks OSB 2.17 and accepts platforms from 2.13
 * on; an older, missing or malformed version gets 412 Precondition Failed with an OSB error body.
 */
public final class ApiVersionFilter implements Filter {

    /** The header platforms send. */
    public static final String HEADER = "X-Broker-API-Version";

    /** The OSB version this broker implements. */
    public static final String SPOKEN = "2.17";

    private static final int MINIMUM_MINOR = 13;
    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String version = ((HttpServletRequest) request).getHeader(HEADER);
        String refusal = refusal(version);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        OsbErrorBody.write((HttpServletResponse) response, HttpServletResponse.SC_PRECONDITION_FAILED, null, refusal);
    }

    /** Why {@code version} is refused, or null if it is accepted. */
    static @Nullable String refusal(@Nullable String version) {
        if (version == null || version.isBlank()) {
            return "the " + HEADER + " header is missing: this broker speaks OSB " + SPOKEN + " and accepts 2."
                    + MINIMUM_MINOR + " and later";
        }
        Matcher matcher = VERSION.matcher(version.trim());
        if (!matcher.matches()) {
            return HEADER + " `" + printable(version) + "` is not a version such as " + SPOKEN;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        if (major != 2 || minor < MINIMUM_MINOR) {
            return "OSB API version " + major + "." + minor + " is not supported: this broker speaks " + SPOKEN
                    + " and accepts 2." + MINIMUM_MINOR + " and later";
        }
        return null;
    }

    private static String printable(String text) {
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
