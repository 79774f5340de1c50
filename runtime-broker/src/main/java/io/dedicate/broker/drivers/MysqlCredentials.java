package io.dedicate.broker.drivers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a binding gives an application to reach its database: the five parts and two ready-made URLs, in the keys Cloud
 * Foundry libraries expect ({@code hostname, port, name, username, password, uri, jdbcUrl}). {@link #toString()}
 * masks the password.
 *
 * @param hostname the server's host name or address
 * @param port the server's TCP port
 * @param name the database
 * @param username the binding's user
 * @param password the binding's password
 */
public record MysqlCredentials(String hostname, int port, String name, String username, String password) {

    private static final String MASK = "******";

    /** Checks that no part is missing. */
    public MysqlCredentials {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** {@code mysql://USER:PASSWORD@HOST:PORT/NAME?reconnect=true}, user and password URL-encoded. */
    public String uri() {
        return "mysql://" + encode(username) + ":" + encode(password) + "@" + hostname + ":" + port + "/" + name
                + "?reconnect=true";
    }

    /** {@code jdbc:mysql://HOST:PORT/NAME?user=USER&password=PASSWORD}, user and password URL-encoded. */
    public String jdbcUrl() {
        return "jdbc:mysql://" + hostname + ":" + port + "/" + name + "?user=" + encode(username) + "&password="
                + encode(password);
    }

    /**
     * The binding's {@code credentials} object: the seven keys in a stable order. The map is unmodifiable and its
     * {@code toString()} masks the password (serializers such as Jackson still see every value).
     */
    public Map<String, Object> asBindingCredentials() {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("hostname", hostname);
        credentials.put("port", port);
        credentials.put("name", name);
        credentials.put("username", username);
        credentials.put("password", password);
        credentials.put("uri", uri());
        credentials.put("jdbcUrl", jdbcUrl());
        return new MaskedCredentials(Collections.unmodifiableMap(credentials), password);
    }

    /** The credentials without the password. */
    @Override
    public String toString() {
        return "MysqlCredentials[hostname=" + hostname + ", port=" + port + ", name=" + name + ", username=" + username
                + ", password=" + MASK + "]";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An unmodifiable view whose text form never shows the password. */
    private static final class MaskedCredentials extends AbstractMap<String, Object> {

        private final Map<String, Object> values;
        private final String password;

        MaskedCredentials(Map<String, Object> values, String password) {
            this.values = values;
            this.password = password;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return values.entrySet();
        }

        @Override
        public String toString() {
            String text = values.toString();
            return password.isEmpty() ? text : text.replace(password, MASK).replace(encode(password), MASK);
        }
    }
}
