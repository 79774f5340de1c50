package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.bundle.model.DriverKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding credentials, endpoint records and derived names: formats, order, masking. */
class MysqlCredentialsTest {

    private final MysqlCredentials credentials =
            new MysqlCredentials("db.example.org", 3306, "d_abc", "u_abc", "p@ss word:/x");

    @Test
    void urlsEncodeUserAndPassword() {
        assertThat(credentials.uri())
                .isEqualTo("mysql://u_abc:p%40ss%20word%3A%2Fx@db.example.org:3306/d_abc?reconnect=true");
        assertThat(credentials.jdbcUrl())
                .isEqualTo("jdbc:mysql://db.example.org:3306/d_abc?user=u_abc&password=p%40ss%20word%3A%2Fx");
    }

    @Test
    void bindingCredentialsHaveTheSevenKeysInOrderAndMaskThePasswordInText() {
        Map<String, Object> map = credentials.asBindingCredentials();

        assertThat(map)
                .containsExactly(
                        Map.entry("hostname", "db.example.org"),
                        Map.entry("port", 3306),
                        Map.entry("name", "d_abc"),
                        Map.entry("username", "u_abc"),
                        Map.entry("password", "p@ss word:/x"),
                        Map.entry("uri", credentials.uri()),
                        Map.entry("jdbcUrl", credentials.jdbcUrl()));
        assertThat(map.keySet())
                .as("the keys the bundle contract documents (dedicate docs prints them)")
                .containsExactlyElementsOf(DriverKind.MYSQL.bindingCredentials());
        assertThat(map.toString())
                .doesNotContain("p@ss word:/x")
                .doesNotContain("p%40ss")
                .contains("u_abc");
        assertThat(credentials.toString()).doesNotContain("p@ss").contains("u_abc", "d_abc");
        assertThatThrownBy(() -> map.put("password", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void endpointToStringHidesThePasswordAndBadEndpointsAreRefused() {
        MysqlAdminEndpoint endpoint = new MysqlAdminEndpoint("10.0.0.5", 3306, "admin", "s3cret-admin");

        assertThat(endpoint.toString()).doesNotContain("s3cret-admin").contains("10.0.0.5", "3306", "admin");
        assertThat(endpoint.address()).isEqualTo("10.0.0.5:3306");
        assertThatThrownBy(() -> new MysqlAdminEndpoint(" ", 3306, "admin", "x"))
                .hasMessageContaining("host is blank");
        assertThatThrownBy(() -> new MysqlAdminEndpoint("h", 70000, "admin", "x"))
                .hasMessageContaining("port 70000");
        assertThatThrownBy(() -> new MysqlAdminEndpoint("h", 3306, "", "x")).hasMessageContaining("admin user");
    }

    @Test
    void namesComeFromWholeOsbIdsStablyAndFitMysqlLimits() {
        String uuid = "1b9e7a52-3f2c-4d8e-9a0b-7c6d5e4f3a2b";
        // expected values from Python's base64.b32encode and hashlib.sha256, lower-cased, padding removed
        assertThat(MysqlChildDriver.databaseName(uuid)).isEqualTo("d_1b9e7a523f2c4d8e9a0b7c6d5e4f3a2b");
        assertThat(MysqlChildDriver.userName(uuid)).isEqualTo("u_dophuur7frgy5gqlprwv4tz2fm");
        assertThat(MysqlChildDriver.databaseName("my-instance"))
                .isEqualTo("d_hobdmp2ykucjkiahqggq4bivb2yuurfbv6fquk42pzser4b5esloq")
                .hasSize(55);
        // not canonical (upper case): hashed, so that it cannot meet the lower-case UUID's names
        String upper = "1B9E7A52-3F2C-4d8e-9A0b-7C6D5E4F3A2B";
        assertThat(MysqlChildDriver.userName(upper))
                .isEqualTo("u_h7kpfihv32e2c43zg2rlxvktu2is7t")
                .hasSize(32);
        assertThat(MysqlChildDriver.databaseName(upper)).isNotEqualTo(MysqlChildDriver.databaseName(uuid));
        assertThat(MysqlChildDriver.userName("binding id with spaces")).matches("u_h[a-z2-7]{29}");
        assertThatThrownBy(() -> MysqlChildDriver.databaseName(" ")).hasMessageContaining("blank");
    }

    @Test
    void idsThatSharedADatabaseBeforeNoLongerDo() {
        // the same first 30 hex digits: one legacy name, two names now
        String one = "1b9e7a52-3f2c-4d8e-9a0b-7c6d5e4f3a2b";
        String other = "1b9e7a52-3f2c-4d8e-9a0b-7c6d5e4f3a99";
        assertThat(MysqlChildDriver.legacyDatabaseName(one))
                .isEqualTo(MysqlChildDriver.legacyDatabaseName(other))
                .isEqualTo("d_1b9e7a523f2c4d8e9a0b7c6d5e4f3a");
        assertThat(MysqlChildDriver.databaseName(one)).isNotEqualTo(MysqlChildDriver.databaseName(other));
        assertThat(MysqlChildDriver.userName(one)).isNotEqualTo(MysqlChildDriver.userName(other));
        // the three forms never meet: 32 (legacy), 34 (UUID) and 55 (hashed) characters
        assertThat(MysqlChildDriver.legacyDatabaseName("my-instance")).hasSize(32);
        for (String id : new String[] {one, "my-instance", "A".repeat(64)}) {
            assertThat(MysqlChildDriver.databaseName(id)).hasSizeLessThanOrEqualTo(64);
            assertThat(MysqlChildDriver.userName(id)).hasSizeLessThanOrEqualTo(32);
        }
    }
}
