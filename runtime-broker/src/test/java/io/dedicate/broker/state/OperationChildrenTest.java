package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The update cascade's snapshot ({@code operation_child}, migration V4) on H2 and on PostgreSQL: an update, upgrade or
 * recreate records the cluster's live children in the transaction that starts it, a refused start records nothing, a
 * delete records nothing, and the dashboard's queries read it back.
 */
class OperationChildrenTest {

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anUpdateRecordsTheLiveChildrenAtItsStart(String database) {
        try (HikariDataSource pool = pool(database)) {
            StateStore store = new StateStore(pool, Clock.fixed(StateStoreContract.NOW, ZoneOffset.UTC));
            readyCluster(store, "cl");
            readyCluster(store, "other");
            store.createChild(StateStoreContract.child("b-child", "cl"));
            store.markChildReady("b-child");
            store.createChild(StateStoreContract.child("a-child", "cl"));
            store.createChild(StateStoreContract.child("gone-child", "cl"));
            store.markChildDeleted("gone-child");
            store.createChild(StateStoreContract.child("elsewhere", "other"));

            store.startOperation(StateStoreContract.update("up-1", "cl", "plan-large"));
            assertThat(store.affectedChildren("up-1")).containsExactly("a-child", "b-child");
            assertThat(store.latestOperationAffecting("a-child"))
                    .hasValueSatisfying(operation -> assertThat(operation.id()).isEqualTo("up-1"));
            assertThat(store.latestOperationAffecting("elsewhere")).isEmpty();

            // refused while up-1 runs: no operation, no snapshot
            assertThatThrownBy(() -> store.startOperation(StateStoreContract.update("up-2", "cl", "plan-large")))
                    .isInstanceOf(OperationInProgressException.class);
            assertThat(store.affectedChildren("up-2")).isEmpty();

            store.finishOperation("up-1", OperationState.SUCCEEDED, null, null, null);
            store.createChild(StateStoreContract.child("c-child", "cl"));
            store.startOperation(StateStoreContract.operation("re-1", "cl", OperationKind.RECREATE, "plan-large"));
            assertThat(store.affectedChildren("re-1")).containsExactly("a-child", "b-child", "c-child");
            assertThat(store.affectedChildrenOfCluster("cl"))
                    .isEqualTo(Map.of(
                            "re-1", List.of("a-child", "b-child", "c-child"), "up-1", List.of("a-child", "b-child")));
            assertThat(store.affectedChildrenOfCluster("other")).isEmpty();
            store.finishOperation("re-1", OperationState.FAILED, null, null, null);

            // a delete is refused while children live and records nothing either way
            assertThatThrownBy(() -> store.startOperation(
                            StateStoreContract.operation("del-1", "cl", OperationKind.DELETE, "plan-large")))
                    .isInstanceOf(ChildrenExistException.class);
            assertThat(store.affectedChildren("del-1")).isEmpty();

            assertThat(store.liveChildRecords("cl"))
                    .extracting(InstanceRecord::id)
                    .containsExactly("a-child", "b-child", "c-child");
            store.claimBinding("bind-1", "b-child", "u1", "d");
            store.completeBinding("bind-1", "sealed");
            store.claimBinding("bind-2", "b-child", "u2", "d");
            store.claimBinding("bind-3", "a-child", "u3", "d");
            store.completeBinding("bind-3", "sealed");
            store.markBindingDeleted("bind-3");
            assertThat(store.liveBindingsOfCluster("cl")).isEqualTo(Map.of("b-child", 2L));
        }
    }

    private HikariDataSource pool(String database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(
                database.equals("h2")
                        ? "jdbc:h2:file:" + tempDir.resolve("state").toAbsolutePath()
                        : PostgresDatabases.newJdbcUrl());
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        StateStore.migrate(pool);
        return pool;
    }

    private static void readyCluster(StateStore store, String id) {
        store.createInstance(StateStoreContract.cluster(id), StateStoreContract.deploy("deploy-" + id, id));
        assertThat(store.finishOperation("deploy-" + id, OperationState.SUCCEEDED, null, null, null))
                .isTrue();
    }
}
