package io.dedicate.broker.drivers;

import java.util.Objects;

/**
 * Where and how to reach a cluster's MySQL as its administrator, from the outputs the cluster's pipeline reported.
 * {@link #toString()} never shows the password, so an endpoint can be logged.
 *
 * @param host the server's host name or address
 * @param port the server's TCP port (1..65535)
 * @param adminUsername an account allowed to create databases and users and to grant privileges
 * @param adminPassword that account's password
 */
public record MysqlAdminEndpoint(String host, int port, String adminUsername, String adminPassword) {

    /** Refuses an endpoint that cannot be right: blank host or user name, port out of range. */
    public MysqlAdminEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminUsername, "adminUsername");
        Objects.requireNonNull(adminPassword, "adminPassword");
        if (host.isBlank()) {
            throw new IllegalArgumentException("MySQL admin endpoint: the host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "MySQL admin endpoint " + host + ": port " + port + " is not between 1 and 65535");
        }
        if (adminUsername.isBlank()) {
            throw new IllegalArgumentException(
                    "MySQL admin endpoint " + host + ":" + port + ": the admin user is blank");
        }
    }

    /** {@code host:port}, as error messages name the endpoint. */
    public String address() {
        return host + ":" + port;
    }

    /** The endpoint without its password. */
    @Override
    public String toString() {
        return "MysqlAdminEndpoint[host=" + host + ", port=" + port + ", adminUsername=" + adminUsername
                + ", adminPassword=******]";
    }
}
