package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dedicate.broker.http.OsbClient.Answer;
import io.dedicate.broker.offering.TestBundles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding API before child plans: binding a cluster answers 422 with the command that creates
 * a database inside it; unknown bindings and endpoints get OSB error bodies, never a 500.
 */
class BindingTest {

    @TempDir
    Path data;

    RunningBroker broker;
    OsbClient osb;

    @BeforeEach
    void start() {
        broker = new RunningBroker(TestBundles.mysqlBundle(), data, TestStores.jdbcUrl(data), Map.of()).start();
        osb = new OsbClient(broker::baseUrl);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void bindingAClusterShowsHowToCreateADatabaseInIt() {
        String id = UUID.randomUUID().toString();
        Answer created = osb.put(
                ClusterLifeContract.instancePath(id) + "?accepts_incomplete=true",
                ClusterLifeContract.provisionBody(ClusterLifeContract.SMALL, Map.of()));
        assertThat(created.status()).isEqualTo(202);
        Map<String, Object> bind = new LinkedHashMap<>();
        bind.put("service_id", ClusterLifeContract.SERVICE);
        bind.put("plan_id", ClusterLifeContract.SMALL);
        bind.put("bind_resource", Map.of("app_guid", "app-1"));
        Answer bound = osb.put(ClusterLifeContract.instancePath(id) + "/service_bindings/b-1", bind);
        assertThat(bound.status()).isEqualTo(422);
        assertThat(bound.text("description"))
                .contains("cf create-service mysql-on-demand")
                .contains("-c '{\"cluster\": \"my-cluster\"}'");
    }

    @Test
    void unknownBindingsAndEndpointsGetOsbErrors() {
        String binding = ClusterLifeContract.instancePath("i-1") + "/service_bindings/b-1";
        String query = "?service_id=" + ClusterLifeContract.SERVICE + "&plan_id=" + ClusterLifeContract.SMALL;
        Answer unbind = osb.delete(binding + query);
        assertThat(unbind.status()).isEqualTo(410);
        assertThat(unbind.text("description")).contains("does not exist");
        Answer fetched = osb.get(binding);
        assertThat(fetched.status()).isEqualTo(404);
        assertThat(fetched.text("description")).contains("does not exist");
        Answer bindUnknown = osb.put(
                binding, Map.of("service_id", ClusterLifeContract.SERVICE, "plan_id", ClusterLifeContract.SMALL));
        assertThat(bindUnknown.status()).isEqualTo(400);
        Answer nowhere = new OsbClient(broker::baseUrl).get("/v2/no-such-endpoint");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.text("description")).contains("no such endpoint");
    }
}
