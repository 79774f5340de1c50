package io.dedicate.broker.http;

/** The cluster life, on the state store this run uses ({@link TestStores}: H2, then PostgreSQL). */
class ClusterLifeTest extends ClusterLifeContract {}
