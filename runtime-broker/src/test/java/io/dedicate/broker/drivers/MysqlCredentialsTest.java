package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void namesComeFromOsbIdsStablyAndFitMysqlLimits() {
        String instanceId = "1B9E7A52-3F2C-4d8e-9A0b-7C6D5E4F3A2B";

        assertThat(MysqlChildDriver.databaseName(instanceId)).isEqualTo("d_1b9e7a523f2c4d8e9a0b7c6d5e4f3a");
        assertThat(MysqlChildDriver.userName(instanceId)).isEqualTo("u_1b9e7a523f2c4d8e9a0b7c6d5e4f3a");
        assertThat(MysqlChildDriver.userName(instanceId)).hasSize(32);
        assertThat(MysqlChildDriver.databaseName("my-instance"))
                .isEqualTo(MysqlChildDriver.databaseName("my-instance"))
                .isNotEqualTo(MysqlChildDriver.databaseName("my-instance2"))
                .matches("d_[0-9a-f]{30}");
        assertThat(MysqlChildDriver.userName("binding id with spaces")).matches("u_[0-9a-f]{30}");
        assertThatThrownBy(() -> MysqlChildDriver.databaseName(" ")).hasMessageContaining("blank");
    }
}
