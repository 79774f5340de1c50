/**
 * The cluster dashboard: an HTML page per cluster (plan, state, operations, every child and which operation affected
 * which child), opened with a signed expiring link or the broker's credentials.
 */
@NullMarked
package io.dedicate.broker.dashboard;

import org.jspecify.annotations.NullMarked;
