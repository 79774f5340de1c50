/** The state store: service instances and operations in JDBC (H2 file by default, PostgreSQL in production), migrated by Flyway. */
@NullMarked
package io.dedicate.broker.state;

import org.jspecify.annotations.NullMarked;
