package io.dedicate.broker.drivers;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to reach a dedicated cluster's own OSB broker, from the outputs its pipeline reported ({@code
 * broker_url}, {@code broker_username}, {@code broker_password}). {@link #toString()} never shows the password.
 *
 * @param clusterName the cluster's instance name (or GUID), for error messages
 * @param url the broker's base URL, {@code http} or {@code https}, without {@code /v2}
 * @param username the broker's basic-auth user
 * @param password the broker's basic-auth password
 */
public record ClusterBrokerEndpoint(String clusterName, URI url, String username, String password) {

    /** Refuses an endpoint that cannot be right: not an absolute http(s) URL, or a blank user. */
    public ClusterBrokerEndpoint {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("the broker URL " + url + " is not an absolute http(s) URL with a host");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "the broker URL must carry no user, query or fragment: " + url.getScheme() + "://" + url.getHost());
        }
        if (username.isBlank()) {
            throw new IllegalArgumentException("the broker user name is blank");
        }
    }

    /** The URL of {@code path} (which starts with {@code /v2/}) on this broker. */
    URI resolve(String path) {
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** The endpoint without its password. */
    @Override
    public String toString() {
        return "ClusterBrokerEndpoint[clusterName=" + clusterName + ", url=" + url + ", username=" + username
                + ", password=******]";
    }
}
