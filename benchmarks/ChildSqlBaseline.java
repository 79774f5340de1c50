import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The floor under the broker's child provision + bind: the same statements, bare, over JDBC on the
 * same MySQL server. Runs as a single-file program (java -cp MARIADB_JDBC_JAR ChildSqlBaseline.java),
 * outside the Maven build, for benchmarks/child-bench.sh.
 *
 * <p>Two measurements of COUNT iterations each, timed from the first statement to the last answer:
 * {@code statements}: CREATE DATABASE, CREATE USER ... IDENTIFIED BY ?, GRANT ALL on one open
 * connection (the bare statements); {@code connections}: the same with a new connection for the
 * database and another for the user, as the broker's mysql driver opens them.
 *
 * <p>Then every database and user it created is dropped again (not timed), so that the server is as it found
 * it: these statements slow down as the server's databases and users grow, and child-bench.sh runs this
 * first, on the empty server, so that the broker's pairs are then timed with as many databases and users
 * on the server as these statements were.
 *
 * <p>Prints one line per measurement: "NAME count=N p50_ms=X p90_ms=X p99_ms=X max_ms=X".
 *
 * <pre>java -cp mariadb-java-client.jar ChildSqlBaseline.java HOST PORT USER PASSWORD COUNT WARMUP</pre>
 */
public final class ChildSqlBaseline {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The IDs of the databases and users created, to drop them at the end. */
    private static final List<String> CREATED = new ArrayList<>();

    public static void main(String[] args) throws SQLException {
        if (args.length != 6) {
            System.err.println("usage: ChildSqlBaseline HOST PORT USER PASSWORD COUNT WARMUP");
            System.exit(2);
        }
        String url = "jdbc:mariadb://" + args[0] + ":" + args[1] + "/";
        Properties properties = new Properties();
        properties.setProperty("user", args[2]);
        properties.setProperty("password", args[3]);
        properties.setProperty("useServerPrepStmts", "false");
        int count = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            for (int i = 0; i < warmup; i++) {
                String id = newId();
                createDatabase(connection, id);
                createUser(connection, id);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = newId();
                long start = System.nanoTime();
                createDatabase(connection, id);
                createUser(connection, id);
                times.add((System.nanoTime() - start) / 1e6);
            }
            print("statements", times);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = newId();
            long start = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(url, properties)) {
                createDatabase(connection, id);
            }
            try (Connection connection = DriverManager.getConnection(url, properties)) {
                createUser(connection, id);
            }
            times.add((System.nanoTime() - start) / 1e6);
        }
        print("connections", times);
        dropAll(url, properties);
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void dropAll(String url, Properties properties) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            for (String id : CREATED) {
                statement.execute("DROP USER IF EXISTS 'v_" + id + "'@'%'");
                statement.execute("DROP DATABASE IF EXISTS `b_" + id + "`");
            }
        }
    }

    private static void createDatabase(Connection connection, String id) throws SQLException {
        CREATED.add(id);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `b_" + id + "` CHARACTER SET utf8mb4 COLLATE"
                    + " utf8mb4_unicode_ci");
        }
    }

    private static void createUser(Connection connection, String id) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement("CREATE USER 'v_" + id + "'@'%' IDENTIFIED BY ?")) {
            create.setString(1, newId() + newId());
            create.execute();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("GRANT ALL PRIVILEGES ON `b\\_" + id + "`.* TO 'v_" + id + "'@'%'");
        }
    }

    private static void print(String name, List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.println(String.format(
                Locale.ROOT,
                "%s count=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f",
                name,
                sorted.size(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.90),
                percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1)));
    }

    /** The nearest-rank percentile of an ascending list. */
    private static double percentile(List<Double> sorted, double fraction) {
        int rank = Math.max(1, (int) Math.ceil(fraction * sorted.size()));
        return sorted.get(rank - 1);
    }
}
