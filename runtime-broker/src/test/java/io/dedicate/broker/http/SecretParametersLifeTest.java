package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dedicate.broker.drivers.MariaDbServer;
import io.dedicate.broker.drivers.MysqlAdminEndpoint;
import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.secrets.SecretParametersRecipient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's "nothing secret in git", over a whole cluster life: {@code mysql.offering} with one secret cluster
 * parameter ({@code backup_password}, given to pxc-mysql's {@code mysql_backup_password}), compiled by the real
 * compiler, served by the real broker committing to a real git repository, children on the real MariaDB. Provision,
 * update (a new secret value), a database inside the cluster, a binding, unbind, delete the database, delete the
 * cluster. Each deploy's {@code secrets.cms} is opened with the real {@code openssl cms -decrypt} and the private key
 * the broker generated in its data directory, as the deploy task does. Then every blob and commit message of the
 * repository's whole history is searched for every secret value, the report signing key, the private key and the
 * binding's password, and so is every column of every table of the state store.
 */
class SecretParametersLifeTest {

    static final String SERVICE = ClusterLifeContract.SERVICE;
    static final String SMALL = ClusterLifeContract.SMALL;
    static final String DB_100MB = ChildDatabaseTest.DB_100MB;

    static final String FIRST_SECRET = "first-Backup-S3cret-" + UUID.randomUUID();
    static final String SECOND_SECRET = "second-Backup-S3cret-" + UUID.randomUUID();

    @TempDir
    Path data;

    String jdbcUrl;
    RunningBroker broker;
    OsbClient osb;
    DeploymentRepository repository;

    @BeforeEach
    void start() {
        Path bundle = TunedOfferings.bundle(
                data.resolve("tuned"),
                Map.of(
                        "    character_set : string = \"utf8mb4\" length 1..32 pattern \"^[a-z0-9]+$\" create_only"
                                + " \"Server character set\"\n",
                        "    character_set : string = \"utf8mb4\" length 1..32 pattern \"^[a-z0-9]+$\" create_only"
                                + " \"Server character set\"\n"
                                + "    backup_password : string length 16..64 secret \"Password of the backup"
                                + " user\"\n",
                        "property mysql_backup_password = vars.mysql_backup_password",
                        "property mysql_backup_password = params.backup_password"));
        jdbcUrl = TestStores.jdbcUrl(data);
        broker = new RunningBroker(bundle, data, jdbcUrl, Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
        repository = new DeploymentRepository(data.resolve("deployments.git"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aClusterLifeWithASecretParameterLeavesNoSecretInGitNorInTheStateStore() throws Exception {
        Path keyFile = data.resolve(SecretParametersRecipient.GENERATED_PRIVATE_KEY);
        assertThat(keyFile).as("the generated private key").exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        String cluster = UUID.randomUUID().toString();
        String folder = ClusterLifeContract.ORG + "/" + ClusterLifeContract.SPACE + "/" + cluster;

        Answer unsafe = osb.put(
                ClusterLifeContract.instancePath(UUID.randomUUID().toString()) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(
                        SMALL, Map.of("backup_password", "unsafe-value-((dedicate_admin_password))")));
        assertThat(unsafe.status()).as(unsafe.toString()).isEqualTo(400);
        assertThat(unsafe.text("description")).contains("backup_password").doesNotContain("unsafe-value");

        Answer created = osb.put(
                ClusterLifeContract.instancePath(cluster) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(SMALL, Map.of("backup_password", FIRST_SECRET)));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String manifest = file(folder + "/manifest.yml");
        assertThat(manifest)
                .contains("mysql_backup_password: \"((dedicate_secret_backup_password))\"")
                .doesNotContain(FIRST_SECRET);
        assertThat(decrypt(folder, keyFile)).isEqualTo("dedicate_secret_backup_password: \"" + FIRST_SECRET + "\"\n");
        String pipeline = file(folder + "/pipeline.yml");
        assertThat(pipeline)
                .contains("SECRET_PARAMETERS_PRIVATE_KEY: \"((secret_parameters_private_key))\"")
                .contains("openssl cms -decrypt");

        MysqlAdminEndpoint admin = MariaDbServer.get().admin();
        Map<String, Object> outputs = MariaDbServer.get().clusterOutputs();
        assertThat(SharingTest.report(repository, cluster, outputs).status()).isEqualTo(200);
        Answer fetched = osb.get(ClusterLifeContract.instancePath(cluster));
        assertThat(ChildDatabaseTest.json(fetched)
                        .path("parameters")
                        .path("backup_password")
                        .asText())
                .isEqualTo("(secret)");

        Answer updated = osb.patch(
                ClusterLifeContract.instancePath(cluster) + "?accepts_incomplete=true",
                ClusterLifeContract.update(null, Map.of("backup_password", SECOND_SECRET)));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(202);
        assertThat(decrypt(folder, keyFile)).isEqualTo("dedicate_secret_backup_password: \"" + SECOND_SECRET + "\"\n");
        assertThat(file(folder + "/manifest.yml")).isEqualTo(manifest);
        assertThat(SharingTest.report(repository, cluster, outputs).status()).isEqualTo(200);

        String child = UUID.randomUUID().toString();
        Answer database = osb.put(
                ChildDatabaseTest.path(child),
                ChildDatabaseTest.childBody(DB_100MB, Map.of("cluster", "my-cluster"), "my-db"));
        assertThat(database.status()).as(database.toString()).isEqualTo(201);
        String binding = UUID.randomUUID().toString();
        Answer bound = osb.put(ChildDatabaseTest.bindingPath(child, binding), ChildDatabaseTest.bindBody(Map.of()));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
        JsonNode credentials = ChildDatabaseTest.json(bound).get("credentials");
        String bindingPassword = credentials.get("password").asText();
        assertThat(bindingPassword).hasSizeGreaterThanOrEqualTo(16);
        String query = "?service_id=" + SERVICE + "&plan_id=" + DB_100MB;
        assertThat(osb.delete(ChildDatabaseTest.bindingPath(child, binding) + query)
                        .status())
                .isEqualTo(200);
        assertThat(osb.delete(ChildDatabaseTest.path(child) + query).status()).isEqualTo(200);

        Answer deleted = osb.delete(ClusterLifeContract.instancePath(cluster) + "?accepts_incomplete=true&service_id="
                + SERVICE + "&plan_id=" + SMALL);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(decrypt(folder, keyFile))
                .as("the delete operation's files carry the current values too")
                .isEqualTo("dedicate_secret_backup_password: \"" + SECOND_SECRET + "\"\n");
        assertThat(SharingTest.report(repository, cluster, outputs).status()).isEqualTo(200);
        awaitRemoved(folder + "/secrets.cms");

        List<String> secrets = new ArrayList<>(List.of(
                FIRST_SECRET, SECOND_SECRET, RunningBroker.REPORT_SIGNING_KEY, bindingPassword, admin.adminPassword()));
        secrets.addAll(privateKeyForms(Files.readString(keyFile, StandardCharsets.US_ASCII)));
        broker.stop();
        int blobs = repository.assertNoBlobContains(secrets.toArray(String[]::new));
        assertThat(blobs).as("blobs read from the whole history").isGreaterThan(10);
        assertNoRowContains(secrets);
    }

    /** {@code openssl cms -decrypt} of the folder's secrets.cms with the generated key, as the deploy task runs it. */
    private String decrypt(String folder, Path keyFile) throws Exception {
        Path work = Files.createTempDirectory(data, "task");
        Files.writeString(work.resolve("secrets.cms"), file(folder + "/secrets.cms"));
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "cms",
                        "-decrypt",
                        "-inform",
                        "PEM",
                        "-in",
                        "secrets.cms",
                        "-inkey",
                        keyFile.toString(),
                        "-out",
                        "secrets.yml")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as("openssl cms -decrypt: " + out).isZero();
        return Files.readString(work.resolve("secrets.yml"));
    }

    private void awaitRemoved(String path) throws InterruptedException {
        for (int i = 0; i < 100 && repository.read(path) != null; i++) {
            Thread.sleep(100);
        }
        assertThat(repository.read(path))
                .as(path + " after the delete succeeded")
                .isNull();
    }

    private String file(String path) {
        return SharingTest.file(repository, path);
    }

    /**
     * What would betray the generated private key (PKCS#8 PEM, EC P-256) if it leaked: its base64 body, its first line,
     * and its private scalar in hex and base64.
     */
    private static List<String> privateKeyForms(String pem) throws Exception {
        String body = pem.lines().filter(line -> !line.startsWith("-----")).collect(Collectors.joining());
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        byte[] scalar = key.getS().toByteArray();
        byte[] fixed = Arrays.copyOfRange(scalar, scalar.length - 32, scalar.length);
        assertThat(key.getS().bitLength()).as("the private scalar").isGreaterThan(200);
        return List.of(
                body,
                body.substring(0, Math.min(64, body.length())),
                HexFormat.of().formatHex(fixed),
                Base64.getEncoder().encodeToString(fixed));
    }

    /**
     * Every column of every row of every table of the state store (read after the broker stopped), as text: none
     * holds a secret. Sealed values (AES-GCM) and the envelope are fine; plain values are not.
     */
    private void assertNoRowContains(List<String> secrets) throws Exception {
        int cells = 0;
        try (Connection connection = TestStores.name().equals("h2")
                ? DriverManager.getConnection(jdbcUrl, "sa", "")
                : DriverManager.getConnection(jdbcUrl)) {
            DatabaseMetaData metadata = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet found = metadata.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (found.next()) {
                    String schema = found.getString("TABLE_SCHEM");
                    if (schema != null
                            && (schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                                    || schema.equalsIgnoreCase("pg_catalog"))) {
                        continue;
                    }
                    tables.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + found.getString("TABLE_NAME")
                            + "\"");
                }
            }
            assertThat(tables).as("tables of the state store").hasSizeGreaterThan(3);
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            String text;
                            if (value instanceof byte[] bytes) {
                                text = new String(bytes, StandardCharsets.UTF_8);
                            } else if (value instanceof java.sql.Clob clob) {
                                text = clob.getSubString(1, (int) clob.length());
                            } else if (value instanceof java.sql.Blob blob) {
                                text = new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
                            } else {
                                text = String.valueOf(value);
                            }
                            cells++;
                            for (String secret : secrets) {
                                assertThat(text.contains(secret))
                                        .as("table " + table + " column "
                                                + rows.getMetaData().getColumnName(column)
                                                + " holds a secret in plain text (" + secret.length()
                                                + " characters)")
                                        .isFalse();
                            }
                        }
                    }
                }
            }
        }
        assertThat(cells).as("cells read from the state store").isGreaterThan(50);
    }
}
