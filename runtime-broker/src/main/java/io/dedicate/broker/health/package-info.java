/**
 * What the broker tells a monitor about itself ({@link io.dedicate.broker.health.HealthController}): the git locks it
 * cannot prove stale, which stop its commits until someone removes them.
 */
@NullMarked
package io.dedicate.broker.health;

import org.jspecify.annotations.NullMarked;
