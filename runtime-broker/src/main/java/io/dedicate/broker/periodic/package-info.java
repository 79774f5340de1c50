/**
 * The broker's background work in one place: {@link io.dedicate.broker.periodic.PeriodicWork} runs every {@link
 * io.dedicate.broker.periodic.PeriodicPass}, each guarded on its own.
 */
@NullMarked
package io.dedicate.broker.periodic;

import org.jspecify.annotations.NullMarked;
