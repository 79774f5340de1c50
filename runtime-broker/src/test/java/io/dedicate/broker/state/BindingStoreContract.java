package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What {@link BindingStore} promises: a binding claimed once, completed, deleted, abandoned, and ended with its child. Run on H2 and on PostgreSQL (see {@link StoreContract}).
 */
abstract class BindingStoreContract extends StoreContract {

    @Test
    void aBindingIsClaimedOnceCompletedAndDeleted() {
        readyCluster("cl");
        children().createChild(child("c-1", "cl"));
        assertThat(bindings().findBinding("b-1")).isEmpty();
        assertThat(bindings().claimBinding("b-1", "c-1", "u_1", "d".repeat(64))).isTrue();
        assertThat(bindings().claimBinding("b-1", "c-1", "u_1", "d".repeat(64))).isFalse();
        assertThat(bindings().findBinding("b-1"))
                .get()
                .extracting(BindingRecord::status)
                .isEqualTo(BindingStatus.CREATING);
        assertThat(bindings().markBindingDeleted("b-1")).isFalse();
        assertThat(bindings().completeBinding("b-1", "sealed")).isTrue();
        assertThat(bindings().completeBinding("b-1", "other")).isFalse();
        BindingRecord ready = bindings().findBinding("b-1").orElseThrow();
        assertThat(ready)
                .isEqualTo(new BindingRecord("b-1", "c-1", "u_1", BindingStatus.READY, "d".repeat(64), "sealed", NOW));
        assertThat(bindings().liveBindings("c-1")).isEqualTo(1);
        assertThat(bindings().markBindingDeleted("b-1")).isTrue();
        assertThat(bindings().markBindingDeleted("b-1")).isFalse();
        assertThat(bindings().findBinding("b-1").orElseThrow().sealedCredentials())
                .isNull();
        assertThat(bindings().liveBindings("c-1")).isZero();
        assertThat(bindings().claimBinding("b-1", "c-1", "u_1", "e".repeat(64))).isTrue();
        assertThat(bindings().abandonBinding("b-1")).isTrue();
        assertThat(bindings().claimBinding("b-2", "c-1", "u_2", "e".repeat(64))).isTrue();
        assertThat(bindings().completeBinding("b-2", "sealed")).isTrue();
        assertThat(children().markChildDeleted("c-1")).isTrue();
        assertThat(bindings().findBinding("b-2").orElseThrow().status()).isEqualTo(BindingStatus.DELETED);
    }
}
