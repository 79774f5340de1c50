package io.dedicate.broker.refusal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * Checks the identifiers that become folders of the deployment repository (instance IDs, org and
 * space GUIDs): 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit. So
 * {@code ..}, {@code a/b}, control characters and over-long IDs are refused with a 400 before
 * anything is stored or committed.
 */
public final class PathSegments {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private PathSegments() {}

    /** True if {@code value} is a safe folder name. */
    public static boolean isSafe(@Nullable String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    /**
     * Returns {@code value} if it is safe, else throws a 400 naming {@code what}.
     *
     * @throws ServiceBrokerInvalidParametersException if {@code value} is missing or unsafe
     */
    public static String require(String what, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw new ServiceBrokerInvalidParametersException(what + " is missing");
        }
        if (!isSafe(value)) {
            throw new ServiceBrokerInvalidParametersException(what + " `" + printable(value)
                    + "` is not accepted: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
                    + " a digit");
        }
        return value;
    }

    /** {@code value} shortened to 80 characters with control characters replaced, for messages. */
    public static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    }
}
