/**
 * The state store in JDBC (H2 file by default, PostgreSQL in production), migrated by Flyway: one store per topic
 * ({@link io.dedicate.broker.state.InstanceStore}, {@link io.dedicate.broker.state.OperationStore}, {@link
 * io.dedicate.broker.state.ChildStore}, {@link io.dedicate.broker.state.BindingStore}, {@link
 * io.dedicate.broker.state.DelegatedOperationStore}) over one {@link io.dedicate.broker.state.StateDatabase}.
 */
@NullMarked
package io.dedicate.broker.state;

import org.jspecify.annotations.NullMarked;
