/**
 * The child drivers: {@code mysql} (the broker creates one database per child and one user per binding on the
 * cluster's MySQL admin endpoint, and enforces plan quotas) and {@code delegate} (the OSB calls are forwarded to the
 * cluster's own broker), each implementing {@link io.dedicate.broker.children.ChildDriver}.
 */
@NullMarked
package io.dedicate.broker.drivers;

import org.jspecify.annotations.NullMarked;
