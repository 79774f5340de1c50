package io.dedicate.broker.drivers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mysql} child driver: one database per child instance and one user per binding, created by the broker on
 * the cluster's own MySQL (or MariaDB) server through its admin endpoint.
 *
 * <p>Every call borrows one admin connection from a small pool per cluster admin endpoint ({@link AdminConnections}: at
 * most four, with a connect timeout and a socket timeout) and gives it back; the first call on an endpoint connects
 * directly, so a wrong password or an unreachable server fails at once with the server's own message. {@link #close()}
 * closes the pools (the broker does when it stops). Every identifier that reaches SQL (database, user, character set, collation) is generated
 * by the broker or comes from the offering, and is checked against {@code [a-z0-9_]} before any SQL runs, so quoting
 * it with backticks is safe. Passwords are generated here (32 characters, {@link SecureRandom}) from letters, digits
 * and {@code -_.}, which need no escaping, and are still sent as a bound parameter of {@code CREATE USER ... IDENTIFIED
 * BY ?}: connections use client-side prepared statements ({@code useServerPrepStmts=false}, MariaDB Connector/J's
 * default, set explicitly) so the driver substitutes an escaped literal and the placeholder never reaches the server.
 *
 * <p>Quotas: a child plan's {@code quota} (bytes) is not enforced by MySQL itself and this driver does not enforce it;
 * {@link MysqlQuotaEnforcer} does, on the same admin connections.
 */
public final class MysqlChildDriver implements AutoCloseable {

