package io.dedicate.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class NameBasedIdsTest {

    @Test
    void idsAreRfc4122Version5() {
        UUID id = UUID.fromString(NameBasedIds.planId("redis-on-demand", "cluster-small"));
        assertEquals(5, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void matchesAnIndependentImplementation() {
        // Python: uuid.uuid5(uuid.UUID("5b0d7f2e-3c1a-4e8b-9d6f-0a2c4e6b8d1f"), "service:mysql-on-demand")
        assertEquals("8de0837c-7c94-5680-aabb-1a527f3ab4ad", NameBasedIds.serviceId("mysql-on-demand"));
        // Python: uuid.uuid5(..., "plan:mysql-on-demand/database")
        assertEquals("208335a1-c29f-5695-98a7-7b223c68b9f9", NameBasedIds.planId("mysql-on-demand", "database"));
    }

    @Test
    void serviceAndPlanNamespacesDoNotCollide() {
        assertNotEquals(NameBasedIds.serviceId("a"), NameBasedIds.planId("a", ""));
        assertNotEquals(NameBasedIds.planId("a-b", "c"), NameBasedIds.planId("a", "b-c"));
    }
}
