package io.dedicate.broker.http;

/** Bad input, on the state store this run uses ({@link TestStores}: H2, then PostgreSQL). */
class BadInputTest extends BadInputContract {}
