/**
 * The broker's data directory: held exclusively while the broker runs ({@link io.dedicate.broker.datadir.DataDirectory}),
 * so that whatever lock file a crash left in it can be known stale, and kept private (folders 0700, files 0600).
 */
@NullMarked
package io.dedicate.broker.datadir;

import org.jspecify.annotations.NullMarked;
