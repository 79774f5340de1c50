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
            StateDatabase state = new StateDatabase(pool, Clock.fixed(StoreContract.NOW, ZoneOffset.UTC));
            InstanceStore instances = new InstanceStore(state);
            OperationStore operations = new OperationStore(state);
            ChildStore children = new ChildStore(state);
            BindingStore bindings = new BindingStore(state);
            readyCluster(instances, operations, "cl");
            readyCluster(instances, operations, "other");
            children.createChild(StoreContract.child("b-child", "cl"));
            children.markChildReady("b-child");
            children.createChild(StoreContract.child("a-child", "cl"));
            children.createChild(StoreContract.child("gone-child", "cl"));
            children.markChildDeleted("gone-child");
            children.createChild(StoreContract.child("elsewhere", "other"));

            operations.startOperation(StoreContract.update("up-1", "cl", "plan-large"));
            assertThat(operations.affectedChildren("up-1")).containsExactly("a-child", "b-child");
            assertThat(operations.latestOperationAffecting("a-child"))
                    .hasValueSatisfying(operation -> assertThat(operation.id()).isEqualTo("up-1"));
            assertThat(operations.latestOperationAffecting("elsewhere")).isEmpty();

            // refused while up-1 runs: no operation, no snapshot
            assertThatThrownBy(() -> operations.startOperation(StoreContract.update("up-2", "cl", "plan-large")))
                    .isInstanceOf(OperationInProgressException.class);
            assertThat(operations.affectedChildren("up-2")).isEmpty();

            operations.finishOperation("up-1", OperationState.SUCCEEDED, null, null, null);
            children.createChild(StoreContract.child("c-child", "cl"));
            operations.startOperation(StoreContract.operation("re-1", "cl", OperationKind.RECREATE, "plan-large"));
            assertThat(operations.affectedChildren("re-1")).containsExactly("a-child", "b-child", "c-child");
            assertThat(operations.affectedChildrenOfCluster("cl"))
                    .isEqualTo(Map.of(
                            "re-1", List.of("a-child", "b-child", "c-child"), "up-1", List.of("a-child", "b-child")));
            assertThat(operations.affectedChildrenOfCluster("other")).isEmpty();
            operations.finishOperation("re-1", OperationState.FAILED, null, null, null);

            // a delete is refused while children live and records nothing either way
            assertThatThrownBy(() -> operations.startOperation(
                            StoreContract.operation("del-1", "cl", OperationKind.DELETE, "plan-large")))
                    .isInstanceOf(ChildrenExistException.class);
            assertThat(operations.affectedChildren("del-1")).isEmpty();

            assertThat(children.liveChildRecords("cl"))
                    .extracting(InstanceRecord::id)
                    .containsExactly("a-child", "b-child", "c-child");
            bindings.claimBinding("bind-1", "b-child", "u1", "d");
            bindings.completeBinding("bind-1", "sealed");
            bindings.claimBinding("bind-2", "b-child", "u2", "d");
            bindings.claimBinding("bind-3", "a-child", "u3", "d");
            bindings.completeBinding("bind-3", "sealed");
            bindings.markBindingDeleted("bind-3");
            assertThat(bindings.liveBindingsOfCluster("cl")).isEqualTo(Map.of("b-child", 2L));
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
        StateDatabase.migrate(pool);
        return pool;
    }

    private static void readyCluster(InstanceStore instances, OperationStore operations, String id) {
        instances.createInstance(StoreContract.cluster(id), StoreContract.deploy("deploy-" + id, id));
        assertThat(operations.finishOperation("deploy-" + id, OperationState.SUCCEEDED, null, null, null))
                .isTrue();
    }
}