    /** How long one statement may wait for the server before the call fails. */
    static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);

    /** Length of generated passwords. */
    static final int PASSWORD_LENGTH = 32;

    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._-]{24,}");
    static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,64}");
    static final Pattern USER = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{30,}");
    private static final int LEGACY_HEX_CHARS = 30;
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int ER_DB_CREATE_EXISTS = 1007;
    private static final int ER_CANNOT_USER = 1396;

    private final SecureRandom random = new SecureRandom();
    private final AdminConnections connections;

    /** A driver whose connections give up after {@code connectTimeout} when a server does not answer. */
    public MysqlChildDriver(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        this.connections = new AdminConnections(connectTimeout, SOCKET_TIMEOUT);
    }

    /** Closes the pooled admin connections of every cluster; calls after this fail. */
    @Override
    public void close() {
        connections.close();
    }

    /** The pooled admin connections (tests look at their pools). */
    AdminConnections connections() {
        return connections;
    }

    /**
     * Creates {@code database} with the given character set and collation.
     *
     * @throws ChildDriverException if a database of that name exists already (it is never adopted: it may hold
     *     another's data), or if the server cannot be reached
     */
    public void createDatabase(MysqlAdminEndpoint admin, String database, String characterSet, String collation) {
        checkIdentifier(DATABASE, "database name", database);
        checkIdentifier(DATABASE, "character set", characterSet);
        checkIdentifier(DATABASE, "collation", collation);
        createDatabase(admin, database, new DatabaseCharacterSet(characterSet, collation));
    }

    /**
     * Creates {@code database} with {@code charset}'s character set and collation (the server's default collation of
     * the character set when it names none).
     *
     * @throws ChildDriverException if a database of that name exists already (it is never adopted: it may hold
     *     another's data), or if the server cannot be reached
     */
    public void createDatabase(MysqlAdminEndpoint admin, String database, DatabaseCharacterSet charset) {
        checkIdentifier(DATABASE, "database name", database);
        checkIdentifier(DATABASE, "character set", charset.characterSet());
        String collation = charset.collation();
        if (collation != null) {
            checkIdentifier(DATABASE, "collation", collation);
        }
        String what = "create database '" + database + "'";
        run(admin, what, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET " + charset.characterSet()
                        + (collation == null ? "" : " COLLATE " + collation));
            } catch (SQLException e) {
                if (e.getErrorCode() == ER_DB_CREATE_EXISTS) {
                    // never adopt a database the broker did not just create: it may hold another's data
                    throw new ChildDriverException("MySQL " + admin.address() + ": cannot " + what
                            + ": a database of that name already exists (the broker does not know it: drop or rename"
                            + " it after checking what it holds)");
                }
                throw e;
            }
            return null;
        });
    }

    /**
     * Drops {@code database} and the users that hold privileges on it (the bindings' users); a database that does not
     * exist is fine, so calling this twice is fine.
     */
    public void dropDatabase(MysqlAdminEndpoint admin, String database) {
        checkIdentifier(DATABASE, "database name", database);
        run(admin, "drop database '" + database + "'", connection -> {
            List<String> users = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT DISTINCT User FROM mysql.db WHERE (Db = ? OR Db = ?) AND Host = '%' ORDER BY User")) {
                query.setString(1, database);
                query.setString(2, grantPattern(database));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        users.add(rows.getString(1));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String user : users) {
                    if (USER.matcher(user).matches() && !user.equals(admin.adminUsername())) {
                        statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                    }
                }
                statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            }
            return null;
        });
    }

    /**
     * Creates {@code username} with a strong random password and grants it every privilege on {@code database} only
     * ({@code SELECT} only when {@code readOnly}), and returns what the application needs to connect.
     *
     * @throws ChildDriverException if the database does not exist or the user already exists (its password cannot be
     *     given back, so the caller must drop it first), or if the server cannot be reached
     */
    public MysqlCredentials createUser(MysqlAdminEndpoint admin, String database, String username, boolean readOnly) {
        checkIdentifier(DATABASE, "database name", database);
        checkIdentifier(USER, "user name", username);
        String password = newPassword();
        String what = "create user '" + username + "' on database '" + database + "'";
        run(
                admin,
                what,
                connection -> {
                    if (!databaseExists(connection, database)) {
                        throw new ChildDriverException(
                                "MySQL " + admin.address() + ": cannot " + what + ": the database does not exist");
                    }
                    // An existing user is refused by the server itself (error 1396, below): no query
                    // beforehand, which would cost a round trip and still race with another creator.
                    try (PreparedStatement create =
                            connection.prepareStatement("CREATE USER '" + username + "'@'%' IDENTIFIED BY ?")) {
                        create.setString(1, password);
                        create.execute();
                    } catch (SQLException e) {
                        if (e.getErrorCode() == ER_CANNOT_USER) {
                            throw new ChildDriverException("MySQL " + admin.address() + ": cannot " + what
                                    + ": the user already exists (drop it first; its password cannot be recovered)");
                        }
                        throw e;
                    }
                    String privileges = readOnly ? "SELECT" : "ALL PRIVILEGES";
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("GRANT " + privileges + " ON `" + grantPattern(database) + "`.* TO '"
                                + username + "'@'%'");
                    }
                    return null;
                },
                password);
        return new MysqlCredentials(admin.host(), admin.port(), database, username, password);
    }

    /** Drops {@code username}; a user that does not exist is fine, so calling this twice is fine. */
    public void dropUser(MysqlAdminEndpoint admin, String username) {
        checkIdentifier(USER, "user name", username);
        run(admin, "drop user '" + username + "'", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP USER IF EXISTS '" + username + "'@'%'");
            }
            return null;
        });
    }

    /**
     * The database name of a child instance, from its whole ID so that two IDs never share one: {@code d_} and the 32
     * hex digits of a canonical (lower-case) UUID, or for any other ID {@code d_h} and the 52 base32 characters of its
     * SHA-256 (55 characters; MySQL allows 64). The two forms differ in length, and from {@link
     * #legacyDatabaseName(String)}'s (32 characters). Stable: the same ID always gives the same name.
     */
    public static String databaseName(String instanceId) {
        requireId(instanceId);
        if (CANONICAL_UUID.matcher(instanceId).matches()) {
            return "d_" + instanceId.replace("-", "");
        }
        return "d_h" + base32(sha256(instanceId));
    }

    /**
     * The database name children created before schema version 9 have (their rows' {@code name_scheme} is 1): {@code
     * d_} and the first 30 hex digits of the ID (dashes removed), or of its SHA-256 for an ID that is not hexadecimal.
     * Two IDs can share it, so it is used only for those children, never for a new one.
     */
    public static String legacyDatabaseName(String instanceId) {
        requireId(instanceId);
        String hex = instanceId.replace("-", "").toLowerCase(Locale.ROOT);
        if (HEX_ID.matcher(hex).matches()) {
            return "d_" + hex.substring(0, LEGACY_HEX_CHARS);
        }
        return "d_" + HexFormat.of().formatHex(sha256(instanceId)).substring(0, LEGACY_HEX_CHARS);
    }

    /**
     * The user name of a binding, within MySQL's 32 characters (5.7.8 and later): {@code u_} and the 26 base32
     * characters of a canonical UUID's 16 bytes (the whole ID, so two bindings never share one), or for any other ID
     * {@code u_h} and the first 29 base32 characters of its SHA-256 (145 bits). A binding's user name is stored with it
     * ({@code service_binding.username}), so the names of older bindings keep working.
     */
    public static String userName(String bindingId) {
        requireId(bindingId);
        if (CANONICAL_UUID.matcher(bindingId).matches()) {
            return "u_" + base32(HexFormat.of().parseHex(bindingId.replace("-", "")));
        }
        return "u_h" + base32(sha256(bindingId)).substring(0, 29);
    }

    private static void requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an OSB ID is blank: cannot derive a MySQL name from it");
        }
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** RFC 4648 base32 in lower case without padding: letters and the digits 2 to 7, valid in MySQL names. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** A database name as a GRANT pattern: {@code _} is a wildcard there, so it is escaped to mean itself. */
    static String grantPattern(String database) {
        return database.replace("_", "\\_");
    }

    static void checkIdentifier(Pattern pattern, String kind, String value) {
        Objects.requireNonNull(value, kind);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid MySQL " + kind + " '" + value + "': expected "
                    + pattern.pattern() + " (lower-case letters, digits, underscores)");
        }
    }

    private String newPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        String generated = password.toString();
        if (!PASSWORD.matcher(generated).matches()) {
            throw new IllegalStateException("generated password is outside its alphabet");
        }
        return generated;
    }

    private static boolean databaseExists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            query.setString(1, database);
            return count(query) > 0;
        }
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /**
     * One piece of work on an open admin connection. The connection goes back to a pool afterwards: work must leave its
     * session as it found it (qualified names instead of {@code USE}, no {@code SET}, no {@code START TRANSACTION} or
     * {@code LOCK TABLES}); what it changes through the JDBC API, the pool resets.
     */
    @FunctionalInterface
    interface Work {
        @Nullable
        Object on(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a pooled admin connection; failures name the endpoint and never show {@code secrets}. */
    void run(MysqlAdminEndpoint admin, String what, Work work, String... secrets) {
        try (Connection connection = connections.open(admin)) {
            work.on(connection);
        } catch (SQLException e) {
            List<String> hidden = new ArrayList<>(List.of(secrets));
            hidden.add(admin.adminPassword());
            String reason = scrub(String.valueOf(e.getMessage()), hidden);
            boolean leaks = leaks(e, hidden);
            throw new ChildDriverException(
                    "MySQL " + admin.address() + ": cannot " + what + ": " + reason, leaks ? null : e);
        }
    }

    private static String scrub(String message, List<String> secrets) {
        String scrubbed = message;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, "******");
            }
        }
        return scrubbed;
    }

    private static boolean leaks(Throwable error, List<String> secrets) {
        for (@Nullable Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            for (String secret : secrets) {
                if (!secret.isEmpty() && message.contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }
}
