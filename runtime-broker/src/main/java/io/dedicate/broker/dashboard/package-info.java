/** The instance dashboard: an HTML page per cluster (plan, state, operations), behind the broker credentials. */
@NullMarked
package io.dedicate.broker.dashboard;

import org.jspecify.annotations.NullMarked;
