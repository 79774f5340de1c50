/**
 * Child drivers: how a child plan's instances and bindings are created inside their dedicated cluster. The
 * {@code mysql} driver creates one database per child instance and one user per binding on the cluster's MySQL
 * admin endpoint.
 */
@NullMarked
package io.dedicate.broker.children;

import org.jspecify.annotations.NullMarked;
