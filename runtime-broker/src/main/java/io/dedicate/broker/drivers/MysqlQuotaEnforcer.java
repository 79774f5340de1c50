package io.dedicate.broker.drivers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Enforces the {@code quota} of the {@code mysql} driver's child plans, as cf-mysql's quota enforcer does: MySQL has no
 * size limit per database, so a periodic sweep measures each child database and, when one reaches its quota, revokes
 * {@code INSERT}, {@code UPDATE} and {@code CREATE} on it from its users (they keep {@code SELECT}, {@code DELETE} and
 * {@code DROP}, to read and to free space); once the database is back under its quota, the sweep grants them again.
 *
 * <p>Everything is read from the server, nothing from the broker's memory, so several broker replicas may sweep the
 * same cluster: sizes from {@code information_schema.TABLES} ({@code DATA_LENGTH + INDEX_LENGTH} per schema), who may
 * write from {@code mysql.db}. A user is a writer when it holds {@code DELETE} (the read-only bindings hold {@code
 * SELECT} only and are never given more): over quota, writers that hold {@code INSERT} lose it; under quota, writers
 * that lack it get it back.
 *
 * <p>MySQL applies database privileges to an open connection only at its next {@code USE}, so after changing a user's
 * privileges the sweep kills that user's open connections; applications reconnect and get the new privileges.
 *
 * <p>Sizes are InnoDB's statistics: they follow inserts lazily (a background recalculation after about 10% of a
 * table's rows changed, or {@code ANALYZE TABLE}), so a database goes over its quota a little late. Its users cannot
 * run {@code ANALYZE TABLE} once their {@code INSERT} is revoked, so the sweep analyses the tables of the databases it
 * restricted before measuring them: on MariaDB 11.4, rows deleted (once purged, within seconds) then no longer count
 * (their pages show as {@code DATA_FREE}), and truncated or dropped tables at once.
 */
public final class MysqlQuotaEnforcer {

    private static final String WRITE_PRIVILEGES = "INSERT, UPDATE, CREATE";
    private static final int ER_NO_SUCH_THREAD = 1094;

    private final MysqlChildDriver driver;

    /** An enforcer that opens its connections like {@code driver} (same timeouts, same secret scrubbing). */
    public MysqlQuotaEnforcer(MysqlChildDriver driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    /**
     * Measures the databases of one server and applies their quotas, in one admin connection.
     *
     * @param admin the server's admin endpoint (the cluster's)
     * @param quotas database name to quota in bytes; databases that do not exist are skipped
     * @return one check per existing database, sorted by database name
     * @throws ChildDriverException if the server cannot be reached or refuses a statement
     */
    public List<QuotaCheck> enforce(MysqlAdminEndpoint admin, Map<String, Long> quotas) {
        Map<String, Long> sorted = new TreeMap<>(quotas);
        sorted.forEach((database, quota) -> {
            MysqlChildDriver.checkIdentifier(MysqlChildDriver.DATABASE, "database name", database);
            if (quota <= 0) {
                throw new IllegalArgumentException("quota of database " + database + " must be positive: " + quota);
            }
        });
        List<QuotaCheck> checks = new ArrayList<>();
        if (sorted.isEmpty()) {
            return checks;
        }
        driver.run(admin, "enforce the quotas of " + sorted.size() + " database(s)", connection -> {
            refreshRestricted(connection, admin, sorted);
            Map<String, Long> sizes = sizes(connection, sorted);
            for (Map.Entry<String, Long> entry : sizes.entrySet()) {
                String database = entry.getKey();
                long quota = sorted.getOrDefault(database, Long.MAX_VALUE);
                checks.add(apply(connection, admin, database, entry.getValue(), quota));
            }
            return null;
        });
        return Collections.unmodifiableList(checks);
    }

    /**
     * Brings the statistics of the databases whose writes are revoked up to date ({@code ANALYZE TABLE}, which samples
     * a few pages per table): their users can no longer run it (it needs {@code INSERT}), and without it the rows they
     * delete to get back under quota would not show in the sizes.
     */
    private static void refreshRestricted(Connection connection, MysqlAdminEndpoint admin, Map<String, Long> databases)
            throws SQLException {
        for (String database : databases.keySet()) {
            if (writers(connection, admin, database, false).isEmpty()) {
                continue;
            }
            List<String> tables = new ArrayList<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                            + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    // the result set only reports the status of the table
                    statement.execute("ANALYZE TABLE `" + database + "`.`" + table.replace("`", "``") + "`");
                }
            }
        }
    }

    /** The size of each existing database among {@code databases} (0 for one without tables), sorted by name. */
    private static Map<String, Long> sizes(Connection connection, Map<String, Long> databases) throws SQLException {
        Map<String, Long> sizes = new TreeMap<>();
        String placeholders = String.join(", ", Collections.nCopies(databases.size(), "?"));
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (" + placeholders + ")")) {
            bind(query, databases);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sizes.put(rows.getString(1), 0L);
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT TABLE_SCHEMA, COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA IN (" + placeholders + ") GROUP BY TABLE_SCHEMA")) {
            bind(query, databases);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sizes.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return sizes;
    }

    private static void bind(PreparedStatement query, Map<String, Long> databases) throws SQLException {
        int index = 1;
        for (String database : databases.keySet()) {
            query.setString(index++, database);
        }
    }

    private static QuotaCheck apply(
            Connection connection, MysqlAdminEndpoint admin, String database, long used, long quota)
            throws SQLException {
        boolean over = used >= quota;
        List<String> changed = writers(connection, admin, database, over);
        String pattern = MysqlChildDriver.grantPattern(database);
        try (Statement statement = connection.createStatement()) {
            for (String user : changed) {
                statement.execute(
                        over
                                ? "REVOKE " + WRITE_PRIVILEGES + " ON `" + pattern + "`.* FROM '" + user + "'@'%'"
                                : "GRANT " + WRITE_PRIVILEGES + " ON `" + pattern + "`.* TO '" + user + "'@'%'");
            }
        }
        for (String user : changed) {
            killConnections(connection, user);
        }
        return over
                ? new QuotaCheck(database, used, quota, true, changed, List.of())
                : new QuotaCheck(database, used, quota, false, List.of(), changed);
    }

    /**
     * The writers of {@code database} (users holding {@code DELETE} on it, the admin excepted) that hold {@code
     * INSERT} ({@code inserting} true) or lack it (false), sorted.
     */
    private static List<String> writers(
            Connection connection, MysqlAdminEndpoint admin, String database, boolean inserting) throws SQLException {
        List<String> users = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT User, Insert_priv FROM mysql.db"
                + " WHERE (Db = ? OR Db = ?) AND Host = '%' AND Delete_priv = 'Y' ORDER BY User")) {
            query.setString(1, database);
            query.setString(2, MysqlChildDriver.grantPattern(database));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String user = rows.getString(1);
                    if ("Y".equals(rows.getString(2)) == inserting
                            && MysqlChildDriver.USER.matcher(user).matches()
                            && !user.equals(admin.adminUsername())) {
                        users.add(user);
                    }
                }
            }
        }
        return users;
    }

    /** Kills {@code user}'s open connections, so that they reconnect with the new privileges. */
    private static void killConnections(Connection connection, String user) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            query.setString(1, user);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (long id : ids) {
                try {
                    statement.execute("KILL CONNECTION " + id);
                } catch (SQLException e) {
                    if (e.getErrorCode() != ER_NO_SUCH_THREAD) {
                        throw e;
                    }
                }
            }
        }
    }
}
